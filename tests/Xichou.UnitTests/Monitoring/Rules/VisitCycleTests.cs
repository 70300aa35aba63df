using Xichou.Monitoring.Policy;

namespace Xichou.UnitTests.Monitoring.Rules;

/// <summary>措施一: every household is visited every half month (15 days).</summary>
public class VisitCycleTests
{
    private static readonly MonitoringPolicy Policy = MonitoringPolicy.Xichou2021;
    private static readonly DateOnly Registered = new(2021, 3, 1);
    private static readonly DateOnly LastVisit = new(2021, 4, 1);

    [Fact]
    public void Policy_cycle_is_15_days() => Assert.Equal(15, Policy.VisitCycleDays);

    [Fact]
    public void Visited_household_is_visited_for_the_first_14_days() =>
        Assert.Equal(CycleState.Visited, VisitCycle.StateOn(LastVisit.AddDays(14), LastVisit, Registered, Policy));

    [Fact]
    public void Day_15_after_the_last_visit_is_due_and_still_on_time()
    {
        Assert.Equal(CycleState.Due, VisitCycle.StateOn(LastVisit.AddDays(15), LastVisit, Registered, Policy));
        Assert.Equal(LastVisit.AddDays(15), VisitCycle.DueBy(LastVisit, Registered, Policy));
    }

    [Fact]
    public void Day_16_without_a_visit_is_overdue() =>
        Assert.Equal(CycleState.Overdue, VisitCycle.StateOn(LastVisit.AddDays(16), LastVisit, Registered, Policy));

    [Fact]
    public void Never_visited_household_counts_from_registration()
    {
        Assert.Equal(CycleState.Due, VisitCycle.StateOn(Registered, null, Registered, Policy));
        Assert.Equal(CycleState.Due, VisitCycle.StateOn(Registered.AddDays(15), null, Registered, Policy));
        Assert.Equal(CycleState.Overdue, VisitCycle.StateOn(Registered.AddDays(16), null, Registered, Policy));
        Assert.Equal(Registered.AddDays(15), VisitCycle.DueBy(null, Registered, Policy));
    }

    [Fact]
    public void Cycle_length_comes_from_the_policy()
    {
        var weekly = Policy with { VisitCycleDays = 7 };
        Assert.Equal(CycleState.Due, VisitCycle.StateOn(LastVisit.AddDays(7), LastVisit, Registered, weekly));
        Assert.Equal(CycleState.Overdue, VisitCycle.StateOn(LastVisit.AddDays(8), LastVisit, Registered, weekly));
    }
}
