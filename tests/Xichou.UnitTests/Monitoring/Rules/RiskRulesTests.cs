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

    private static RiskSeverity SeverityOf(IReadOnlyList<FoundRisk> risks) => Assert.Single(risks).Severity;

    [Fact]
    public void Policy_numbers_are_the_2021_defaults()
    {
        Assert.Equal(6000m, Policy.MonitoringLineYuan);
        Assert.Equal(10000m, Policy.ExpenseSpikeYuan);
        Assert.Equal(0.5m, Policy.ExpenseSpikeShareOfIncome);
        Assert.Equal(0.3m, Policy.IncomeDropShare);
        Assert.Equal(30, Policy.EscalationDays);
        Assert.Equal(50_000m, Policy.MaxLoanYuan);
        Assert.Equal(2m, Policy.ExpenseSpikeHighMultiple);
        Assert.Equal(0.6m, Policy.IncomeDropHighShare);
        Assert.Equal(1000m, Policy.ExpenseSpikeFloorYuan);
    }

    [Fact]
    public void Two_bills_summing_exactly_to_the_threshold_are_a_spike_naming_each_cause()
    {
        var risk = Assert.Single(Evaluate(Findings(expenses: [(ExpenseCause.Schooling, 6000m), (ExpenseCause.Illness, 4000m)])));

        Assert.Equal((RiskCategory.ExpenseSpike, ExpenseCause.Schooling, RiskSeverity.Medium), (risk.Category, risk.Cause, risk.Severity));
        Assert.Contains("因学刚性支出 6,000 元、因病刚性支出 4,000 元，合计 10,000 元", risk.Explanation, StringComparison.Ordinal);
        Assert.Contains("骤增标准 10,000 元", risk.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_bills_a_fen_short_of_the_threshold_are_no_spike() =>
        Assert.Empty(Evaluate(Findings(expenses: [(ExpenseCause.Schooling, 6000m), (ExpenseCause.Illness, 3999.99m)])));

    [Fact]
    public void Two_6000_yuan_schooling_bills_are_one_spike_of_12000()
    {
        var risk = Assert.Single(Evaluate(Findings(expenses: [(ExpenseCause.Schooling, 6000m), (ExpenseCause.Schooling, 6000m)])));

        Assert.Contains("因学刚性支出 12,000 元，合计 12,000 元", risk.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Expenses_recorded_since_the_last_monitoring_visit_count_with_the_visits_own()
    {
        var findings = Findings(expenses: (ExpenseCause.Illness, 5000m)) with { EarlierExpenses = [(ExpenseCause.Accident, 5000m)] };

        var risk = Assert.Single(Evaluate(findings));

        Assert.Contains("合计 10,000 元（含上次监测走访以来记录的支出）", risk.Explanation, StringComparison.Ordinal);
        // Equal amounts: the cause named first in 因病、因灾、因祸、因学 order is the risk's cause.
        Assert.Equal(ExpenseCause.Illness, risk.Cause);
    }

    [Fact]
    public void Zero_and_one_yuan_of_income_give_the_same_threshold_the_floor()
    {
        Assert.Equal(1000m, RiskRules.ExpenseSpikeThreshold(0m, Policy));
        Assert.Equal(1000m, RiskRules.ExpenseSpikeThreshold(1m, Policy));
        // The share takes over at twice the floor, with no jump.
        Assert.Equal(1000m, RiskRules.ExpenseSpikeThreshold(2000m, Policy));
        Assert.Equal(1000.01m, RiskRules.ExpenseSpikeThreshold(2000.02m, Policy));
        Assert.Equal(10000m, RiskRules.ExpenseSpikeThreshold(20000m, Policy));
        Assert.Equal(10000m, RiskRules.ExpenseSpikeThreshold(1_000_000m, Policy));
    }

    [Fact]
    public void With_zero_income_a_bill_of_999_99_is_no_spike_and_1000_is_one()
    {
        var none = Evaluate(Findings(perCapitaIncome: 0m, expenses: (ExpenseCause.Illness, 999.99m)));
        Assert.DoesNotContain(none, r => r.Category == RiskCategory.ExpenseSpike);

        var spike = Assert.Single(Evaluate(Findings(perCapitaIncome: 0m, expenses: (ExpenseCause.Illness, 1000m))), r => r.Category == RiskCategory.ExpenseSpike);
        Assert.Contains("骤增标准 1,000 元", spike.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void With_one_yuan_of_income_the_rule_is_the_same_as_with_zero()
    {
        // One person at one yuan: the threshold stays the floor, not the half a yuan of the old rule.
        Assert.DoesNotContain(Evaluate(Findings(perCapitaIncome: 1m, size: 1, expenses: (ExpenseCause.Illness, 999.99m))),
            r => r.Category == RiskCategory.ExpenseSpike);
        Assert.Contains(Evaluate(Findings(perCapitaIncome: 1m, size: 1, expenses: (ExpenseCause.Illness, 1000m))),
            r => r.Category == RiskCategory.ExpenseSpike);
    }

    [Fact]
    public void The_high_severity_multiple_is_read_from_the_policy()
    {
        var stricter = Policy with { ExpenseSpikeHighMultiple = 3m };

        Assert.Equal(RiskSeverity.Medium, SeverityOf(RiskRules.Evaluate(Findings(expenses: (ExpenseCause.Accident, 29999.99m)), stricter)));
        Assert.Equal(RiskSeverity.High, SeverityOf(RiskRules.Evaluate(Findings(expenses: (ExpenseCause.Accident, 30000m)), stricter)));
    }

    [Fact]
    public void An_income_drop_records_the_cause_the_visitor_gave()
    {
        var risk = Assert.Single(Evaluate(Findings(perCapitaIncome: 7000m, previous: 10000m) with { IncomeDropCause = ExpenseCause.Disaster }));

        Assert.Equal((RiskCategory.IncomeDrop, ExpenseCause.Disaster), (risk.Category, risk.Cause));
        Assert.StartsWith("因灾致收入骤减：", risk.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_income_drop_without_a_cause_is_recorded_as_other_and_says_so()
    {
        var risk = Assert.Single(Evaluate(Findings(perCapitaIncome: 7000m, previous: 10000m)));

        Assert.Equal(ExpenseCause.Other, risk.Cause);
        Assert.StartsWith("骤减原因未填写（记为其他）", risk.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_income_drop_of_60_percent_is_high_and_just_under_is_medium()
    {
        Assert.Equal(RiskSeverity.High, SeverityOf(Evaluate(Findings(perCapitaIncome: 6400m, previous: 16000m))));
        Assert.Equal(RiskSeverity.Medium, SeverityOf(Evaluate(Findings(perCapitaIncome: 6400.01m, previous: 16000m))));
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
    public void For_a_poorer_household_half_its_annual_income_is_the_lower_threshold()
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
