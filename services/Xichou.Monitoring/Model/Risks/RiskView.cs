using Xichou.ServiceDefaults.Http;
using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Visits;
using Xichou.Monitoring.Policy;

namespace Xichou.Monitoring.Model.Risks;

/// <summary>
/// A risk as lists show it. Enum values are camelCase (category basicNeedUnmet|expenseSpike|incomeDrop|incomeBelowLine|reported,
/// level village|township|county, status open|closed, source visit|cadreVisit|department|hotline); the *Name fields are Chinese.
/// <c>policyVersion</c> names the policy version that judged it; <c>resolution</c> is a department's own words when its re-check closed it.
/// </summary>
public sealed record RiskView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipCode, string TownshipName, string Village,
    string Category, string CategoryName, string? Cause, string? Need, string Severity, string Rule, string Explanation,
    string Source, Guid? SourceId, string Level, string LevelName, DateTimeOffset LevelSince, string Status,
    DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, string? VerifiedBy, Guid? VerificationVisitId, bool Escalated,
    string PolicyVersion, string? Resolution)
{
    public static RiskView From(Risk risk, Household household, string headName, bool? escalated = null) => new(
        risk.Id, risk.HouseholdId, household.Code, headName, household.TownshipCode, Townships.NameOf(household.TownshipCode), household.Village,
        WireName.Of(risk.Category), RiskNames.Of(risk.Category), risk.Cause is { } cause ? WireName.Of(cause) : null,
        risk.Need is { } need ? WireName.Of(need) : null, WireName.Of(risk.Severity), risk.Rule, risk.Explanation,
        WireName.Of(risk.Source), risk.SourceId, WireName.Of(risk.Level), RiskNames.Of(risk.Level), risk.LevelSince, WireName.Of(risk.Status),
        risk.OpenedAt, risk.OpenedBy, risk.ClosedAt, risk.VerifiedBy, risk.VerificationVisitId, escalated ?? risk.Escalations.Count > 0,
        risk.PolicyVersion, risk.Resolution);
}

public sealed record RiskMeasureView(long Id, DateTimeOffset At, string By, string Text);

public sealed record RiskEscalationView(long Id, DateTimeOffset At, string From, string To, bool Automatic, string By, string Reason);

/// <summary>
/// GET /api/risks/{id}: the risk, its measures (措施台账), its escalations, when the next automatic escalation is due, and
/// both conditions of its closing (闭环): the referrals working on it with their state (<see cref="OpenReferrals"/> of them
/// still open), and the latest verification visit since it opened with whether it met the exit rule.
/// </summary>
public sealed record RiskDetail(
    RiskView Risk, IReadOnlyList<RiskMeasureView> Measures, IReadOnlyList<RiskEscalationView> Escalations, DateTimeOffset? EscalatesAt,
    string HowItCloses, IReadOnlyList<LinkedReferralView> Referrals, int OpenReferrals, VerificationView? LastVerification)
{
    public static async Task<RiskDetail> LoadAsync(
        MonitoringDbContext db, Risk risk, Household household, string headName, MonitoringPolicies policies, ReferralPolicy referralPolicy,
        DateTimeOffset now, CancellationToken ct)
    {
        var referrals = await RiskClosure.LinkedAsync(db, risk.HouseholdId, [risk], openOnly: false, ct);
        return new(
            RiskView.From(risk, household, headName),
            [.. risk.Measures.OrderBy(m => m.At).Select(m => new RiskMeasureView(m.Id, m.At, m.By, m.Text))],
            [.. risk.Escalations.OrderBy(e => e.At).Select(e => new RiskEscalationView(e.Id, e.At, WireName.Of(e.From), WireName.Of(e.To), e.Automatic, e.By, e.Reason))],
            EscalationClock.DueAt(risk, policies),
            risk.ClosesOnVerification ? RiskRegister.HowItClosesChinese
                : risk.Source == RiskSource.Department ? RiskRegister.HowADepartmentFindingClosesChinese : RiskRegister.HowAComplaintClosesChinese,
            [.. referrals.Select(r => LinkedReferralView.From(r, now, referralPolicy))],
            referrals.Count(r => r.IsOpen),
            await VerificationView.LatestForAsync(db, risk, policies, ct));
    }
}

public sealed record RiskPage(int Total, int Page, int PageSize, IReadOnlyList<RiskView> Items);

/// <summary>Chinese names for the ledger and the pages, as the catalogue (<see cref="Names"/>) defines them.</summary>
public static class RiskNames
{
    public static string Of(RiskCategory category) => Names.RiskCategories.Label(category);

    public static string Of(RiskLevel level) => Names.RiskLevels.Label(level);

    public static string Of(RiskSeverity severity) => Names.RiskSeverities.Label(severity);

    public static string Of(RiskStatus status) => Names.RiskStatuses.Label(status);

    public static string Of(RiskSource source) => Names.RiskSources.Label(source);
}
