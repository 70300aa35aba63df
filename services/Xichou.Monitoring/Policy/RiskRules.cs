using System.Globalization;
using Xichou.Monitoring.Model;

namespace Xichou.Monitoring.Policy;

/// <summary>The 两不愁三保障 checks a visit records: food, clothing, compulsory schooling, basic medical care, safe housing, safe drinking water.</summary>
public enum BasicNeed
{
    Food,
    Clothing,
    CompulsorySchooling,
    MedicalCare,
    SafeHousing,
    SafeDrinkingWater,
}

/// <summary>What caused a rigid expense (因病、因灾、因祸、因学, or other).</summary>
public enum ExpenseCause
{
    Illness,
    Disaster,
    Accident,
    Schooling,
    Other,
}

public enum RiskCategory
{
    /// <summary>A 两不愁三保障 check failed.</summary>
    BasicNeedUnmet,

    /// <summary>刚性支出骤增.</summary>
    ExpenseSpike,

    /// <summary>收入骤减.</summary>
    IncomeDrop,

    /// <summary>人均纯收入低于监测线.</summary>
    IncomeBelowLine,

    /// <summary>A department's finding (RiskIdentified) or a hotline complaint to check.</summary>
    Reported,
}

public enum RiskSeverity
{
    Low,
    Medium,
    High,
}

/// <summary>
/// What a visit found, in the numbers the rules read. <paramref name="PreviousPerCapitaIncome"/> is the income of the visit
/// before it by visit date (the registered figure before the first); <paramref name="EarlierExpenses"/> the rigid expenses
/// recorded on other visits since the household's last monitoring-team visit, which count with the visit's own.
/// </summary>
public sealed record VisitFindings(
    IReadOnlySet<BasicNeed> Unmet,
    decimal PerCapitaIncome,
    decimal? PreviousPerCapitaIncome,
    int HouseholdSize,
    IReadOnlyList<(ExpenseCause Cause, decimal Amount)> Expenses)
{
    public IReadOnlyList<(ExpenseCause Cause, decimal Amount)> EarlierExpenses { get; init; } = [];

    /// <summary>What the visitor gave as the cause of an income drop (因病、因灾、因祸、因学 or other), if any.</summary>
    public ExpenseCause? IncomeDropCause { get; init; }
}

/// <summary>A risk a rule found: which rule fired and the numbers behind it, in Chinese for the ledger.</summary>
public sealed record FoundRisk(RiskCategory Category, ExpenseCause? Cause, BasicNeed? Need, RiskSeverity Severity, string Rule, string Explanation);

