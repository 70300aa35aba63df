using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.Housing.Model;
using Xichou.Housing.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Housing.Application;

/// <summary>An assessment as the API and pages show it: grade A|B|C|D with its Chinese name, unsafe under the policy in force.</summary>
public sealed record AssessmentView(
    Guid Id, Guid HouseholdId, string Grade, string GradeName, bool Unsafe, DateOnly AssessedOn, string Assessor, string? Note,
    Guid? RemediationCaseId, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static AssessmentView From(Assessment assessment, HousingPolicy policy) => new(
        assessment.Id, assessment.HouseholdId, assessment.Grade.ToString(), HouseGrades.NameOf(assessment.Grade),
        HousingRules.IsUnsafe(assessment.Grade, policy), assessment.AssessedOn, assessment.Assessor, assessment.Note,
        assessment.RemediationCaseId, assessment.RecordedBy, assessment.RecordedAt);
}

public sealed record RemediationProgressView(long Id, DateOnly On, string Text, string By, DateTimeOffset At);

/// <summary>
/// A remediation case (危房改造). status open|completed; route pairing-unit-help|self-build|other-policy (null until planned);
/// daysOpen counts Beijing days from opening to today, or to completion.
/// </summary>
public sealed record RemediationCaseView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipCode, string TownshipName, string? VillageCode,
    string Village, bool HouseholdExited, string Status, string StatusName, string OpeningGrade, Guid OpeningAssessmentId, DateOnly FoundOn,
    string OpenedBy, DateTimeOffset OpenedAt, int DaysOpen, string? Route, string? RouteName, string? ResponsiblePerson, string? Plan,
    string? PlannedBy, DateTimeOffset? PlannedAt, IReadOnlyList<RemediationProgressView> Progress, string? FinalGrade,
    Guid? CompletingAssessmentId, string? CompletedBy, DateTimeOffset? CompletedAt)
{
    public static RemediationCaseView From(RemediationCase remediation, KnownHousehold household, string headName, DateOnly today) => new(
        remediation.Id, household.Id, household.HouseholdCode, headName, household.TownshipCode, Townships.NameOf(household.TownshipCode),
        household.VillageCode, household.Village, household.HasExited,
        WireName.Of(remediation.Status), RemediationRoutes.NameOf(remediation.Status),
        remediation.OpeningGrade.ToString(), remediation.OpeningAssessmentId, remediation.FoundOn, remediation.OpenedBy, remediation.OpenedAt,
        (remediation.CompletedAt is { } completed ? Beijing.DateOf(completed) : today).DayNumber - Beijing.DateOf(remediation.OpenedAt).DayNumber,
        remediation.Route is { } route ? RemediationRoutes.WireOf(route) : null,
        remediation.Route is { } named ? RemediationRoutes.NameOf(named) : null,
        remediation.ResponsiblePerson, remediation.Plan, remediation.PlannedBy, remediation.PlannedAt,
        [.. remediation.Progress.OrderBy(p => p.On).ThenBy(p => p.Id).Select(p => new RemediationProgressView(p.Id, p.On, p.Text, p.By, p.At))],
        remediation.FinalGrade?.ToString(), remediation.CompletingAssessmentId, remediation.CompletedBy, remediation.CompletedAt);
}

public sealed record RemediationPage(int Total, int Page, int PageSize, IReadOnlyList<RemediationCaseView> Items);

/// <summary>A referral to housing for the house, delivered by the case's completion, with the outcome the sender sees.</summary>
public sealed record DeliveredReferralView(Guid Id, string FromService, string Request, string Outcome);

/// <summary>The completed case, its re-assessment, and the open referrals to housing for this household delivered with it (one transaction).</summary>
public sealed record RemediationCompletionView(
    RemediationCaseView Case, AssessmentView ReAssessment, IReadOnlyList<DeliveredReferralView> DeliveredReferrals);
