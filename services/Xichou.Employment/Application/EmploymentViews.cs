using Xichou.Employment.Model;
using Xichou.Employment.Policy;

namespace Xichou.Employment.Application;

public sealed record TrainingView(Guid Id, Guid MemberId, string Course, string Provider, DateOnly StartOn, DateOnly EndOn, string? Certificate,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static TrainingView From(Training t) => new(t.Id, t.MemberId, t.Course, t.Provider, t.StartOn, t.EndOn, t.Certificate, t.RecordedBy, t.RecordedAt);
}

public sealed record JobServiceView(Guid Id, Guid MemberId, string Kind, string KindName, DateOnly On, string? Note, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static JobServiceView From(JobService s) =>
        new(s.Id, s.MemberId, EmploymentNames.WireOf(s.Kind), EmploymentNames.NameOf(s.Kind), s.On, s.Note, s.RecordedBy, s.RecordedAt);
}

public sealed record MigrantCheckView(Guid Id, Guid MemberId, string Month, DateOnly CheckedOn, bool StillEmployed, decimal? MonthlyIncomeYuan, string? Note,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static MigrantCheckView From(MigrantCheck c) => new(c.Id, c.MemberId, EmploymentValidation.MonthText(c.Month), c.CheckedOn, c.StillEmployed,
        c.MonthlyIncomeYuan, c.Note, c.RecordedBy, c.RecordedAt);
}

/// <summary>
/// A labourer of the household (a member the register shares with employment) with the bureau's facts: status away|local|
/// not-employed|not-seeking (null until recorded), trainings, job services, monthly checks (newest first). No ID number.
/// </summary>
public sealed record LabourerView(
    Guid MemberId, string Name, string? Relation, string? Sex, DateOnly? BirthDate, string? LabourCapacity,
    string? Status, string StatusName, bool Employed, string? Place, string? Employer, DateOnly? Since, decimal? MonthlyIncomeYuan,
    bool PublicWelfarePost, string? Reason, bool Trained, string? CheckState, string? CheckStateName,
    IReadOnlyList<TrainingView> Trainings, IReadOnlyList<JobServiceView> JobServices, IReadOnlyList<MigrantCheckView> Checks);

/// <summary>
/// A household as employment sees it: state no-labourers|pending|problem|secured under 措施五, its counts, the open finding on
/// the county's register (when there is one) and its labourers.
/// </summary>
public sealed record HouseholdEmploymentView(
    Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipCode, string TownshipName, string? VillageCode, string Village,
    bool HouseholdExited, string State, string StateName, int Labourers, int Employed, int Trained, bool NobodyEmployed, bool NobodyTrained,
    Guid? OpenFindingId, string? FindingDescription, IReadOnlyList<LabourerView> Items);

/// <summary>A household with an open finding, for the department's work list (the longest-open first).</summary>
public sealed record FindingView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipName, string Village, bool NobodyEmployed, bool NobodyTrained,
    string Description, DateTimeOffset OpenedAt);

/// <summary>A migrant worker on a month's check list: state checked|due|overdue, with the check when there is one.</summary>
public sealed record MigrantDueView(
    Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipName, string Village, Guid MemberId, string Name,
    string? Place, string? Employer, DateOnly? Since, decimal? MonthlyIncomeYuan, string State, string StateName, string? LastCheckedMonth,
    MigrantCheckView? Check);

/// <summary>
/// The month's check list (措施五 每月监测1次) within the caller's jurisdiction: overdue first, then due, then checked.
/// </summary>
public sealed record MigrantCheckList(string Month, DateOnly Today, int Due, int Overdue, int Checked, IReadOnlyList<MigrantDueView> Items);

public static class EmploymentStateNames
{
    public static string WireOf(HouseholdEmployment state) => Xichou.ServiceDefaults.Http.WireName.KebabOf(state);

    public static string WireOf(CheckState state) => Xichou.ServiceDefaults.Http.WireName.KebabOf(state);

    public static string NameOf(HouseholdEmployment state) => state switch
    {
        HouseholdEmployment.NoLabourers => "无劳动力",
        HouseholdEmployment.Pending => "待摸排",
        HouseholdEmployment.Problem => "无人就业或无人培训",
        _ => "已就业且已培训",
    };
}
