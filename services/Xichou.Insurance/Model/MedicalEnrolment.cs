namespace Xichou.Insurance.Model;

/// <summary>
/// A member's enrolment for one year in basic medical insurance (基本医疗保险) and critical-illness insurance (大病保险),
/// as last recorded (措施八 “100%参加基本医疗保险和大病保险”).
/// </summary>
public sealed class MedicalEnrolment
{
    public const int MaxNoteLength = 200;

    public Guid MemberId { get; private set; }
    public int Year { get; private set; }
    public Guid HouseholdId { get; private set; }
    public bool BasicMedical { get; private set; }
    public bool CriticalIllness { get; private set; }
    public string? Note { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public bool Covered => BasicMedical && CriticalIllness;

    public static MedicalEnrolment For(Guid memberId, Guid householdId, int year) =>
        new() { MemberId = memberId, HouseholdId = householdId, Year = year };

    public void Record(bool basicMedical, bool criticalIllness, string? note, string by, DateTimeOffset at)
    {
        BasicMedical = basicMedical;
        CriticalIllness = criticalIllness;
        Note = note;
        RecordedBy = by;
        RecordedAt = at;
    }
}

/// <summary>
/// A household's coverage gap put on the county's risk register for a year (category no-medical-insurance): open while a
/// member is recorded without basic or critical-illness insurance, cleared once every recorded member is in both. A gap
/// found again later is a new finding with a new id.
/// </summary>
public sealed class CoverageFinding
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public int Year { get; private set; }
    public string Description { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClearedAt { get; private set; }
    public string? ClearedBy { get; private set; }

    public bool IsOpen => ClearedAt is null;

    public static CoverageFinding Open(Guid householdId, int year, string description, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        Year = year,
        Description = description,
        OpenedAt = at,
    };

    public void Clear(string by, DateTimeOffset at)
    {
        ClearedAt = at;
        ClearedBy = by;
    }
}
