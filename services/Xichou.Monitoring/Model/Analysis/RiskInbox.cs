using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Analysis;

/// <summary>An open risk in a level's inbox, with the household it belongs to (head name as the caller may see it).</summary>
public sealed record InboxItem(Risk Risk, Guid HouseholdId, string HouseholdCode, string Village, string HeadName)
{
    /// <summary>Handed up to this level (by a user or by the clock) rather than found here.</summary>
    public bool Escalated => Risk.Escalations.Any(e => e.To == Risk.Level);
}

/// <summary>
/// What each level owns (the covering notice: 村级化解，化解不了的报乡镇、报县): the open risks at the caller's level
/// inside their jurisdiction, the ones escalated to it first, the longest waiting at the top.
/// </summary>
public static class RiskInbox
{
    /// <summary>The level a user acts for: the county's, a township's, or a village's (a pairing cadre works at the village's).</summary>
    public static RiskLevel LevelOf(Jurisdiction jurisdiction) => jurisdiction.Level switch
    {
        JurisdictionLevel.County => RiskLevel.County,
        JurisdictionLevel.Township => RiskLevel.Township,
        _ => RiskLevel.Village,
    };

    public static async Task<IReadOnlyList<InboxItem>> ForAsync(MonitoringDbContext db, Jurisdiction jurisdiction, RiskLevel level,
        Func<string, string> nameFor, CancellationToken cancellationToken = default)
    {
        var risks = await db.RisksWithin(jurisdiction).AsNoTracking()
            .Where(r => r.Status == RiskStatus.Open && r.Level == level)
            .Include(r => r.Escalations).Include(r => r.Measures)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var ids = risks.Select(r => r.HouseholdId).Distinct().ToList();
        var households = await db.Households.AsNoTracking().Within(jurisdiction).Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.Code, h.Village, h.HeadName })
            .ToDictionaryAsync(h => h.Id, cancellationToken);
        // LevelSince is ordered in memory: SQLite cannot order DateTimeOffset.
        return
        [
            .. risks.Where(r => households.ContainsKey(r.HouseholdId))
                .Select(r =>
                {
                    var h = households[r.HouseholdId];
                    return new InboxItem(r, h.Id, h.Code, h.Village, nameFor(h.HeadName));
                })
                .OrderByDescending(i => i.Escalated)
                .ThenBy(i => i.Risk.LevelSince)
                .ThenByDescending(i => i.Risk.Severity),
        ];
    }

    /// <summary>Risks escalated to <paramref name="level"/> within the jurisdiction since <paramref name="since"/>.</summary>
    public static async Task<int> EscalatedToSinceAsync(MonitoringDbContext db, Jurisdiction jurisdiction, RiskLevel level, DateTimeOffset since,
        CancellationToken cancellationToken = default)
    {
        var risks = db.RisksWithin(jurisdiction);
        var times = await db.RiskEscalations.AsNoTracking()
            .Where(e => e.To == level && risks.Any(r => r.Id == e.RiskId))
            .Select(e => e.At)
            .ToListAsync(cancellationToken);
        return times.Count(at => at >= since);
    }
}
