using Xichou.Contracts;
using Xichou.Monitoring.Policy;

namespace Xichou.Monitoring.Model.Support;

/// <summary>应贷尽贷 in one township: households with a loan need, how many of them got a loan (disbursed), and the share.</summary>
public sealed record LoanCoverageRow(string TownshipCode, string TownshipName, int HouseholdsWithNeed, int HouseholdsWithLoan, decimal? CoveragePercent);

public sealed record LoanCoverageReport(IReadOnlyList<LoanCoverageRow> Townships, LoanCoverageRow Total);

public static class LoanCoverage
{
    /// <summary>
    /// Measure 7 (应贷尽贷): every household that recorded a need counts once, whatever became of it; it is covered once
    /// any of its loans is disbursed. <paramref name="townships"/> are the rows to show, with or without needs.
    /// </summary>
    public static LoanCoverageReport Compute(IEnumerable<string> townships, IEnumerable<(string TownshipCode, Guid HouseholdId, LoanStatus Status)> loans)
    {
        var byHousehold = loans
            .GroupBy(l => (l.TownshipCode, l.HouseholdId))
            .Select(g => (g.Key.TownshipCode, Covered: g.Any(l => l.Status == LoanStatus.Disbursed)))
            .ToList();
        var rows = townships.Distinct().Order(StringComparer.Ordinal).Select(code =>
        {
            var need = byHousehold.Count(h => h.TownshipCode == code);
            var covered = byHousehold.Count(h => h.TownshipCode == code && h.Covered);
            return new LoanCoverageRow(code, Townships.NameOf(code), need, covered, Percent(covered, need));
        }).ToList();
        var totalNeed = rows.Sum(r => r.HouseholdsWithNeed);
        var totalCovered = rows.Sum(r => r.HouseholdsWithLoan);
        return new LoanCoverageReport(rows, new LoanCoverageRow("", "合计", totalNeed, totalCovered, Percent(totalCovered, totalNeed)));
    }

    private static decimal? Percent(int covered, int need) => need == 0 ? null : decimal.Round(100m * covered / need, 1);
}

/// <summary>The hotline (举报电话): a complaint is recorded and becomes a village-level risk to check.</summary>
public static class Hotline
{
    public const string Rule = "hotline";

    public static (Complaint Complaint, Risk Risk) Receive(Household household, string content, string? callerPhone, string recordedBy, DateTimeOffset now)
    {
        var found = new FoundRisk(RiskCategory.Reported, null, null, RiskSeverity.Medium, Rule, $"举报电话：{content}");
        // The complaint points to its risk; the risk cannot point back (its id is made before the complaint's), so its source id stays empty.
        // No rule of the monitoring policy judges a complaint, so it records no policy version.
        var risk = Risk.Open(household.Id, found, RiskSource.Hotline, null, recordedBy, now, policyVersion: "");
        var complaint = Complaint.Record(household.Id, content, callerPhone, recordedBy, risk.Id, now);
        return (complaint, risk);
    }
}
