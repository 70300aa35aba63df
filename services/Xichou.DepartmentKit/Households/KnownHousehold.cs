using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.DepartmentKit.Households;

/// <summary>A household's monitoring status on the register, as a department's copy follows it.</summary>
public enum RegisterStatus
{
    Monitored,
    RiskEliminated,
    Exited,
}

/// <summary>
/// A department's own copy of a household on the county register, kept from the register's events so the department
/// never calls the monitoring service to know whom it serves, and the department's survey of it (摸排). It holds no full
/// ID number: the head's is masked; full numbers, where the department's work needs them, are on its <see cref="Members"/>.
/// </summary>
public sealed class KnownHousehold : IScopedHousehold
{
    public required Guid Id { get; init; }
    public required string HouseholdCode { get; set; }
    public required string TownshipCode { get; set; }
    public string? VillageCode { get; set; }
    public required string Village { get; set; }
    public required string HeadName { get; set; }

    /// <summary>Masked (532623********1238): the register never sends a department the head's full number here.</summary>
    public required string HeadIdNumber { get; set; }

    /// <summary>How many people the household has; 0 until the register says.</summary>
    public int MemberCount { get; set; }

    public required DateTimeOffset RegisteredAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the register's details this copy holds were current: an older update arriving late is ignored.</summary>
    public DateTimeOffset DetailsAsOf { get; set; }

    public RegisterStatus Status { get; private set; }
    public DateOnly? StatusOn { get; private set; }
    public string? StatusReason { get; private set; }
    public DateTimeOffset? StatusAsOf { get; private set; }

    /// <summary>When the member list this copy holds was sent; null when the department is told of no member.</summary>
    public DateTimeOffset? MembersAsOf { get; set; }

    /// <summary>Not known to departments: pairing is the monitoring service's.</summary>
    public string? PairedCadre { get; init; }

    /// <summary>The department's own check of the household (摸排): pending until someone records it.</summary>
    public SurveyStatus SurveyStatus { get; private set; }

    public string? SurveyNote { get; private set; }
    public string? SurveyedBy { get; private set; }
    public DateTimeOffset? SurveyedAt { get; private set; }

    public List<KnownMember> Members { get; private set; } = [];

    /// <summary>An exited household (退出监测) stays in the department's records but gets no new work.</summary>
    public bool HasExited => Status == RegisterStatus.Exited;

    /// <summary>The longest survey note kept; a department's generated note (a list of failures) is cut with an ellipsis.</summary>
    public const int MaxSurveyNoteLength = 500;

    /// <summary>
    /// The finer facts of the survey just recorded (e.g. employment's "trained" and "employed"), until the save that publishes
    /// them (<see cref="SurveyEvents"/>); not stored.
    /// </summary>
    public IReadOnlyDictionary<string, bool>? SurveyMeasures { get; private set; }

    /// <param name="measures">
    /// Finer facts where the department serves more than one measure (measure key → met), published with the survey
    /// (<see cref="SurveyRecorded.Measures"/>) even when the status stays the same.
    /// </param>
    public void RecordSurvey(SurveyStatus status, string? note, string surveyedBy, DateTimeOffset at, IReadOnlyDictionary<string, bool>? measures = null)
    {
        SurveyMeasures = measures;
        SurveyStatus = status;
        SurveyNote = note is { Length: > MaxSurveyNoteLength } ? string.Concat(note.AsSpan(0, MaxSurveyNoteLength - 1), "…") : note;
        SurveyedBy = surveyedBy;
        SurveyedAt = at;
    }

    /// <summary>The survey's facts went out with the save (<see cref="SurveyEvents"/>).</summary>
    public void SurveyPublished() => SurveyMeasures = null;

    /// <summary>Takes the register's newer details; false when this copy already holds something as new.</summary>
    public bool UpdateDetails(string householdCode, string townshipCode, string? villageCode, string village, string headName,
        string maskedIdNumber, int? memberCount, DateTimeOffset asOf)
    {
        if (asOf <= DetailsAsOf)
        {
            return false;
        }
        HouseholdCode = householdCode;
        TownshipCode = townshipCode;
        VillageCode = villageCode;
        Village = village;
        HeadName = headName;
        HeadIdNumber = IdNumber.IsValid(maskedIdNumber) ? IdNumber.Mask(maskedIdNumber) : maskedIdNumber;
        MemberCount = memberCount ?? MemberCount;
        DetailsAsOf = asOf;
        return true;
    }

    /// <summary>Takes a newer status from the register; false when this copy already holds something as new.</summary>
    public bool ChangeStatus(RegisterStatus status, DateOnly on, string? reason, DateTimeOffset asOf)
    {
        if (StatusAsOf is { } current && asOf <= current)
        {
            return false;
        }
        Status = status;
        StatusOn = on;
        StatusReason = reason;
        StatusAsOf = asOf;
        return true;
    }

    public static KnownHousehold From(HouseholdRegistered registered, DateTimeOffset receivedAt) => New(
        registered.HouseholdId, registered.HouseholdCode, registered.TownshipCode, registered.VillageCode, registered.Village,
        registered.HeadName, registered.HeadIdNumber, registered.MemberCount ?? 0, registered.OccurredAt, receivedAt);

    public static KnownHousehold New(Guid id, string code, string townshipCode, string? villageCode, string village, string headName,
        string headIdNumber, int memberCount, DateTimeOffset registeredAt, DateTimeOffset receivedAt) => new()
    {
        Id = id,
        HouseholdCode = code,
        TownshipCode = townshipCode,
        VillageCode = villageCode,
        Village = village,
        HeadName = headName,
        // Masked on the way in, whatever an older publisher sent: the copy holds no full number outside its members.
        HeadIdNumber = IdNumber.IsValid(headIdNumber) ? IdNumber.Mask(headIdNumber) : headIdNumber,
        MemberCount = memberCount,
        RegisteredAt = registeredAt,
        ReceivedAt = receivedAt,
        DetailsAsOf = registeredAt,
    };
}

/// <summary>A department's finding for a household: nothing checked yet, all secured in its field, or a problem to act on.</summary>
public enum SurveyStatus
{
    Pending,
    Secured,
    Problem,
}

/// <summary>
/// A member of a household, as far as the department is told (<see cref="Department.MemberShare"/>): fields outside its
/// share are null. The ID number, where held, is shown masked unless revealed with a reason.
/// </summary>
public sealed class KnownMember
{
    public required Guid Id { get; init; }
    public required Guid HouseholdId { get; init; }
    public string? Name { get; init; }
    public string? Relation { get; init; }
    public string? Sex { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? IdNumber { get; init; }
    public string? LabourCapacity { get; init; }
    public string? SchoolStage { get; init; }
    public string? HealthState { get; init; }

    public static KnownMember From(Guid householdId, SharedMember member) => new()
    {
        Id = member.MemberId,
        HouseholdId = householdId,
        Name = member.Name,
        Relation = member.Relation,
        Sex = member.Sex,
        BirthDate = member.BirthDate,
        IdNumber = member.IdNumber,
        LabourCapacity = member.LabourCapacity,
        SchoolStage = member.SchoolStage,
        HealthState = member.HealthState,
    };
}
