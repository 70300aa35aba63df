using Xichou.CommandCentre.Feed;
using Xichou.Contracts;

namespace Xichou.CommandCentre.Overview;

public sealed record NamedCount(string Key, string Name, int Count);

/// <summary>A measure's coverage against its target (every monitored household); null with a reason while no department reports it.</summary>
public sealed record MeasureCoverage(string Key, string Name, string Policy, string Department, bool Served, int? Met, int Target, decimal? Percent, string? Reason);

public sealed record SubsidyLine(string Department, string DepartmentName, string Measure, decimal PaidYuan, int Households, int HouseholdsAtCap);

public sealed record OwnerCount(string Township, string TownshipName, string? Department, string? DepartmentName, int Count);

/// <summary>One row of the township table (or of a township's village table).</summary>
public sealed record PlaceRow(string Code, string Name, int Households, int Monitored, int VisitedThisCycle, int OverdueVisits,
    int Paired, int OpenRisks, int OverdueReferrals);

public sealed record FunnelRow(string Township, string TownshipName, int Risks, int Referred, int Accepted, int Delivered, int Closed,
    double? MedianDaysToReferral, double? MedianDaysToAccept, double? MedianDaysToDeliver, double? MedianDaysToClose);

public sealed record MonthTrend(string Month, int NewRisks, int ClosedRisks, int Escalations);

/// <summary>Who let what go overdue this year (追责问责, 年底考核依据): per township and responsible department.</summary>
public sealed record AccountabilityRow(string Township, string TownshipName, string Department, string DepartmentName,
    int OverdueReferralsOpen, int ReferralsDeliveredLate, int OverdueVisits, int AutomaticEscalations, int Total);

public sealed record OverviewView(
    string Scope, IReadOnlyList<string> Townships, DateOnly Today, DateTimeOffset ComputedAt, long Version,
    int Households, int Monitored,
    IReadOnlyList<NamedCount> HouseholdsByStatus,
    int OpenRisks,
    IReadOnlyList<NamedCount> OpenRisksByCategory,
    IReadOnlyList<NamedCount> OpenRisksByLevel,
    IReadOnlyList<MeasureCoverage> Measures,
    IReadOnlyList<SubsidyLine> Subsidies,
    int OverdueVisits,
    IReadOnlyList<OwnerCount> OverdueVisitsByTownship,
    int OverdueReferrals,
    IReadOnlyList<OwnerCount> OverdueReferralsByOwner,
    IReadOnlyList<PlaceRow> Places,
    IReadOnlyList<FunnelRow> Funnel,
    IReadOnlyList<OwnerCount> Breaches,
    IReadOnlyList<MonthTrend> Trends,
    IReadOnlyList<AccountabilityRow> Accountability);

public static class OverviewComposer
{
    public static readonly IReadOnlyList<(string Key, string Name)> Statuses =
        [("monitored", "监测中"), ("riskEliminated", "风险已消除"), ("exited", "已退出")];

    public static readonly IReadOnlyList<(string Key, string Name)> Levels = [("village", "村级"), ("township", "乡镇级"), ("county", "县级")];

    public static string DepartmentName(string key) => Departments.Find(key)?.Name ?? key;

