using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Risks;
using Xichou.Monitoring.Model.Visits;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Analysis;

/// <summary>Which month and which part of the caller's jurisdiction: <c>?month=yyyy-MM&amp;township=&amp;village=</c>.</summary>
public sealed record MonthlyAnalysisQuery(string? Month, string? Township, string? Village)
{
    public ValidationErrors Validate(DateOnly today)
    {
        var errors = new ValidationErrors();
        if (!string.IsNullOrWhiteSpace(Month))
        {
            if (!TryParseMonth(Month, out var first))
            {
                errors.Add("month", "月份格式应为 yyyy-MM，如 2026-11", "The month is yyyy-MM, e.g. 2026-11.");
            }
            else if (first > today)
            {
                errors.Add("month", "月份不能晚于本月", "The month cannot be after the current month.");
            }
        }
        if (!string.IsNullOrEmpty(Township) && !Townships.IsKnown(Township))
        {
            errors.Add("township", "不是西畴县的乡镇代码", "Not a township code of Xichou County.");
        }
        if (!string.IsNullOrEmpty(Village))
        {
            if (!Villages.IsKnown(Village))
            {
                errors.Add("village", "不是西畴县的村委会代码", "Not a village committee code of Xichou County.");
            }
            else if (!string.IsNullOrEmpty(Township) && Villages.TownshipOf(Village) != Township)
            {
                errors.Add("village", "该村委会不属于所选乡镇", "The village is not in the chosen township.");
            }
        }
        return errors;
    }

    /// <summary>The first day of the month asked for, or of the current month.</summary>
    public DateOnly FirstDay(DateOnly today) =>
        TryParseMonth(Month, out var first) ? first : new DateOnly(today.Year, today.Month, 1);

    public static bool TryParseMonth(string? month, out DateOnly firstDay) =>
        DateOnly.TryParseExact($"{month?.Trim()}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay)
        && firstDay.Year >= 2000;
}

/// <summary>Open risks of one category at one level, at the end of the month (wire names as the risk API's: expenseSpike, township).</summary>
public sealed record OpenRiskCount(string Category, string CategoryName, string Level, string LevelName, int Count);

/// <summary>A household that had no visit in the month (head name as the caller may see it).</summary>
public sealed record UnvisitedHousehold(Guid Id, string HouseholdCode, string Village, string HeadName, DateOnly? LastVisitOn);

/// <summary>
/// 每月分析研判 (the covering notice of 西开组发〔2021〕2号): for one month and one village, township or the county,
/// what came in, what was resolved, what is still open and where, which visits are late, what went up and came down.
/// </summary>
public sealed record MonthlyAnalysis(
    string Month,
    string ScopeName,
    string Level,
    string LevelName,
    int Households,
    int NewRisks,
    int ClosedRisks,
    int OpenRisks,
    IReadOnlyList<OpenRiskCount> OpenRisksByCategory,
    int OverdueVisits,
    DateOnly OverdueOn,
    int EscalationsReceived,
    int EscalationsSent,
    int HouseholdsWithoutVisit,
    IReadOnlyList<UnvisitedHousehold> WithoutVisit)
{
    /// <summary>
    /// Computes the analysis over the households inside <paramref name="jurisdiction"/>, narrowed (never widened) by the
    /// query's township and village. Open risks, overdue visits, unvisited households and who is monitored are as of the month's
    /// last day (today, for the current month), as known then: a visit recorded or a status changed after it leaves a past month as it was.
    /// </summary>
    public static async Task<MonthlyAnalysis> ComputeAsync(MonitoringDbContext db, Jurisdiction jurisdiction, MonthlyAnalysisQuery query,
        DateOnly today, MonitoringPolicy policy, Func<string, string> nameFor, CancellationToken cancellationToken)
    {
        var first = query.FirstDay(today);
        var last = first.AddMonths(1).AddDays(-1);
        var asOf = last < today ? last : today;
        var start = Beijing.StartOf(first);
        var end = Beijing.StartOf(last.AddDays(1));

        var households = Narrow(db.Households.AsNoTracking().Within(jurisdiction), query);
        var level = LevelOf(jurisdiction, query);

        // Instants are compared in memory: SQLite keeps DateTimeOffset as text, which does not compare across offsets.
        var register = await households
            .Select(h => new { h.Id, h.Code, h.Village, h.HeadName, h.RegisteredAt, h.Status })
            .ToListAsync(cancellationToken);
        var onRegister = register.Where(h => h.RegisteredAt < end).ToList();
        // The status each household had at the month's end: the first change after it says what it changed from.
        var changedSince = (await db.StatusChanges.AsNoTracking()
                .Where(c => c.On > asOf && households.Any(h => h.Id == c.HouseholdId))
                .Select(c => new { c.Id, c.HouseholdId, c.On, c.From })
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.HouseholdId)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.On).ThenBy(c => c.Id).First().From);
        var monitored = onRegister.Where(h => changedSince.GetValueOrDefault(h.Id, h.Status) != HouseholdStatus.Exited).ToList();

        var risks = await db.Risks.AsNoTracking()
            .Where(r => households.Any(h => h.Id == r.HouseholdId))
            .Select(r => new { r.Id, r.Category, r.Status, r.OpenedAt, r.ClosedAt })
            .ToListAsync(cancellationToken);
        var escalations = await db.RiskEscalations.AsNoTracking()
            .Where(e => db.Risks.Any(r => r.Id == e.RiskId && households.Any(h => h.Id == r.HouseholdId)))
            .Select(e => new { e.RiskId, e.At, e.From, e.To })
            .ToListAsync(cancellationToken);

