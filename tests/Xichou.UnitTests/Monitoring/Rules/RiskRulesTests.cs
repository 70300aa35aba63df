using Xichou.Monitoring.Policy;

namespace Xichou.UnitTests.Monitoring.Rules;

/// <summary>The rules that turn a visit into risks, each threshold just below and just above, with the 2021 numbers.</summary>
public class RiskRulesTests
{
    private static readonly MonitoringPolicy Policy = MonitoringPolicy.Xichou2021;
    private static readonly HashSet<BasicNeed> NoneUnmet = [];

    /// <summary>A household of 4 at 8,000 yuan per person: 32,000 a year, so the spike threshold is min(10,000, 16,000) = 10,000.</summary>
    private static VisitFindings Findings(
        decimal perCapitaIncome = 8000m, decimal? previous = null, int size = 4, IReadOnlySet<BasicNeed>? unmet = null,
        params (ExpenseCause, decimal)[] expenses) =>
        new(unmet ?? NoneUnmet, perCapitaIncome, previous, size, expenses);

    private static IReadOnlyList<FoundRisk> Evaluate(VisitFindings findings) => RiskRules.Evaluate(findings, Policy);

    [Fact]
    public void Policy_numbers_are_the_2021_defaults()
    {
        Assert.Equal(6000m, Policy.MonitoringLineYuan);
        Assert.Equal(10000m, Policy.ExpenseSpikeYuan);
        Assert.Equal(0.5m, Policy.ExpenseSpikeShareOfIncome);
        Assert.Equal(0.3m, Policy.IncomeDropShare);
        Assert.Equal(30, Policy.EscalationDays);
    }

    [Fact]
    public void A_secured_household_above_the_line_has_no_risk() => Assert.Empty(Evaluate(Findings()));

    [Fact]
    public void Every_failing_check_is_one_high_risk_naming_it()
    {
        var risks = Evaluate(Findings(unmet: new HashSet<BasicNeed> { BasicNeed.MedicalCare, BasicNeed.SafeDrinkingWater }));

        Assert.Equal([BasicNeed.MedicalCare, BasicNeed.SafeDrinkingWater], risks.Select(r => r.Need!.Value));
        Assert.All(risks, r => Assert.Equal((RiskCategory.BasicNeedUnmet, RiskSeverity.High, "basic-need-unmet"), (r.Category, r.Severity, r.Rule)));
        Assert.Equal("基本医疗未保障", risks[0].Explanation);
    }

    [Fact]
    public void Expense_of_9999_99_is_below_the_fixed_10000_yuan_threshold() =>
        Assert.Empty(Evaluate(Findings(expenses: (ExpenseCause.Illness, 9999.99m))));

    [Fact]
    public void Expense_of_10000_meets_the_fixed_threshold_and_names_the_numbers()
    {
        var risk = Assert.Single(Evaluate(Findings(expenses: (ExpenseCause.Illness, 10000m))));

        Assert.Equal((RiskCategory.ExpenseSpike, ExpenseCause.Illness, RiskSeverity.Medium, "expense-spike"),
            (risk.Category, risk.Cause, risk.Severity, risk.Rule));
        Assert.Contains("因病刚性支出 10,000 元", risk.Explanation, StringComparison.Ordinal);
        Assert.Contains("骤增标准 10,000 元", risk.Explanation, StringComparison.Ordinal);
        Assert.Contains("家庭年收入 32,000 元", risk.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void For_a_poor_household_half_its_annual_income_is_the_lower_threshold()
    {
        // 2 people at 6,500 yuan: 13,000 a year, half of it 6,500 < 10,000.
        Assert.Equal(6500m, RiskRules.ExpenseSpikeThreshold(13000m, Policy));
        Assert.Empty(Evaluate(Findings(perCapitaIncome: 6500m, size: 2, expenses: (ExpenseCause.Disaster, 6499.99m))));

        var risk = Assert.Single(Evaluate(Findings(perCapitaIncome: 6500m, size: 2, expenses: (ExpenseCause.Disaster, 6500m))));
        Assert.Equal((RiskCategory.ExpenseSpike, ExpenseCause.Disaster), (risk.Category, risk.Cause));
        Assert.Contains("骤增标准 6,500 元", risk.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Expense_of_twice_the_threshold_is_high() =>
        Assert.Equal(RiskSeverity.High, Assert.Single(Evaluate(Findings(expenses: (ExpenseCause.Accident, 20000m)))).Severity);

    [Fact]
    public void Income_drop_just_under_30_percent_is_no_risk() =>
        // 10,000 → 7,001: a 29.99 % drop.
        Assert.Empty(Evaluate(Findings(perCapitaIncome: 7001m, previous: 10000m)));

    [Fact]
    public void Income_drop_of_30_percent_is_a_risk_with_both_figures()
    {
        var risk = Assert.Single(Evaluate(Findings(perCapitaIncome: 7000m, previous: 10000m)));

        Assert.Equal((RiskCategory.IncomeDrop, RiskSeverity.Medium, "income-drop"), (risk.Category, risk.Severity, risk.Rule));
        Assert.Contains("由 10,000 元降至 7,000 元", risk.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Income_of_5999_99_is_under_the_6000_yuan_line()
    {
        var risk = Assert.Single(Evaluate(Findings(perCapitaIncome: 5999.99m)));

        Assert.Equal((RiskCategory.IncomeBelowLine, "income-below-line"), (risk.Category, risk.Rule));
        Assert.Contains("低于监测线 6,000 元", risk.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Income_of_exactly_6000_is_not_under_the_line() => Assert.Empty(Evaluate(Findings(perCapitaIncome: 6000m)));

    [Fact]
    public void Exit_rule_needs_the_line_and_every_check()
    {
        Assert.True(RiskRules.MeetsExitRule(Findings(perCapitaIncome: 6000m), Policy));
        Assert.False(RiskRules.MeetsExitRule(Findings(perCapitaIncome: 5999.99m), Policy));
        Assert.False(RiskRules.MeetsExitRule(Findings(perCapitaIncome: 9000m, unmet: new HashSet<BasicNeed> { BasicNeed.SafeHousing }), Policy));
    }
}
