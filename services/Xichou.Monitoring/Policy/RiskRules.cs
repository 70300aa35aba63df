using System.Globalization;

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

/// <summary>What a visit found, in the numbers the rules read.</summary>
public sealed record VisitFindings(
    IReadOnlySet<BasicNeed> Unmet,
    decimal PerCapitaIncome,
    decimal? PreviousPerCapitaIncome,
    int HouseholdSize,
    IReadOnlyList<(ExpenseCause Cause, decimal Amount)> Expenses);

/// <summary>A risk a rule found: which rule fired and the numbers behind it, in Chinese for the ledger.</summary>
public sealed record FoundRisk(RiskCategory Category, ExpenseCause? Cause, BasicNeed? Need, RiskSeverity Severity, string Rule, string Explanation);

/// <summary>The rules that turn a visit into risks, and the exit rule that closes them; every number from the policy.</summary>
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

        var annualIncome = visit.PerCapitaIncome * Math.Max(1, visit.HouseholdSize);
        var spikeThreshold = ExpenseSpikeThreshold(annualIncome, policy);
        foreach (var (cause, amount) in visit.Expenses.Where(e => e.Amount >= spikeThreshold))
        {
            var severity = amount >= 2 * spikeThreshold ? RiskSeverity.High : RiskSeverity.Medium;
            risks.Add(new FoundRisk(RiskCategory.ExpenseSpike, cause, null, severity, "expense-spike",
                $"{NameOf(cause)}刚性支出 {Yuan(amount)} 元，达到骤增标准 {Yuan(spikeThreshold)} 元"
                + $"（{Yuan(policy.ExpenseSpikeYuan)} 元与家庭年收入 {Yuan(annualIncome)} 元的 {policy.ExpenseSpikeShareOfIncome:P0} 取低者）"));
        }

        if (visit.PreviousPerCapitaIncome is { } previous && previous > 0)
        {
            var drop = (previous - visit.PerCapitaIncome) / previous;
            if (drop >= policy.IncomeDropShare)
            {
                risks.Add(new FoundRisk(RiskCategory.IncomeDrop, null, null, drop >= 2 * policy.IncomeDropShare ? RiskSeverity.High : RiskSeverity.Medium,
                    "income-drop",
                    $"人均纯收入由 {Yuan(previous)} 元降至 {Yuan(visit.PerCapitaIncome)} 元，降幅 {drop.ToString("P0", Chinese)}，达到骤减标准 {policy.IncomeDropShare.ToString("P0", Chinese)}"));
            }
        }

        if (visit.PerCapitaIncome < policy.MonitoringLineYuan)
        {
            risks.Add(new FoundRisk(RiskCategory.IncomeBelowLine, null, null, RiskSeverity.High, "income-below-line",
                $"人均纯收入 {Yuan(visit.PerCapitaIncome)} 元，低于监测线 {Yuan(policy.MonitoringLineYuan)} 元"));
        }
        return risks;
    }

    /// <summary>The smaller of the fixed amount and the share of the household's annual income (a poor household's spike is smaller).</summary>
    public static decimal ExpenseSpikeThreshold(decimal annualHouseholdIncome, MonitoringPolicy policy)
    {
        var share = decimal.Round(annualHouseholdIncome * policy.ExpenseSpikeShareOfIncome, 2);
        return share > 0 ? Math.Min(policy.ExpenseSpikeYuan, share) : policy.ExpenseSpikeYuan;
    }

    /// <summary>
    /// The exit rule (风险消除): per-capita income at or above the monitoring line and every 两不愁三保障 check secured.
    /// A risk closes only on a verification visit that meets it.
    /// </summary>
    public static bool MeetsExitRule(VisitFindings visit, MonitoringPolicy policy) =>
        visit.Unmet.Count == 0 && visit.PerCapitaIncome >= policy.MonitoringLineYuan;

    public static string NameOf(BasicNeed need) => need switch
    {
        BasicNeed.Food => "吃",
        BasicNeed.Clothing => "穿",
        BasicNeed.CompulsorySchooling => "义务教育",
        BasicNeed.MedicalCare => "基本医疗",
        BasicNeed.SafeHousing => "住房安全",
        BasicNeed.SafeDrinkingWater => "饮水安全",
        _ => need.ToString(),
    };

    public static string NameOf(ExpenseCause cause) => cause switch
    {
        ExpenseCause.Illness => "因病",
        ExpenseCause.Disaster => "因灾",
        ExpenseCause.Accident => "因祸",
        ExpenseCause.Schooling => "因学",
        _ => "其他",
    };

    private static string Yuan(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);
}
