namespace Xichou.Employment.Model;

/// <summary>
/// A labourer's employment as the bureau last recorded it (就业状态), one row per member of a household the register shares
/// with employment (16 and over with labour capacity). The member's name and ID number stay in the kit's copy of the register;
/// this row holds the bureau's own facts, keyed by the register's member id, so a new member list keeps them.
/// </summary>
public sealed class Labourer
{
    public const int MaxPlaceLength = 100;
    public const int MaxEmployerLength = 100;
    public const int MaxReasonLength = 200;

    public Guid MemberId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public EmploymentStatus Status { get; private set; }

    /// <summary>Where and for whom (away: required; local: the employer or the public-welfare post).</summary>
    public string? Place { get; private set; }

    public string? Employer { get; private set; }

    /// <summary>Working since (away and local); a migrant worker is due for a monthly check from this month on.</summary>
    public DateOnly? Since { get; private set; }

    /// <summary>Yuan a month, two places; updated by each monthly check of a migrant worker.</summary>
    public decimal? MonthlyIncomeYuan { get; private set; }

    /// <summary>公益性岗位: a local job the government funds (counts as local employment).</summary>
    public bool PublicWelfarePost { get; private set; }

    /// <summary>Why the labourer is not seeking work.</summary>
    public string? Reason { get; private set; }

    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Bumped by every change; a concurrency token, so two users never overwrite each other's status unseen.</summary>
    public int Revision { get; private set; }

    public bool IsEmployed => EmploymentNames.IsEmployed(Status);

    public static Labourer For(Guid householdId, Guid memberId) => new() { HouseholdId = householdId, MemberId = memberId };

    public void Record(EmploymentFacts facts, string by, DateTimeOffset at)
    {
        Status = facts.Status;
        Place = facts.Place;
        Employer = facts.Employer;
        Since = facts.Since;
        MonthlyIncomeYuan = facts.MonthlyIncomeYuan;
        PublicWelfarePost = facts.PublicWelfarePost;
        Reason = facts.Reason;
        UpdatedBy = by;
        UpdatedAt = at;
        Revision++;
    }

    /// <summary>A monthly check: still at work (the income it found becomes the labourer's), or back home and not employed.</summary>
    public void Checked(bool stillEmployed, decimal? incomeYuan, string by, DateTimeOffset at)
    {
        if (stillEmployed)
        {
            MonthlyIncomeYuan = incomeYuan ?? MonthlyIncomeYuan;
        }
        else
        {
            Status = EmploymentStatus.NotEmployed;
            Place = null;
            Employer = null;
            Since = null;
            MonthlyIncomeYuan = null;
            PublicWelfarePost = false;
            Reason = null;
        }
        UpdatedBy = by;
        UpdatedAt = at;
        Revision++;
    }
}

/// <summary>An employment status that passed every check.</summary>
public sealed record EmploymentFacts(
    EmploymentStatus Status, string? Place, string? Employer, DateOnly? Since, decimal? MonthlyIncomeYuan, bool PublicWelfarePost, string? Reason);

/// <summary>A skills training (技能培训) a labourer completed: course, provider, dates, certificate.</summary>
public sealed class Training
{
    public const int MaxCourseLength = 100;
    public const int MaxProviderLength = 100;
    public const int MaxCertificateLength = 100;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public Guid MemberId { get; private set; }
    public string Course { get; private set; } = "";
    public string Provider { get; private set; } = "";
    public DateOnly StartOn { get; private set; }
    public DateOnly EndOn { get; private set; }

    /// <summary>The certificate obtained (its name or number); null when the course gives none.</summary>
    public string? Certificate { get; private set; }

    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static Training Record(Guid householdId, Guid memberId, string course, string provider, DateOnly startOn, DateOnly endOn,
        string? certificate, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        MemberId = memberId,
        Course = course,
        Provider = provider,
        StartOn = startOn,
        EndOn = endOn,
        Certificate = certificate,
        RecordedBy = by,
        RecordedAt = at,
    };
}

/// <summary>A job service offered to a labourer (招聘会, 有组织输出, 岗位推荐, 就业指导).</summary>
public sealed class JobService
{
    public const int MaxNoteLength = 500;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public Guid MemberId { get; private set; }
    public JobServiceKind Kind { get; private set; }
    public DateOnly On { get; private set; }
    public string? Note { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static JobService Record(Guid householdId, Guid memberId, JobServiceKind kind, DateOnly on, string? note, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        MemberId = memberId,
        Kind = kind,
        On = on,
        Note = note,
        RecordedBy = by,
        RecordedAt = at,
    };
}

/// <summary>A monthly check of a migrant worker (外出务工每月监测): the month it covers, still employed or not, the income found.</summary>
public sealed class MigrantCheck
{
    public const int MaxNoteLength = 500;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public Guid MemberId { get; private set; }

    /// <summary>The first day of the month checked.</summary>
    public DateOnly Month { get; private set; }

    public DateOnly CheckedOn { get; private set; }
    public bool StillEmployed { get; private set; }
    public decimal? MonthlyIncomeYuan { get; private set; }
    public string? Note { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static MigrantCheck Record(Guid householdId, Guid memberId, DateOnly month, DateOnly checkedOn, bool stillEmployed, decimal? incomeYuan,
        string? note, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        MemberId = memberId,
        Month = month,
        CheckedOn = checkedOn,
        StillEmployed = stillEmployed,
        MonthlyIncomeYuan = incomeYuan,
        Note = note,
        RecordedBy = by,
        RecordedAt = at,
    };
}

/// <summary>
/// The bureau's finding that a household has nobody employed or nobody trained, as published to the county's risk register
/// (its id is the <c>RiskIdentified</c>'s). It stays open while the fact holds, whatever else changes, and is cleared when it
/// no longer does; a later recurrence is a new finding with a new id. At most one open per household.
/// </summary>
public sealed class EmploymentFinding
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public bool NobodyEmployed { get; private set; }
    public bool NobodyTrained { get; private set; }
    public string Description { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset? ClearedAt { get; private set; }
    public string? ClearedBy { get; private set; }
    public string? Resolution { get; private set; }

    public bool IsOpen => ClearedAt is null;

    public static EmploymentFinding Open(Guid householdId, bool nobodyEmployed, bool nobodyTrained, string description, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        NobodyEmployed = nobodyEmployed,
        NobodyTrained = nobodyTrained,
        Description = description,
        OpenedAt = at,
        OpenedBy = by,
    };

    /// <summary>The same finding, its facts now (nobody employed, nobody trained, or both).</summary>
    public void Update(bool nobodyEmployed, bool nobodyTrained, string description)
    {
        NobodyEmployed = nobodyEmployed;
        NobodyTrained = nobodyTrained;
        Description = description;
    }

    public void Clear(string resolution, string by, DateTimeOffset at)
    {
        ClearedAt = at;
        ClearedBy = by;
        Resolution = resolution;
    }
}
