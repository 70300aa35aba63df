namespace Xichou.Contracts;

/// <summary>Which members of a household a department is told about (data minimisation under PIPL, 个人信息保护法 第六条).</summary>
public enum MemberSelection
{
    /// <summary>No member: the household copy (place, head's name, masked ID number, size) is all it needs.</summary>
    None,

    /// <summary>The head of household only.</summary>
    Head,

    /// <summary>Members of working age (16 and over) with labour capacity, full or weak (劳动力).</summary>
    Labourers,

    /// <summary>Children of school age (3 to 17) and anyone in school (适龄儿童、在校生).</summary>
    SchoolAge,

    All,
}

/// <summary>The fields of a member a department is told; everything else is left out of the message it receives.</summary>
[Flags]
public enum MemberFields
{
    None = 0,
    Name = 1,
    Relation = 2,
    Sex = 4,
    BirthDate = 8,
    IdNumber = 16,
    LabourCapacity = 32,
    SchoolStage = 64,

    /// <summary>Sensitive personal information (敏感个人信息): only where the department's work turns on it.</summary>
    HealthState = 128,
}

/// <summary>What one department holds of a household's members: which members, which fields.</summary>
public sealed record MemberShare(MemberSelection Selection, MemberFields Fields)
{
    public const int WorkingAge = 16;
    public const int SchoolAgeFrom = 3;
    public const int SchoolAgeTo = 17;

    public static readonly MemberShare None = new(MemberSelection.None, MemberFields.None);

    public bool IsEmpty => Selection == MemberSelection.None || Fields == MemberFields.None;

    /// <summary>
    /// The members this share selects from the register's full records, each cut down to this share's fields.
    /// <paramref name="asOf"/> is the day ages are counted on.
    /// </summary>
    public IReadOnlyList<SharedMember> Apply(IEnumerable<SharedMember> members, DateOnly asOf) =>
        IsEmpty ? [] : [.. members.Where(m => Selects(m, asOf)).Select(Strip)];

    public bool Selects(SharedMember member, DateOnly asOf) => Selection switch
    {
        MemberSelection.Head => member.Relation == "head",
        MemberSelection.Labourers => member.LabourCapacity is "able" or "weak" && (AgeOn(member, asOf) ?? WorkingAge) >= WorkingAge,
        MemberSelection.SchoolAge => member.SchoolStage is { } stage && stage != "notInSchool"
            || AgeOn(member, asOf) is >= SchoolAgeFrom and <= SchoolAgeTo,
        MemberSelection.All => true,
        _ => false,
    };

    private SharedMember Strip(SharedMember member) => new()
    {
        MemberId = member.MemberId,
        Name = Has(MemberFields.Name) ? member.Name : null,
        Relation = Has(MemberFields.Relation) ? member.Relation : null,
        Sex = Has(MemberFields.Sex) ? member.Sex : null,
        BirthDate = Has(MemberFields.BirthDate) ? member.BirthDate : null,
        IdNumber = Has(MemberFields.IdNumber) ? member.IdNumber : null,
        LabourCapacity = Has(MemberFields.LabourCapacity) ? member.LabourCapacity : null,
        SchoolStage = Has(MemberFields.SchoolStage) ? member.SchoolStage : null,
        HealthState = Has(MemberFields.HealthState) ? member.HealthState : null,
    };

    private bool Has(MemberFields field) => (Fields & field) == field;

    private static int? AgeOn(SharedMember member, DateOnly day)
    {
        if (member.BirthDate is not { } birth)
        {
            return null;
        }
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }
}

/// <summary>
/// A household member as a department receives it. Values are the register's wire names (camelCase): relation
/// head|spouse|child|…, sex male|female, labourCapacity able|weak|lost|none, schoolStage notInSchool|preschool|primary|
/// juniorSecondary|seniorSecondary|vocational|tertiary, healthState healthy|chronicIllness|seriousIllness|disabled.
/// A field the department's <see cref="MemberShare"/> leaves out is null.
/// </summary>
public sealed record SharedMember
{
    public required Guid MemberId { get; init; }
    public string? Name { get; init; }
    public string? Relation { get; init; }
    public string? Sex { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? IdNumber { get; init; }
    public string? LabourCapacity { get; init; }
    public string? SchoolStage { get; init; }
    public string? HealthState { get; init; }
}
