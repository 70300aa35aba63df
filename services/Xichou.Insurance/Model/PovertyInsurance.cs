namespace Xichou.Insurance.Model;

/// <summary>
/// A household's poverty-prevention insurance (防贫保险, 措施九（一）) for a year, with the premium split as the measure says:
/// “参保资金由挂包帮单位、县级统筹共同承担”.
/// </summary>
public sealed class PovertyInsuranceEnrolment
{
    public const int MaxPairingUnitLength = 100;

    public Guid HouseholdId { get; private set; }
    public int Year { get; private set; }
    public DateOnly EnrolledOn { get; private set; }
    public string PairingUnit { get; private set; } = "";
    public decimal PairingUnitShareYuan { get; private set; }
    public decimal CountyShareYuan { get; private set; }
    public decimal PremiumYuan => PairingUnitShareYuan + CountyShareYuan;
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static PovertyInsuranceEnrolment Record(Guid householdId, int year, DateOnly enrolledOn, string pairingUnit, decimal pairingUnitShareYuan,
        decimal countyShareYuan, string by, DateTimeOffset at) => new()
    {
        HouseholdId = householdId,
        Year = year,
        EnrolledOn = enrolledOn,
        PairingUnit = pairingUnit,
        PairingUnitShareYuan = pairingUnitShareYuan,
        CountyShareYuan = countyShareYuan,
        RecordedBy = by,
        RecordedAt = at,
    };
}

/// <summary>A claim's state: reported → assessed → paid, or refused (at report or after assessment).</summary>
public enum ClaimStatus
{
    Reported,
    Assessed,
    Paid,
    Refused,
}

/// <summary>A poverty-prevention insurance claim (防贫保险理赔) in one of the seven covered kinds.</summary>
public sealed class PreventionClaim
{
    public const int MaxTextLength = 500;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Kind { get; private set; } = "";
    public ClaimStatus Status { get; private set; }
    public string Description { get; private set; } = "";

    /// <summary>The department's finding (its RiskIdentified id) that opened the claim for review; null for one reported by hand. Unique.</summary>
    public Guid? SourceFindingId { get; private set; }

    public string? SourceDepartment { get; private set; }
    public string ReportedBy { get; private set; } = "";
    public DateTimeOffset ReportedAt { get; private set; }
    public decimal? AssessedYuan { get; private set; }
    public string? AssessmentNote { get; private set; }
    public string? AssessedBy { get; private set; }
    public DateTimeOffset? AssessedAt { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public string? Voucher { get; private set; }
    public string? PaidBy { get; private set; }
    public string? RefusalReason { get; private set; }
    public string? RefusedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public int Revision { get; private set; }

    public bool IsOpen => Status is ClaimStatus.Reported or ClaimStatus.Assessed;

    public static PreventionClaim Report(Guid householdId, string kind, string description, string by, DateTimeOffset at,
        Guid? sourceFindingId = null, string? sourceDepartment = null) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        Kind = kind,
        Status = ClaimStatus.Reported,
        Description = description,
        SourceFindingId = sourceFindingId,
        SourceDepartment = sourceDepartment,
        ReportedBy = by,
        ReportedAt = at,
    };

    public bool Assess(decimal yuan, string? note, string by, DateTimeOffset at)
    {
        if (Status != ClaimStatus.Reported)
        {
            return false;
        }
        Status = ClaimStatus.Assessed;
        AssessedYuan = yuan;
        AssessmentNote = note;
        AssessedBy = by;
        AssessedAt = at;
        Revision++;
        return true;
    }

    public bool Pay(DateOnly on, string? voucher, string by, DateTimeOffset at)
    {
        if (Status != ClaimStatus.Assessed)
        {
            return false;
        }
        Status = ClaimStatus.Paid;
        PaidOn = on;
        Voucher = voucher;
        PaidBy = by;
        DecidedAt = at;
        Revision++;
        return true;
    }

    public bool Refuse(string reason, string by, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return false;
        }
        Status = ClaimStatus.Refused;
        RefusalReason = reason;
        RefusedBy = by;
        DecidedAt = at;
        Revision++;
        return true;
    }
}

/// <summary>Other social-security support paid to a household (措施八 综合性保障政策): 耕地地力补贴, 公益林补助, 退耕还林补贴, …</summary>
public sealed class OtherSupportPayment
{
    public const int MaxVoucherLength = 64;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Kind { get; private set; } = "";
    public decimal AmountYuan { get; private set; }
    public DateOnly PaidOn { get; private set; }
    public string? Voucher { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static OtherSupportPayment Record(Guid householdId, string kind, decimal amountYuan, DateOnly paidOn, string? voucher, string by,
        DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        Kind = kind,
        AmountYuan = amountYuan,
        PaidOn = paidOn,
        Voucher = voucher,
        RecordedBy = by,
        RecordedAt = at,
    };
}
