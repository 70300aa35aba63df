using Microsoft.EntityFrameworkCore;
using Xichou.CommandCentre.Feed;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.CommandCentre.Overview;

/// <summary>The households behind the overview's numbers, counted by the same rules as <see cref="OverviewData"/>.</summary>
public static class HouseholdLists
{
    private sealed record Row(Guid Id, string HouseholdCode, string TownshipCode, string VillageKey, string Village, string HeadName,
        string HeadIdNumber, string? Status, DateTimeOffset? RegisteredAt, DateOnly? LastCycleVisitOn, int? CycleDays, bool Paired);

    private static IQueryable<HouseholdProjection> InScope(CommandCentreDbContext db, OverviewScope scope, string? township, string? village)
    {
        var query = db.HouseholdProjections.AsNoTracking().Where(h => h.Status != null);
        if (scope.Townships is { } zone)
        {
            var codes = zone.ToList();
            query = query.Where(h => codes.Contains(h.TownshipCode));
        }
        if (township is not null)
        {
            query = query.Where(h => h.TownshipCode == township);
        }
        if (village is not null)
        {
            query = query.Where(h => h.VillageKey == village);
        }
        return query;
    }

    private static async Task<List<Row>> RowsAsync(IQueryable<HouseholdProjection> query, CancellationToken ct) =>
        await query.Select(h => new Row(h.Id, h.HouseholdCode, h.TownshipCode, h.VillageKey, h.Village, h.HeadName, h.HeadIdNumber, h.Status,
            h.RegisteredAt, h.LastCycleVisitOn, h.CycleDays, h.CadreId != null)).ToListAsync(ct);

    public static bool VisitedThisCycle(DateOnly? lastCycleVisitOn, int? cycleDays, DateOnly today) =>
        lastCycleVisitOn is { } visited && today.DayNumber - visited.DayNumber <= (cycleDays ?? OverviewData.DefaultCycleDays);

    public static bool VisitOverdue(DateOnly? lastCycleVisitOn, int? cycleDays, DateTimeOffset? registeredAt, DateOnly today)
    {
        var since = lastCycleVisitOn is { } visited ? today.DayNumber - visited.DayNumber
            : registeredAt is { } registered ? today.DayNumber - Beijing.DateOf(registered).DayNumber : 0;
        return since > (cycleDays ?? OverviewData.DefaultCycleDays);
    }

    public static async Task<HouseholdPage> QueryAsync(CommandCentreDbContext db, OverviewScope scope, string list, bool met, string? township,
        string? village, string? status, int page, int pageSize, DateOnly today, CancellationToken ct)
    {
        var query = InScope(db, scope, township, village);
        if (Feed.Measures.IsKnown(list) || list is "overdue-visits")
        {
            query = query.Where(h => h.Status == "monitored");
        }
        else if (status is not null)
        {
            query = query.Where(h => h.Status == status);
        }
        var rows = await RowsAsync(query, ct);
        // Only the households in the list's place are read, with the facts of those (a semi-join in SQL), not the county's.
        var inPlace = query.Select(h => h.Id);
        Func<Row, bool> filter = list switch
        {
            "households" => _ => true,
            "overdue-visits" => r => VisitOverdue(r.LastCycleVisitOn, r.CycleDays, r.RegisteredAt, today),
            "open-risks" => Having(await OpenRisksAsync(db, inPlace, ct)),
            "overdue-referrals" => Having(await OverdueReferralsAsync(db, inPlace, today, ct)),
            Feed.Measures.Visited => r => VisitedThisCycle(r.LastCycleVisitOn, r.CycleDays, today) == met,
            Feed.Measures.Paired => r => r.Paired == met,
            Feed.Measures.Subsidies => await PaidAsync(db, inPlace, met, ct),
            _ => await FactAsync(db, inPlace, list, met, ct),
        };
        var matching = rows.Where(filter).OrderBy(r => r.TownshipCode, StringComparer.Ordinal).ThenBy(r => r.VillageKey, StringComparer.Ordinal)
            .ThenBy(r => r.HouseholdCode, StringComparer.Ordinal).ToList();
        var shown = matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        // The open risks and overdue referrals shown beside each line: counted for the page's households only.
        var onPage = shown.Select(r => r.Id).ToList();
        var openRisks = await OpenRisksAsync(db, db.HouseholdProjections.Where(h => onPage.Contains(h.Id)).Select(h => h.Id), ct);
        var overdueReferrals = await OverdueReferralsAsync(db, db.HouseholdProjections.Where(h => onPage.Contains(h.Id)).Select(h => h.Id), today, ct);
        var items = shown.Select(r => new HouseholdLine(r.Id, r.HouseholdCode, r.TownshipCode,
            Contracts.Townships.NameOf(r.TownshipCode), r.Village, scope.ShowsNames ? r.HeadName : PersonalData.MaskName(r.HeadName),
            IdNumber.Mask(r.HeadIdNumber), r.Status, r.LastCycleVisitOn, r.Paired, openRisks.GetValueOrDefault(r.Id),
            overdueReferrals.GetValueOrDefault(r.Id))).ToList();
        return new HouseholdPage(list, met, matching.Count, page, pageSize, items);
    }