    /// <summary>
    /// The overview of <paramref name="scope"/>, or of one township in it (<paramref name="township"/>: then the places are
    /// its villages).
    /// </summary>
    public static OverviewView Compose(OverviewData data, OverviewScope scope, string? township = null)
    {
        var cells = data.In(scope, township).ToList();
        var townships = township is not null ? [township]
            : scope.Townships?.Order(StringComparer.Ordinal).ToList() ?? [.. Contracts.Townships.ByCode.Keys.Order(StringComparer.Ordinal)];
        int Sum(Func<Cell, int> f) => cells.Sum(f);
        var monitored = Sum(c => c.Monitored);

        var byStatus = Statuses.Select(s => new NamedCount(s.Key, s.Name, Sum(c => c.ByStatus.GetValueOrDefault(s.Key)))).ToList();
        var categories = cells.SelectMany(c => c.OpenRisksByCategory).GroupBy(p => p.Key)
            .Select(g => new NamedCount(g.Key, CategoryName(g.Key), g.Sum(p => p.Value)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var levels = Levels.Select(l => new NamedCount(l.Key, l.Name, Sum(c => c.OpenRisksByLevel.GetValueOrDefault(l.Key)))).ToList();

        var measures = Feed.Measures.All.Select(m =>
        {
            if (!data.Served.Contains(m.Key))
            {
                return new MeasureCoverage(m.Key, m.Name, m.Policy, m.Department, false, null, monitored, null,
                    "尚未接入：还没有部门上报这一项 / not yet served: no department reports this measure yet");
            }
            var met = Sum(c => c.MeasureMet.GetValueOrDefault(m.Key));
            return new MeasureCoverage(m.Key, m.Name, m.Policy, m.Department, true, met, monitored, Percent(met, monitored), null);
        }).ToList();

        var subsidies = cells.SelectMany(c => c.Payments).GroupBy(p => p.Key)
            .Select(g => new SubsidyLine(g.Key.Department, DepartmentName(g.Key.Department), g.Key.Measure,
                Projector.Money(g.Sum(p => p.Value.PaidYuan)),
                g.SelectMany(p => p.Value.Households).Distinct().Count(), g.SelectMany(p => p.Value.AtCap).Distinct().Count()))
            .OrderBy(s => s.Department, StringComparer.Ordinal).ThenBy(s => s.Measure, StringComparer.Ordinal).ToList();

        var byTownship = cells.GroupBy(c => c.Township).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        List<Cell> Of(string code) => byTownship.GetValueOrDefault(code) ?? [];

        var overdueVisits = townships.Select(t => new OwnerCount(t, Contracts.Townships.NameOf(t), null, null, Of(t).Sum(c => c.OverdueVisits)))
            .Where(o => o.Count > 0).ToList();
        var overdueReferrals = cells.SelectMany(c => c.OverdueReferrals.Select(p => (c.Township, Department: p.Key, p.Value)))
            .GroupBy(x => (x.Township, x.Department))
            .Select(g => new OwnerCount(g.Key.Township, Contracts.Townships.NameOf(g.Key.Township), g.Key.Department, DepartmentName(g.Key.Department), g.Sum(x => x.Value)))
            .OrderBy(o => o.Township, StringComparer.Ordinal).ThenBy(o => o.Department, StringComparer.Ordinal).ToList();
        var breaches = cells.SelectMany(c => c.Breaches.Select(p => (c.Township, Department: p.Key, p.Value)))
            .GroupBy(x => (x.Township, x.Department))
            .Select(g => new OwnerCount(g.Key.Township, Contracts.Townships.NameOf(g.Key.Township), g.Key.Department, DepartmentName(g.Key.Department), g.Sum(x => x.Value)))
            .OrderBy(o => o.Township, StringComparer.Ordinal).ThenBy(o => o.Department, StringComparer.Ordinal).ToList();

        var places = township is null
            ? townships.Select(t => Place(t, Contracts.Townships.NameOf(t), Of(t))).ToList()
            : cells.OrderBy(c => c.VillageKey, StringComparer.Ordinal).Select(c => Place(c.VillageKey, c.VillageName, [c])).ToList();

        var funnel = townships.Select(t => Funnel(t, Contracts.Townships.NameOf(t), Of(t))).ToList();
        if (township is null)
        {
            funnel.Add(Funnel("", scope.IsCounty ? "全县" : "合计", cells));
        }

        var months = Enumerable.Range(0, 12).Select(i => new DateOnly(data.Today.Year, data.Today.Month, 1).AddMonths(i - 11))
            .Select(Beijing.MonthText).ToList();
        var trends = months.Select(m => new MonthTrend(m, Sum(c => c.NewRisks.GetValueOrDefault(m)), Sum(c => c.ClosedRisks.GetValueOrDefault(m)),
            Sum(c => c.Escalations.GetValueOrDefault(m)))).ToList();

        var accountability = new List<AccountabilityRow>();
        foreach (var t in townships)
        {
            var inTownship = Of(t);
            var visits = inTownship.Sum(c => c.OverdueVisits);
            var automatic = inTownship.Sum(c => c.AutomaticEscalationsThisYear);
            if (visits + automatic > 0)
            {
                accountability.Add(new AccountabilityRow(t, Contracts.Townships.NameOf(t), ServiceNames.Monitoring, "乡镇监测帮扶（走访、风险化解）",
                    0, 0, visits, automatic, visits + automatic));
            }
            foreach (var department in inTownship.SelectMany(c => c.LateReferralsThisYear.Keys).Distinct().Order(StringComparer.Ordinal))
            {
                var open = inTownship.Sum(c => c.LateReferralsThisYear.GetValueOrDefault(department).Open);
                var late = inTownship.Sum(c => c.LateReferralsThisYear.GetValueOrDefault(department).Late);
                accountability.Add(new AccountabilityRow(t, Contracts.Townships.NameOf(t), department, DepartmentName(department), open, late, 0, 0, open + late));
            }
        }

        return new OverviewView(
            township is null ? scope.Name : Contracts.Townships.NameOf(township), townships, data.Today, data.ComputedAt, data.Version,
            Sum(c => c.Households), monitored, byStatus, Sum(c => c.OpenRisks), categories, levels, measures, subsidies,
            Sum(c => c.OverdueVisits), overdueVisits, overdueReferrals.Sum(o => o.Count), overdueReferrals, places, funnel, breaches, trends,
            accountability);
    }

    private static PlaceRow Place(string code, string name, IReadOnlyList<Cell> cells) => new(code, name,
        cells.Sum(c => c.Households), cells.Sum(c => c.Monitored), cells.Sum(c => c.MeasureMet.GetValueOrDefault(Feed.Measures.Visited)),
        cells.Sum(c => c.OverdueVisits), cells.Sum(c => c.MeasureMet.GetValueOrDefault(Feed.Measures.Paired)), cells.Sum(c => c.OpenRisks),
        cells.Sum(c => c.OverdueReferrals.Values.Sum()));

    private static FunnelRow Funnel(string code, string name, IReadOnlyList<Cell> cells)
    {
        int Step(int i) => cells.Sum(c => c.Funnel[i]);
        double? Median(int i) => MedianOf(cells.SelectMany(c => c.FunnelDays[i]));
        return new FunnelRow(code, name, Step(0), Step(1), Step(2), Step(3), Step(4), Median(0), Median(1), Median(2), Median(3));
    }

    public static double? MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 1, MidpointRounding.AwayFromZero);
    }

    public static decimal? Percent(int met, int target) =>
        target == 0 ? null : Math.Round(100m * met / target, 1, MidpointRounding.AwayFromZero);

    public static string CategoryName(string category) => category switch
    {
        "illness" or "medical" => "因病", "disaster" => "因灾", "accident" => "因祸", "education" or "schooling" => "因学",
        "expenseSpike" => "刚性支出骤增", "incomeDrop" => "收入骤减", "housing" => "住房安全", "water" => "饮水安全",
        "employment" => "就业", "agriculture" or "industry" => "产业", "insurance" => "保障", "complaint" => "投诉",
        _ => category,
    };
}
