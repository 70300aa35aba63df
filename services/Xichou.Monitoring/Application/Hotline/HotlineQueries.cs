using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Support;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Hotline;

/// <summary>What the hotline desk lists, inside the caller's jurisdiction, newest first, at most <see cref="MaxItems"/>.</summary>
public sealed class HotlineQueries(MonitoringDbContext db, ServiceSecurity security)
{
    public const int MaxItems = 200;

    public async Task<List<ComplaintView>> ComplaintsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var households = db.Households.AsNoTracking().Within(security.JurisdictionOf(user));
        // By the time received, in SQL: a version-7 id orders by time on SQLite but not on SQL Server, which sorts a
        // uniqueidentifier by its last bytes first; the instant orders on both (on SQLite as UTC text).
        var rows = await (
            from complaint in db.Complaints.AsNoTracking()
            join household in households on complaint.HouseholdId equals household.Id
            join risk in db.Risks.AsNoTracking() on complaint.RiskId equals risk.Id
            orderby complaint.ReceivedAt descending, complaint.Id descending
            select new { complaint, household, risk }).Take(MaxItems).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ComplaintView.From(r.complaint, r.household, r.risk, user, security))];
    }

    /// <summary>Reported missed households (漏评), the undecided first; <paramref name="decision"/> narrows to one state.</summary>
    public async Task<List<InclusionCheckView>> InclusionChecksAsync(ClaimsPrincipal user, InclusionDecision? decision, CancellationToken cancellationToken)
    {
        var checks = db.InclusionChecks.AsNoTracking().Within(security.JurisdictionOf(user));
        if (decision is { } only)
        {
            checks = checks.Where(c => c.Decision == only);
        }
        var rows = await checks
            .OrderBy(c => c.Decision == InclusionDecision.Pending ? 0 : 1).ThenByDescending(c => c.Id)
            .Take(MaxItems).ToListAsync(cancellationToken);
        return [.. rows.Select(c => InclusionCheckView.From(c, user, security))];
    }
}

public static class InclusionCheckScope
{
    /// <summary>Items of villages inside <paramref name="scope"/>: the county all, a township its own, a village its own; a pairing cadre none.</summary>
    public static IQueryable<InclusionCheck> Within(this IQueryable<InclusionCheck> checks, Jurisdiction scope) => scope.Level switch
    {
        JurisdictionLevel.County => checks,
        JurisdictionLevel.Township => checks.Where(c => c.TownshipCode == scope.Code),
        JurisdictionLevel.Village => checks.Where(c => c.VillageCode == scope.Code),
        _ => checks.Where(_ => false),
    };
}
