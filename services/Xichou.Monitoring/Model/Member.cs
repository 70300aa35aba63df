using Xichou.Contracts;

namespace Xichou.Monitoring.Model;

/// <summary>与户主关系: a member's relation to the head of household.</summary>
public enum Relation
{
    Head,
    Spouse,
    Child,
    ChildInLaw,
    Grandchild,
    Parent,
    Grandparent,
    Sibling,
    Other,
}

/// <summary>劳动能力.</summary>
public enum LabourCapacity
{
    /// <summary>有劳动力 (普通劳动力/技能劳动力).</summary>
    Able,

    /// <summary>弱劳动力或半劳动力.</summary>
    Weak,

    /// <summary>丧失劳动力.</summary>
    Lost,

    /// <summary>无劳动力 (children, students, the old).</summary>
    None,
}

/// <summary>在校生状况: the school stage a member is in, if any.</summary>
public enum SchoolStage
{
    NotInSchool,
    Preschool,
    Primary,
    JuniorSecondary,
    SeniorSecondary,
    Vocational,
    Tertiary,
}

/// <summary>健康状况 — sensitive personal information, shown only to roles that need it.</summary>
public enum HealthState
{
    Healthy,
    ChronicIllness,
    SeriousIllness,
    Disabled,
}

public enum Sex
{
    Male,
    Female,
}

/// <summary>A member of a household on the register (家庭成员). Sex and birth date come from the ID number.</summary>
public sealed class Member
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }

    /// <summary>The member's place in the household's list, the head first.</summary>
    public int Position { get; private set; }

    public Relation Relation { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Unique across the register: one person is in one household.</summary>
    public string IdNumber { get; private set; } = "";

    public Sex Sex { get; private set; }
    public DateOnly BirthDate { get; private set; }
    public LabourCapacity LabourCapacity { get; private set; }
    public SchoolStage SchoolStage { get; private set; }

    /// <summary>Sensitive (敏感个人信息).</summary>
    public HealthState HealthState { get; private set; }

    /// <summary>Sensitive; masked unless revealed.</summary>
    public string? Phone { get; private set; }

    public static Member Create(Guid householdId, int position, Relation relation, string name, string idNumber,
        LabourCapacity labourCapacity, SchoolStage schoolStage, HealthState healthState, string? phone) => new()
    {
        Id = Guid.CreateVersion7(),
        HouseholdId = householdId,
        Position = position,
        Relation = relation,
        Name = name,
        IdNumber = idNumber,
        Sex = SexOf(idNumber),
        BirthDate = Contracts.IdNumber.BirthDateOf(idNumber),
        LabourCapacity = labourCapacity,
        SchoolStage = schoolStage,
        HealthState = healthState,
        Phone = phone,
    };

    /// <summary>What the register may correct about a member after registration; the ID number (and so sex and birth date) stays.</summary>
    public void Update(string name, LabourCapacity labourCapacity, SchoolStage schoolStage, HealthState healthState, string? phone)
    {
        Name = name;
        LabourCapacity = labourCapacity;
        SchoolStage = schoolStage;
        HealthState = healthState;
        Phone = phone;
    }

    /// <summary>GB 11643: the 17th character (sequence code's last digit) is odd for men, even for women.</summary>
    public static Sex SexOf(string idNumber) => (idNumber[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > day ? age - 1 : age;
    }
}

/// <summary>监测状态: on the register and monitored, risk eliminated (风险消除), or exited.</summary>
public enum HouseholdStatus
{
    Monitored,
    RiskEliminated,
    Exited,
}

/// <summary>A change of a household's status, with its date and reason (kept for the 公示 and the year-end review).</summary>
public sealed class HouseholdStatusChange
{
    public long Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public DateOnly On { get; private set; }
    public HouseholdStatus From { get; private set; }
    public HouseholdStatus To { get; private set; }
    public string Reason { get; private set; } = "";
    public string ChangedBy { get; private set; } = "";

    public static HouseholdStatusChange Record(Guid householdId, DateOnly on, HouseholdStatus from, HouseholdStatus to, string reason, string changedBy) =>
        new() { HouseholdId = householdId, On = on, From = from, To = to, Reason = reason, ChangedBy = changedBy };
}
