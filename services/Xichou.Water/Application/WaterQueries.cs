using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Security;
using Xichou.Water.Infrastructure;
using Xichou.Water.Model.Checks;
using Xichou.Water.Model.Remediations;

namespace Xichou.Water.Application;

/// <summary>The questions the home page, the cases and the ledger ask of the checks, each a query run in the database.</summary>
public static class WaterQueries
{
    /// <summary>Each household's latest check: the greatest day, then the last recorded that day.</summary>
    public static IQueryable<WaterCheck> LatestChecks(this WaterDbContext db) =>
        db.Checks.Where(c => !db.Checks.Any(o => o.HouseholdId == c.HouseholdId
            && (o.CheckedOn > c.CheckedOn || (o.CheckedOn == c.CheckedOn && o.RecordedAt > c.RecordedAt))));

    /// <summary>The households in a remediation case that is still open.</summary>
    public static IQueryable<Guid> InOpenCases(this WaterDbContext db) =>
        db.RemediationHouseholds
            .Where(h => db.Remediations.Any(r => r.Id == h.RemediationId && r.Status == RemediationStatus.Open))
            .Select(h => h.HouseholdId);

    /// <summary>The households in a remediation case that was completed (made safe by a passing re-check).</summary>
    public static IQueryable<Guid> InCompletedCases(this WaterDbContext db) =>
        db.RemediationHouseholds
            .Where(h => db.Remediations.Any(r => r.Id == h.RemediationId && r.Status == RemediationStatus.Completed))
            .Select(h => h.HouseholdId);

    /// <summary>
    /// Households inside <paramref name="scope"/>, still monitored, whose latest check failed and that no open case serves
    /// yet: the work waiting for a remediation case.
    /// </summary>
    public static IQueryable<WaterCheck> NeedingACase(this WaterDbContext db, Jurisdiction scope)
    {
        var households = db.Households.Within(scope).Where(h => h.Status != RegisterStatus.Exited).Select(h => h.Id);
        var served = db.InOpenCases();
        return db.LatestChecks().Where(c => !c.Safe && households.Contains(c.HouseholdId) && !served.Contains(c.HouseholdId));
    }

    /// <summary>The cases every household of which is inside <paramref name="scope"/>: a case is never shown in part.</summary>
    public static IQueryable<RemediationCase> RemediationsWithin(this WaterDbContext db, Jurisdiction scope)
    {
        var households = db.Households.Within(scope).Select(h => h.Id);
        return db.Remediations.Where(r => r.Households.All(h => households.Contains(h.HouseholdId)));
    }

    /// <summary>
    /// The finding of the household's current unsafe episode (its failing checks since its last completed case), or null
    /// when there is none: a failing check continues it, and completing the case clears it.
    /// </summary>
    public static async Task<Guid?> EpisodeFindingAsync(this WaterDbContext db, Guid householdId, CancellationToken ct)
    {
        var previous = await db.Checks.AsNoTracking().Where(c => c.HouseholdId == householdId)
            .OrderByDescending(c => c.CheckedOn).ThenByDescending(c => c.RecordedAt).FirstOrDefaultAsync(ct);
        if (previous is null)
        {
            return null;
        }
        // Read, then compared here: SQLite does not order DateTimeOffset values; a household has few cases.
        var completed = await db.Remediations.AsNoTracking()
            .Where(r => r.Status == RemediationStatus.Completed && r.Households.Any(h => h.HouseholdId == householdId))
            .Select(r => r.CompletedAt!.Value).ToListAsync(ct);
        return WaterCheck.EpisodeFindingAfter(previous, completed);
    }
}
