namespace Xichou.Insurance.Model;

/// <summary>One hospital bill's self-pay subsidy (住院自付费用补助, 措施八) for one member, counted in the bill's year.</summary>
public sealed class HospitalSubsidy
{
    public const int MaxHospitalLength = 100;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public Guid MemberId { get; private set; }
    public int Year { get; private set; }
    public DateOnly BillDate { get; private set; }
    public string Hospital { get; private set; } = "";
    public decimal TotalYuan { get; private set; }
    public decimal SelfPaidYuan { get; private set; }
    public decimal SubsidyYuan { get; private set; }

    /// <summary>What the member had been granted that year before this bill.</summary>
    public decimal GrantedBeforeYuan { get; private set; }

    public decimal RemainingAfterYuan { get; private set; }
    public string PolicyVersion { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static HospitalSubsidy Grant(Guid householdId, Guid memberId, DateOnly billDate, string hospital, decimal totalYuan,
        decimal selfPaidYuan, decimal subsidyYuan, decimal grantedBeforeYuan, decimal remainingAfterYuan, string policyVersion,
        string recordedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        MemberId = memberId,
        Year = billDate.Year,
        BillDate = billDate,
        Hospital = hospital,
        TotalYuan = totalYuan,
        SelfPaidYuan = selfPaidYuan,
        SubsidyYuan = subsidyYuan,
        GrantedBeforeYuan = grantedBeforeYuan,
        RemainingAfterYuan = remainingAfterYuan,
        PolicyVersion = policyVersion,
        RecordedBy = recordedBy,
        RecordedAt = at,
    };
}

/// <summary>
/// What one member has been granted in hospital subsidies in one year: the running total every bill checks against the cap.
/// Its revision is a concurrency token, so two bills of one person saved at once cannot both spend the same headroom.
/// </summary>
public sealed class HospitalSubsidyYear
{
    public Guid MemberId { get; private set; }
    public int Year { get; private set; }
    public Guid HouseholdId { get; private set; }
    public decimal GrantedYuan { get; private set; }
    public int Bills { get; private set; }
    public int Revision { get; private set; }

    public static HospitalSubsidyYear Start(Guid memberId, Guid householdId, int year) =>
        new() { MemberId = memberId, HouseholdId = householdId, Year = year };

    public void Add(decimal subsidyYuan)
    {
        GrantedYuan += subsidyYuan;
        Bills++;
        Revision++;
    }
}