/// <summary>The rules that turn a visit into risks, and the exit rule that closes them; every number from the policy version that judges the visit.</summary>
public static class RiskRules
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static IReadOnlyList<FoundRisk> Evaluate(VisitFindings visit, MonitoringPolicy policy)
    {
        var risks = new List<FoundRisk>();
        foreach (var need in visit.Unmet.Order())
        {
            risks.Add(new FoundRisk(RiskCategory.BasicNeedUnmet, null, need, RiskSeverity.High, "basic-need-unmet",
                $"{NameOf(need)}未保障"));
        }

        if (ExpenseSpike(visit, policy) is { } spike)
        {
            risks.Add(spike);
        }

        if (IncomeDrop(visit.PerCapitaIncome, visit.PreviousPerCapitaIncome, policy) is { } drop)
        {
            // 骤减 is tied to 因病、因灾、因祸、因学: the cause the visitor gave, or 其他 when they gave none (and the ledger says so).
            var cause = visit.IncomeDropCause ?? ExpenseCause.Other;
            var because = visit.IncomeDropCause is null ? "骤减原因未填写（记为其他）" : $"{NameOf(cause)}致收入骤减";
            risks.Add(new FoundRisk(RiskCategory.IncomeDrop, cause, null, drop >= policy.IncomeDropHighShare ? RiskSeverity.High : RiskSeverity.Medium,
                "income-drop",
                $"{because}：人均纯收入由 {Yuan(visit.PreviousPerCapitaIncome!.Value)} 元降至 {Yuan(visit.PerCapitaIncome)} 元，降幅 {drop.ToString("P0", Chinese)}，"
                + $"达到骤减标准 {policy.IncomeDropShare.ToString("P0", Chinese)}"));
        }

        if (visit.PerCapitaIncome < policy.MonitoringLineYuan)
        {
            risks.Add(new FoundRisk(RiskCategory.IncomeBelowLine, null, null, RiskSeverity.High, "income-below-line",
                $"人均纯收入 {Yuan(visit.PerCapitaIncome)} 元，低于监测线 {Yuan(policy.MonitoringLineYuan)} 元"));
        }
        return risks;
    }

    /// <summary>
    /// 刚性支出骤增: the household's rigid spending — this visit's expenses and those recorded since its last monitoring-team
    /// visit — summed against the threshold (<see cref="MonitoringPolicy.ExpenseSpikeThreshold"/>), naming each cause. The
    /// risk's cause is the one that weighs most (the first in 因病、因灾、因祸、因学、其他 order on a tie).
    /// </summary>
    public static FoundRisk? ExpenseSpike(VisitFindings visit, MonitoringPolicy policy)
    {
        var expenses = visit.EarlierExpenses.Concat(visit.Expenses).ToList();
        var total = expenses.Sum(e => e.Amount);
        if (expenses.Count == 0 || total <= 0)
        {
            return null;
        }
        var annualIncome = visit.PerCapitaIncome * Math.Max(1, visit.HouseholdSize);
        var threshold = policy.ExpenseSpikeThreshold(annualIncome);
        if (total < threshold)
        {
            return null;
        }
        var byCause = expenses.GroupBy(e => e.Cause).Select(g => (Cause: g.Key, Amount: g.Sum(e => e.Amount)))
            .OrderByDescending(g => g.Amount).ThenBy(g => g.Cause).ToList();
        var severity = total >= policy.ExpenseSpikeHighMultiple * threshold ? RiskSeverity.High : RiskSeverity.Medium;
        var parts = string.Join("、", byCause.Select(c => $"{NameOf(c.Cause)}刚性支出 {Yuan(c.Amount)} 元"));
        var earlier = visit.EarlierExpenses.Count > 0 ? "（含上次监测走访以来记录的支出）" : "";
        return new FoundRisk(RiskCategory.ExpenseSpike, byCause[0].Cause, null, severity, "expense-spike",
            $"{parts}，合计 {Yuan(total)} 元{earlier}，达到骤增标准 {Yuan(threshold)} 元"
            + $"（{Yuan(policy.ExpenseSpikeYuan)} 元与家庭年收入 {Yuan(annualIncome)} 元的 {policy.ExpenseSpikeShareOfIncome.ToString("P0", Chinese)} 取低者，"
            + $"不低于 {Yuan(policy.ExpenseSpikeFloorYuan)} 元）");
    }

    /// <summary>The share by which the income fell since the visit before, when it reaches 收入骤减; null otherwise.</summary>
    public static decimal? IncomeDrop(decimal perCapitaIncome, decimal? previousPerCapitaIncome, MonitoringPolicy policy)
    {
        if (previousPerCapitaIncome is not { } previous || previous <= 0)
        {
            return null;
        }
        var drop = (previous - perCapitaIncome) / previous;
        return drop >= policy.IncomeDropShare ? drop : null;
    }

    /// <summary>The spike threshold of a household with that annual income (<see cref="MonitoringPolicy.ExpenseSpikeThreshold"/>).</summary>
    public static decimal ExpenseSpikeThreshold(decimal annualHouseholdIncome, MonitoringPolicy policy) =>
        policy.ExpenseSpikeThreshold(annualHouseholdIncome);

    /// <summary>
    /// The exit rule (风险消除): per-capita income at or above the monitoring line and every 两不愁三保障 check secured.
    /// A risk closes only on a verification visit that meets it.
    /// </summary>
    public static bool MeetsExitRule(VisitFindings visit, MonitoringPolicy policy) =>
        visit.Unmet.Count == 0 && visit.PerCapitaIncome >= policy.MonitoringLineYuan;

    public static string NameOf(BasicNeed need) => Names.BasicNeeds.Label(need);

    public static string NameOf(ExpenseCause cause) => Names.ExpenseCauses.Label(cause);

    private static string Yuan(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);
}
