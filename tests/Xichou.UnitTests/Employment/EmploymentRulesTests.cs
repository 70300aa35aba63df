using Xichou.Employment.Policy;

namespace Xichou.UnitTests.Employment;

/// <summary>措施五's household rule (someone employed, someone trained) and the monthly check of migrant workers, at their boundaries.</summary>
public class EmploymentRulesTests
{
    private static readonly EmploymentPolicy Xichou2021 = EmploymentPolicy.Xichou2021;

    private static LabourerFacts Recorded(bool employed = false, bool trained = false) => new(true, employed, trained);

    private static readonly LabourerFacts Unrecorded = new(false, false, false);

    [Fact]
    public void One_employed_and_one_trained_labourer_secure_the_household_even_when_they_are_different_people()
    {
        var verdict = EmploymentRules.Judge([Recorded(employed: true), Recorded(trained: true)], Xichou2021);

        Assert.Equal(HouseholdEmployment.Secured, verdict.State);
        Assert.False(verdict.IsFinding);
        Assert.Equal((2, 1, 1), (verdict.Labourers, verdict.Employed, verdict.Trained));
    }

    [Fact]
    public void Every_labourer_recorded_and_nobody_employed_is_a_finding_naming_nobody_employed_only()
    {
        var verdict = EmploymentRules.Judge([Recorded(trained: true), Recorded()], Xichou2021);

        Assert.Equal(HouseholdEmployment.Problem, verdict.State);
        Assert.True(verdict.NobodyEmployed);
        Assert.False(verdict.NobodyTrained);
        var description = EmploymentRules.Describe(verdict, Xichou2021);
        Assert.Contains("无人就业（劳动力2人，就业0人，应至少1人）", description, StringComparison.Ordinal);
        Assert.DoesNotContain("无人参加培训", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Someone_employed_but_nobody_trained_is_a_finding_too()
    {
        var verdict = EmploymentRules.Judge([Recorded(employed: true)], Xichou2021);

        Assert.Equal(HouseholdEmployment.Problem, verdict.State);
        Assert.False(verdict.NobodyEmployed);
        Assert.True(verdict.NobodyTrained);
        Assert.Contains("无人参加培训（劳动力1人，已培训0人，应至少1人）", EmploymentRules.Describe(verdict, Xichou2021), StringComparison.Ordinal);
    }

    [Fact]
    public void A_labourer_not_yet_recorded_keeps_the_household_pending_not_a_finding()
    {
        var pending = EmploymentRules.Judge([Recorded(), Unrecorded], Xichou2021);
        var complete = EmploymentRules.Judge([Recorded(), Recorded()], Xichou2021);

        Assert.Equal(HouseholdEmployment.Pending, pending.State);
        Assert.False(pending.IsFinding);
        Assert.Equal(HouseholdEmployment.Problem, complete.State);
    }

    [Fact]
    public void A_household_without_labourers_is_exempt_under_the_2021_policy_and_a_finding_under_one_that_is_not()
    {
        Assert.Equal(HouseholdEmployment.NoLabourers, EmploymentRules.Judge([], Xichou2021).State);
        Assert.Equal(HouseholdEmployment.Problem, EmploymentRules.Judge([], Xichou2021 with { HouseholdsWithoutLabourersExempt = false }).State);
    }

    [Fact]
    public void A_policy_asking_for_two_trained_labourers_makes_one_too_few()
    {
        var stricter = Xichou2021 with { MinTrainedLabourersPerHousehold = 2 };
        LabourerFacts[] household = [Recorded(employed: true, trained: true), Recorded()];

        Assert.Equal(HouseholdEmployment.Secured, EmploymentRules.Judge(household, Xichou2021).State);
        Assert.True(EmploymentRules.Judge(household, stricter).NobodyTrained);
    }

    // The monthly check (每月监测1次), for someone away since 2026-10-15.
    private static readonly DateOnly Since = new(2026, 10, 15);
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly December = new(2026, 12, 1);

    [Fact]
    public void A_month_unchecked_is_due_through_its_last_day_and_overdue_from_the_next_day()
    {
        DateOnly[] octoberChecked = [new(2026, 10, 1)];

        Assert.Equal(CheckState.Due, EmploymentRules.StateOf(Since, octoberChecked, November, new DateOnly(2026, 11, 30), Xichou2021));
        Assert.Equal(CheckState.Overdue, EmploymentRules.StateOf(Since, octoberChecked, November, new DateOnly(2026, 12, 1), Xichou2021));
    }

    [Fact]
    public void This_month_is_marked_overdue_when_last_month_went_unchecked_and_due_when_it_was_checked()
    {
        var today = new DateOnly(2026, 12, 1);

        Assert.Equal(CheckState.Overdue, EmploymentRules.StateOf(Since, [new DateOnly(2026, 10, 1)], December, today, Xichou2021));
        Assert.Equal(CheckState.Due, EmploymentRules.StateOf(Since, [November], December, today, Xichou2021));
        Assert.Equal(CheckState.Checked, EmploymentRules.StateOf(Since, [November, December], December, today, Xichou2021));
    }

    [Fact]
    public void Someone_who_left_on_the_last_day_of_a_month_owes_that_month_and_someone_leaving_the_day_after_does_not()
    {
        var today = new DateOnly(2026, 11, 20);

        Assert.Equal(CheckState.Due, EmploymentRules.StateOf(new DateOnly(2026, 11, 30), [], November, today, Xichou2021));
        Assert.Equal(CheckState.NotDue, EmploymentRules.StateOf(new DateOnly(2026, 12, 1), [], November, today, Xichou2021));
        // Away since November only: October was not theirs to miss, so November is due, not overdue.
        Assert.Equal(CheckState.Due, EmploymentRules.StateOf(new DateOnly(2026, 11, 1), [], November, today, Xichou2021));
    }

    [Fact]
    public void A_policy_checking_every_two_months_counts_last_months_check_for_this_month()
    {
        var bimonthly = Xichou2021 with { MigrantCheckIntervalMonths = 2 };
        var today = new DateOnly(2026, 12, 10);

        Assert.Equal(CheckState.Checked, EmploymentRules.StateOf(Since, [November], December, today, bimonthly));
        Assert.NotEqual(CheckState.Checked, EmploymentRules.StateOf(Since, [November], December, today, Xichou2021));
    }

    [Fact]
    public void Months_run_from_the_first_day_to_the_last_day_including_february_in_a_leap_year()
    {
        Assert.Equal(new DateOnly(2028, 2, 1), EmploymentRules.MonthOf(new DateOnly(2028, 2, 29)));
        Assert.Equal(new DateOnly(2028, 2, 29), EmploymentRules.LastDayOf(new DateOnly(2028, 2, 1)));
        Assert.Equal(new DateOnly(2026, 12, 31), EmploymentRules.LastDayOf(new DateOnly(2026, 12, 17)));
    }

    [Fact]
    public void Every_number_of_the_policy_names_its_source_quoting_the_measure_or_saying_platform_default()
    {
        foreach (var property in new[]
        {
            nameof(EmploymentPolicy.MinEmployedPerHousehold), nameof(EmploymentPolicy.MinTrainedLabourersPerHousehold),
            nameof(EmploymentPolicy.MigrantCheckIntervalMonths), nameof(EmploymentPolicy.PublicWelfarePostCountsAsEmployed),
            nameof(EmploymentPolicy.HouseholdsWithoutLabourersExempt), nameof(EmploymentPolicy.FindingSeverity),
        })
        {
            Assert.True(Xichou2021.Sources.TryGetValue(property, out var source), property);
            Assert.True(source!.Contains('“', StringComparison.Ordinal) || source.Contains("平台默认", StringComparison.Ordinal), property);
        }
        Assert.Contains("做到每月监测1次", Xichou2021.Sources[nameof(EmploymentPolicy.MigrantCheckIntervalMonths)], StringComparison.Ordinal);
    }
}
