using System.Text.Json;
using Xichou.CommandCentre.Feed;

namespace Xichou.CommandCentre.Overview;

/// <summary>
/// A chart as the page's script draws it with ECharts (wwwroot/overview.js): passed in a <c>script type="application/json"</c>
/// beside the table of the same numbers, so the page needs no inline script and reads without JavaScript.
/// </summary>
public sealed record ChartSpec(string Id, string Kind, string Title, IReadOnlyList<string> Categories, IReadOnlyList<SeriesSpec> Series,
    IReadOnlyList<string>? Rows = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, Projector.Json);
}

public sealed record SeriesSpec(string Name, IReadOnlyList<decimal?> Data);

public static class Charts
{
    public static ChartSpec Statuses(OverviewView v) => new("statuses", "pie", "监测户状态",
        [.. v.HouseholdsByStatus.Select(s => s.Name)], [new("户数", [.. v.HouseholdsByStatus.Select(s => (decimal?)s.Count)])]);

    public static ChartSpec RiskCategories(OverviewView v) => new("risk-categories", "bar", "未化解风险（按类别）",
        [.. v.OpenRisksByCategory.Select(c => c.Name)], [new("风险数", [.. v.OpenRisksByCategory.Select(c => (decimal?)c.Count)])]);

    public static ChartSpec RiskLevels(OverviewView v) => new("risk-levels", "bar", "未化解风险（按层级）",
        [.. v.OpenRisksByLevel.Select(c => c.Name)], [new("风险数", [.. v.OpenRisksByLevel.Select(c => (decimal?)c.Count)])]);

    public static ChartSpec Coverage(OverviewView v)
    {
        var served = v.Measures.Where(m => m.Served).ToList();
        return new("coverage", "hbar", "十条措施覆盖率（%，目标100%）", [.. served.Select(m => m.Name)], [new("覆盖率%", [.. served.Select(m => m.Percent)])]);
    }

    public static ChartSpec Places(OverviewView v) => new("places", "stack", "各地监测户与超期",
        [.. v.Places.Select(p => p.Name)],
        [
            new("监测户", [.. v.Places.Select(p => (decimal?)p.Monitored)]),
            new("走访超期", [.. v.Places.Select(p => (decimal?)p.OverdueVisits)]),
            new("未化解风险", [.. v.Places.Select(p => (decimal?)p.OpenRisks)]),
        ]);

    public static ChartSpec Funnel(OverviewView v)
    {
        var total = v.Funnel.LastOrDefault(f => f.Township.Length == 0) ?? (v.Funnel.Count > 0 ? v.Funnel[0] : null);
        string[] steps = ["风险", "转办", "受理", "落实", "核实销号"];
        int[] counts = total is null ? [0, 0, 0, 0, 0] : [total.Risks, total.Referred, total.Accepted, total.Delivered, total.Closed];
        return new("funnel", "funnel", "风险→转办→受理→落实→核实销号", steps, [new("风险数", [.. counts.Select(c => (decimal?)c)])]);
    }

    public static ChartSpec Breaches(OverviewView v)
    {
        var departments = v.Breaches.Select(b => b.DepartmentName!).Distinct().ToList();
        var townships = v.Breaches.Select(b => b.TownshipName).Distinct().ToList();
        // One series per township row: the heat table's cells, x = department.
        return new("breaches", "heatmap", "转办超期热力（乡镇×部门）", departments,
            [.. townships.Select(t => new SeriesSpec(t, [.. departments.Select(d => (decimal?)v.Breaches.Where(b => b.TownshipName == t && b.DepartmentName == d).Sum(b => b.Count))]))],
            townships);
    }

    public static ChartSpec Trends(OverviewView v) => new("trends", "line", "逐月趋势", [.. v.Trends.Select(t => t.Month)],
    [
        new("新增风险", [.. v.Trends.Select(t => (decimal?)t.NewRisks)]),
        new("化解销号", [.. v.Trends.Select(t => (decimal?)t.ClosedRisks)]),
        new("升级", [.. v.Trends.Select(t => (decimal?)t.Escalations)]),
    ]);
}
