using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;

namespace Xichou.UnitTests.Departments;

/// <summary>A referral's due date, its amber and red lights, and where it escalates past due.</summary>
public class ReferralDeadlineTests
{
    private static readonly ReferralPolicy Policy = ReferralPolicy.Default;
    private static readonly WorkingCalendar Calendar = WorkingCalendar.China;

    [Fact]
    public void A_housing_referral_is_due_in_the_housing_deadline_of_working_days()
    {
        var monday = new DateOnly(2026, 11, 30);
        var due = ReferralDeadline.DueOn(ServiceNames.Housing, monday, Policy, Calendar);

        Assert.Equal(Policy.WorkingDaysFor(ServiceNames.Housing), Calendar.WorkingDaysBetween(monday, due));
        Assert.True(Calendar.IsWorkingDay(due));
    }

    [Fact]
    public void The_light_is_green_before_three_quarters_of_the_time_amber_from_there_and_red_after_the_due_day()
    {
        var requested = Beijing.StartOf(new DateOnly(2026, 12, 1));
        var dueOn = new DateOnly(2026, 12, 4); // deadline: the start of 5 December, 96 hours after the request
        Assert.Equal(DeadlineLight.Green, ReferralDeadline.LightOf(requested, dueOn, requested.AddHours(71.9), Policy));
        Assert.Equal(DeadlineLight.Amber, ReferralDeadline.LightOf(requested, dueOn, requested.AddHours(72), Policy));
        Assert.Equal(DeadlineLight.Amber, ReferralDeadline.LightOf(requested, dueOn, Beijing.StartOf(dueOn.AddDays(1)).AddTicks(-1), Policy));
        Assert.Equal(DeadlineLight.Red, ReferralDeadline.LightOf(requested, dueOn, Beijing.StartOf(dueOn.AddDays(1)), Policy));
    }

    [Fact]
    public void Past_due_it_goes_to_the_department_head_then_after_five_more_working_days_to_the_command_centre()
    {
        var dueOn = new DateOnly(2026, 12, 4); // a Friday
        Assert.Equal(ReferralEscalation.None, ReferralDeadline.EscalationAt(dueOn, Beijing.StartOf(dueOn).AddHours(23), Policy, Calendar));
        Assert.Equal(ReferralEscalation.DepartmentHead, ReferralDeadline.EscalationAt(dueOn, Beijing.StartOf(dueOn.AddDays(1)), Policy, Calendar));
        // Five working days after Friday 4 December is Friday 11 December; the day after it, the command centre.
        Assert.Equal(ReferralEscalation.DepartmentHead, ReferralDeadline.EscalationAt(dueOn, Beijing.StartOf(new DateOnly(2026, 12, 11)), Policy, Calendar));
        Assert.Equal(ReferralEscalation.CommandCentre, ReferralDeadline.EscalationAt(dueOn, Beijing.StartOf(new DateOnly(2026, 12, 12)), Policy, Calendar));
    }

    [Fact]
    public void A_department_the_policy_does_not_name_gets_the_default_deadline() =>
        Assert.Equal(Policy.DefaultWorkingDays, Policy.WorkingDaysFor("somewhere-else"));
}