    private static Func<Row, bool> Having(Dictionary<Guid, int> counts) => r => counts.ContainsKey(r.Id);

    private static async Task<Dictionary<Guid, int>> OpenRisksAsync(CommandCentreDbContext db, IQueryable<Guid> households, CancellationToken ct) =>
        (await db.RiskProjections.AsNoTracking().Where(r => r.ClosedAt == null && households.Contains(r.HouseholdId))
            .Select(r => r.HouseholdId).ToListAsync(ct))
        .CountBy(id => id).ToDictionary(p => p.Key, p => p.Value);

    private static async Task<Dictionary<Guid, int>> OverdueReferralsAsync(CommandCentreDbContext db, IQueryable<Guid> households, DateOnly today,
        CancellationToken ct) =>
        (await db.ReferralProjections.AsNoTracking()
            .Where(r => (r.Status == "requested" || r.Status == "accepted") && r.DueOn < today && households.Contains(r.HouseholdId))
            .Select(r => r.HouseholdId).ToListAsync(ct))
        .CountBy(id => id).ToDictionary(p => p.Key, p => p.Value);

    private static async Task<Func<Row, bool>> PaidAsync(CommandCentreDbContext db, IQueryable<Guid> inPlace, bool met, CancellationToken ct)
    {
        var paid = (await db.PaymentProjections.AsNoTracking().Where(p => inPlace.Contains(p.HouseholdId)).Select(p => p.HouseholdId).Distinct()
            .ToListAsync(ct)).ToHashSet();
        return r => paid.Contains(r.Id) == met;
    }

    private static async Task<Func<Row, bool>> FactAsync(CommandCentreDbContext db, IQueryable<Guid> inPlace, string measure, bool met, CancellationToken ct)
    {
        var holding = (await db.MeasureFacts.AsNoTracking().Where(f => f.Measure == measure && f.Met && inPlace.Contains(f.HouseholdId))
            .Select(f => f.HouseholdId).ToListAsync(ct)).ToHashSet();
        return r => holding.Contains(r.Id) == met;
    }

    public static async Task<SupervisionView> SupervisionAsync(CommandCentreDbContext db, OverviewScope scope, DateOnly today, CancellationToken ct)
    {
        var monthEnd = new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1);
        var rows = (await RowsAsync(InScope(db, scope, null, null), ct)).ToDictionary(r => r.Id);
        string Name(Row r) => scope.ShowsNames ? r.HeadName : PersonalData.MaskName(r.HeadName);
        SupervisionItem Item(string kind, string kindName, Row r, string? department, DateOnly? due) => new(kind, kindName, r.Id, r.HouseholdCode,
            r.TownshipCode, Contracts.Townships.NameOf(r.TownshipCode), r.Village, Name(r), department,
            department is null ? null : OverviewComposer.DepartmentName(department), due, due is { } d ? Math.Max(0, today.DayNumber - d.DayNumber) : 0);

        var overdue = new List<SupervisionItem>();
        foreach (var r in rows.Values.Where(r => r.Status == "monitored" && VisitOverdue(r.LastCycleVisitOn, r.CycleDays, r.RegisteredAt, today)))
        {
            var due = r.LastCycleVisitOn is { } v ? v.AddDays(r.CycleDays ?? OverviewData.DefaultCycleDays)
                : r.RegisteredAt is { } at ? Beijing.DateOf(at).AddDays(OverviewData.DefaultCycleDays) : (DateOnly?)null;
            overdue.Add(Item("visit", "走访超期", r, null, due));
        }
        var referrals = await db.ReferralProjections.AsNoTracking().Where(x => x.Status == "requested" || x.Status == "accepted")
            .Select(x => new { x.HouseholdId, x.Department, x.DueOn }).ToListAsync(ct);
        var dueThisMonth = new List<SupervisionItem>();
        foreach (var referral in referrals)
        {
            if (!rows.TryGetValue(referral.HouseholdId, out var r))
            {
                continue;
            }
            if (referral.DueOn < today)
            {
                overdue.Add(Item("referral", "转办超期", r, referral.Department, referral.DueOn));
            }
            else if (referral.DueOn <= monthEnd)
            {
                dueThisMonth.Add(Item("referral", "本月到期转办", r, referral.Department, referral.DueOn));
            }
        }
        var escalated = (await db.RiskProjections.AsNoTracking().Where(x => x.ClosedAt == null && x.Level != "village")
                .Select(x => new { x.HouseholdId, x.Level, x.Category, x.EscalationDueOn }).ToListAsync(ct))
            .Where(x => rows.ContainsKey(x.HouseholdId))
            .Select(x => Item("risk", $"{(x.Level == "county" ? "县级" : "乡镇级")}风险：{OverviewComposer.CategoryName(x.Category)}", rows[x.HouseholdId], null,
                x.EscalationDueOn))
            .ToList();
        static List<SupervisionItem> Ordered(IEnumerable<SupervisionItem> items) =>
            [.. items.OrderByDescending(i => i.DaysOver).ThenBy(i => i.Township, StringComparer.Ordinal).ThenBy(i => i.HouseholdCode, StringComparer.Ordinal)];
        return new SupervisionView(scope.Name, today, monthEnd, Ordered(overdue), Ordered(dueThisMonth), Ordered(escalated));
    }
}
