using Xichou.Contracts;
using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Analysis;

/// <summary>One household on this cycle's visit list (本期走访名单).</summary>
public sealed record DueVisit(
    Guid Id, string HouseholdCode, string VillageCode, string Village, string? VillagerGroup, string HeadName,
    CycleState State, DateOnly? LastVisitOn, DateOnly DueBy, int DaysOverdue, int OpenRisks);

/// <summary>
/// 措施一's half-monthly cycle as a to-do list: households not yet visited first (the most overdue at the top, then
/// by due date), visited ones last. Exited households are no longer visited.
/// </summary>
public static class VisitDueList
{
    public static async Task<IReadOnlyList<DueVisit>> ForAsync(MonitoringDbContext db, Jurisdiction jurisdiction, DateOnly today,
        MonitoringPolicy policy, Func<string, string> nameFor, int limit, CancellationToken cancellationToken = default)
    {
        var households = db.Households.AsNoTracking().Within(jurisdiction).Where(h => h.Status != HouseholdStatus.Exited);
        var rows = await households
            .Select(h => new
            {
                h.Id, h.Code, h.VillageCode, h.Village, h.VillagerGroup, h.HeadName, h.LastVisitOn, h.RegisteredAt,
                OpenRisks = db.Risks.Count(r => r.HouseholdId == h.Id && r.Status == RiskStatus.Open),
            })
            .ToListAsync(cancellationToken);
        return
        [
            .. rows
                .Select(h =>
                {
                    var registered = Beijing.DateOf(h.RegisteredAt);
                    var dueBy = VisitCycle.DueBy(h.LastVisitOn, registered, policy);
                    var state = VisitCycle.StateOn(today, h.LastVisitOn, registered, policy);
                    return new DueVisit(h.Id, h.Code, h.VillageCode, h.Village, h.VillagerGroup, nameFor(h.HeadName), state,
                        h.LastVisitOn, dueBy, state == CycleState.Overdue ? today.DayNumber - dueBy.DayNumber : 0, h.OpenRisks);
                })
                .OrderBy(i => i.State == CycleState.Visited)
                .ThenBy(i => i.DueBy)
                .ThenBy(i => i.HouseholdCode, StringComparer.Ordinal)
                .Take(limit),
        ];
    }

    /// <summary>How many households in the jurisdiction are past their cycle today.</summary>
    public static async Task<int> OverdueCountAsync(MonitoringDbContext db, Jurisdiction jurisdiction, DateOnly today, MonitoringPolicy policy,
        CancellationToken cancellationToken = default)
    {
        var rows = await db.Households.AsNoTracking().Within(jurisdiction).Where(h => h.Status != HouseholdStatus.Exited)
            .Select(h => new { h.LastVisitOn, h.RegisteredAt })
            .ToListAsync(cancellationToken);
        return rows.Count(h => VisitCycle.StateOn(today, h.LastVisitOn, Beijing.DateOf(h.RegisteredAt), policy) == CycleState.Overdue);
    }

    /// <summary>The state in Chinese, with the days late for an overdue one (逾期 N 天).</summary>
    public static string Describe(DueVisit item) => item.State switch
    {
        CycleState.Overdue => $"逾期 {item.DaysOverdue} 天",
        CycleState.Due => "待走访",
        _ => "本期已走访",
    };
}