        var openAtEnd = risks.Where(r => r.OpenedAt < end && (r.ClosedAt is null || r.ClosedAt >= end)).ToList();
        var levelAtEnd = escalations.Where(e => e.At < end)
            .GroupBy(e => e.RiskId)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.At)!.To);
        var byCategory = openAtEnd
            .GroupBy(r => (r.Category, Level: levelAtEnd.GetValueOrDefault(r.Id, RiskLevel.Village)))
            .OrderBy(g => g.Key.Category).ThenBy(g => g.Key.Level)
            .Select(g => new OpenRiskCount(WireName.Of(g.Key.Category), RiskNames.Of(g.Key.Category), WireName.Of(g.Key.Level), RiskNames.Of(g.Key.Level), g.Count()))
            .ToList();

        var monthEscalations = escalations.Where(e => e.At >= start && e.At < end).ToList();

        // The monitoring team's visits (a pairing cadre's 回头看 keeps no cycle) as they were known at the month's end: one recorded later, even dated inside the month, does not change a
        // past month's figures. Recording times are compared in memory over the last year's visits; a household whose last
        // visit is older than that is overdue whatever its date, which is then read from SQL.
        var floor = first.AddYears(-1);
        var recent = (await db.Visits.AsNoTracking()
                .Where(v => v.Kind != VisitKind.Cadre && v.VisitedOn >= floor && v.VisitedOn <= asOf && households.Any(h => h.Id == v.HouseholdId))
                .Select(v => new { v.HouseholdId, v.VisitedOn, v.RecordedAt })
                .ToListAsync(cancellationToken))
            .Where(v => v.RecordedAt < end)
            .ToList();
        var lastVisits = await db.Visits.AsNoTracking()
            .Where(v => v.Kind != VisitKind.Cadre && v.VisitedOn < floor && households.Any(h => h.Id == v.HouseholdId))
            .GroupBy(v => v.HouseholdId)
            .Select(g => new { HouseholdId = g.Key, Last = g.Max(v => v.VisitedOn) })
            .ToDictionaryAsync(v => v.HouseholdId, v => v.Last, cancellationToken);
        foreach (var group in recent.GroupBy(v => v.HouseholdId))
        {
            lastVisits[group.Key] = group.Max(v => v.VisitedOn);
        }
        var overdue = monitored.Count(h => VisitCycle.StateOn(asOf, lastVisits.TryGetValue(h.Id, out var visited) ? visited : null,
            Beijing.DateOf(h.RegisteredAt), policy) == CycleState.Overdue);

        var visitedInMonth = recent.Where(v => v.VisitedOn >= first && v.VisitedOn <= last).Select(v => v.HouseholdId).ToHashSet();
        var withoutVisit = monitored.Where(h => !visitedInMonth.Contains(h.Id))
            .OrderBy(h => h.Village, StringComparer.Ordinal).ThenBy(h => h.Code, StringComparer.Ordinal)
            .Select(h => new UnvisitedHousehold(h.Id, h.Code, h.Village, nameFor(h.HeadName),
                lastVisits.TryGetValue(h.Id, out var visited) ? visited : null))
            .ToList();

        return new MonthlyAnalysis(
            Beijing.MonthText(first),
            ScopeNameOf(jurisdiction, query),
            WireName.Of(level),
            RiskNames.Of(level),
            onRegister.Count,
            risks.Count(r => r.OpenedAt >= start && r.OpenedAt < end),
            risks.Count(r => r.ClosedAt is { } closed && closed >= start && closed < end),
            openAtEnd.Count,
            byCategory,
            overdue,
            asOf,
            monthEscalations.Count(e => e.To == level),
            monthEscalations.Count(e => e.From == level),
            withoutVisit.Count,
            withoutVisit);
    }

    /// <summary>The query's township and village, applied inside the jurisdiction (a filter outside it finds nothing).</summary>
    public static IQueryable<Household> Narrow(IQueryable<Household> households, MonthlyAnalysisQuery query)
    {
        if (!string.IsNullOrEmpty(query.Township))
        {
            households = households.Where(h => h.TownshipCode == query.Township);
        }
        if (!string.IsNullOrEmpty(query.Village))
        {
            households = households.Where(h => h.VillageCode == query.Village);
        }
        return households;
    }

    /// <summary>The level the analysis speaks for: a village's, a township's or the county's.</summary>
    public static RiskLevel LevelOf(Jurisdiction jurisdiction, MonthlyAnalysisQuery query) =>
        !string.IsNullOrEmpty(query.Village) || jurisdiction.Level is JurisdictionLevel.Village or JurisdictionLevel.Pairing
            ? RiskLevel.Village
            : !string.IsNullOrEmpty(query.Township) || jurisdiction.Level == JurisdictionLevel.Township
                ? RiskLevel.Township
                : RiskLevel.County;

    public static string ScopeNameOf(Jurisdiction jurisdiction, MonthlyAnalysisQuery query) =>
        !string.IsNullOrEmpty(query.Village) ? $"{Townships.NameOf(Villages.TownshipOf(query.Village))}{Villages.NameOf(query.Village)}"
        : !string.IsNullOrEmpty(query.Township) ? Townships.NameOf(query.Township)
        : jurisdiction.DisplayName;
}
