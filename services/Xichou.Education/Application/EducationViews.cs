using System.Globalization;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.Education.Model;
using Xichou.Education.Policy;

namespace Xichou.Education.Application;

/// <summary>
/// What the department knows of one school-age member: the household, the register's member record (null once the
/// register no longer lists them), the department's own survey record (null until the first survey), and this period's grant.
/// </summary>
public sealed record StudentFacts(KnownHousehold Household, KnownMember? Member, Student? Record, EducationSubsidy? ThisPeriod)
{
    public Guid Id => Member?.Id ?? Record!.Id;

    /// <summary>The survey's stage where there is one, else the register's.</summary>
    public SchoolStage? Stage => Record?.Stage ?? SchoolStages.Parse(Member?.SchoolStage);

    public DateOnly? BirthDate => Member?.BirthDate;
}

/// <summary>
/// A school-age member as the API and pages show it. stage is the register's wire name (null when unknown), stageFrom
/// survey|register; subsidyYuan what 措施六 pays for the stage (null for compulsory stages or out of school); subsidyDue when
/// that is owed for <c>period</c> (the one in force) and not yet granted. ID numbers masked.
/// </summary>
public sealed record StudentView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipCode, string TownshipName, string? VillageCode,
    string Village, bool HouseholdExited, bool OnRegister, string? Name, string? Relation, string? RelationName, string? Sex,
    DateOnly? BirthDate, int? Age, string? IdNumber, string? Stage, string StageName, string StageFrom, string? School, string? Grade,
    DateOnly? SurveyedOn, string? SurveyedBy, string? Note, bool CompulsoryAge, bool Dropout, Guid? DropoutFindingId, DateOnly? DropoutSince,
    string Period, decimal? SubsidyYuan, bool SubsidyDue, SubsidyView? SubsidyThisPeriod)
{
    public static StudentView From(StudentFacts facts, Func<string, string> nameFor, EducationPolicy policy, SubsidyPeriod period, DateOnly today)
    {
        var household = facts.Household;
        var member = facts.Member;
        var stage = facts.Stage;
        var eligible = stage is { } s ? EducationRules.SubsidyFor(s, policy) as SubsidyDecision.Eligible : null;
        return new StudentView(
            facts.Id, household.Id, household.HouseholdCode, nameFor(household.HeadName), household.TownshipCode,
            Townships.NameOf(household.TownshipCode), household.VillageCode, household.Village, household.HasExited, member is not null,
            member?.Name is { } name ? nameFor(name) : null, member?.Relation, NameOfRelation(member?.Relation), member?.Sex, member?.BirthDate,
            member?.BirthDate is { } birth ? EducationRules.AgeOn(birth, today) : null,
            member?.IdNumber is { } id ? Contracts.IdNumber.Mask(id) : null,
            stage is { } st ? SchoolStages.WireOf(st) : null, stage is { } named ? SchoolStages.NameOf(named) : "不明",
            facts.Record is not null ? "survey" : "register",
            facts.Record?.School, facts.Record?.Grade, facts.Record?.SurveyedOn, facts.Record?.SurveyedBy, facts.Record?.Note,
            EducationRules.IsCompulsoryAge(member?.BirthDate, today, policy),
            facts.Record?.IsDropout == true, facts.Record?.DropoutFindingId, facts.Record?.DropoutSince,
            period.Name, eligible?.AmountYuan,
            eligible is not null && facts.ThisPeriod is null && !household.HasExited,
            facts.ThisPeriod is { } granted ? SubsidyView.From(granted, policy) : null);
    }

    public static string? NameOfRelation(string? relation) => relation switch
    {
        null => null,
        "head" => "户主",
        "spouse" => "配偶",
        "child" => "子女",
        "childInLaw" => "儿媳/女婿",
        "grandchild" => "孙子女",
        "parent" => "父母",
        "grandparent" => "祖父母",
        "sibling" => "兄弟姐妹",
        _ => "其他",
    };
}

public sealed record StudentPage(int Total, int Page, int PageSize, string Period, IReadOnlyList<StudentView> Items);

/// <summary>A survey recorded: the student as now known, and what it did on the register (published|cleared|null) with the finding's id.</summary>
public sealed record SchoolSurveyView(StudentView Student, string? Finding, Guid? FindingId);

/// <summary>
/// A subsidy grant (教育补助): kind preschool|senior-high-and-above with its Chinese name; the cap it counts against on the
/// household ledger is the per-student amount for the period, with nothing left after it.
/// </summary>
public sealed record SubsidyView(
    Guid Id, Guid StudentId, Guid HouseholdId, string Period, string Stage, string StageName, string Kind, string KindName,
    decimal AmountYuan, DateOnly GrantedOn, string GrantedBy, DateTimeOffset GrantedAt, string PolicyVersion, string CapName,
    decimal CapYuan, decimal HeadroomAfterYuan)
{
    public static SubsidyView From(EducationSubsidy subsidy, EducationPolicy policy)
    {
        var kindName = KindNameOf(subsidy.Kind);
        var eligible = new SubsidyDecision.Eligible(subsidy.AmountYuan, subsidy.Kind, kindName);
        return new SubsidyView(subsidy.Id, subsidy.StudentId, subsidy.HouseholdId, subsidy.Period, SchoolStages.WireOf(subsidy.Stage),
            SchoolStages.NameOf(subsidy.Stage), subsidy.Kind, kindName, subsidy.AmountYuan, subsidy.GrantedOn, subsidy.GrantedBy,
            subsidy.GrantedAt, subsidy.PolicyVersion, EducationRules.CapName(eligible, policy), subsidy.AmountYuan, 0m);
    }

    public static string KindNameOf(string kind) => kind == EducationRules.PreschoolKind ? "学前教育资助" : "高中及以上教育资助";

    public static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
