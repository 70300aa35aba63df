using Xichou.Contracts;
using Xichou.Monitoring.Model;

namespace Xichou.Monitoring.Policy;

/// <summary>
/// The one place the escalation due date is computed (the sweep, the risk's detail and the demo county all ask here): a
/// risk still open <see cref="MonitoringPolicy.EscalationDays"/> after its level took it over goes up one level, the days
/// of the version in force on the day the level took it over.
/// </summary>
public static class EscalationClock
{
    public static DateTimeOffset DueAt(DateTimeOffset levelSince, MonitoringPolicies policies) =>
        levelSince.AddDays(DaysFor(levelSince, policies));

    /// <summary>When <paramref name="risk"/> goes up a level if still open; none once closed or at the county, the top.</summary>
    public static DateTimeOffset? DueAt(Risk risk, MonitoringPolicies policies) =>
        risk.Status == RiskStatus.Open && risk.Level != RiskLevel.County ? DueAt(risk.LevelSince, policies) : null;

    /// <summary>The escalation period that runs for a level that took the risk over at <paramref name="levelSince"/>.</summary>
    public static int DaysFor(DateTimeOffset levelSince, MonitoringPolicies policies) =>
        policies.InForceOn(Beijing.DateOf(levelSince)).EscalationDays;
}
