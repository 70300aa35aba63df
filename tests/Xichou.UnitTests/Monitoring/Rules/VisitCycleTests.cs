using Xichou.Contracts;
using Xichou.Monitoring.Model;
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

    [Fact]
    public void A_cadre_visit_on_day_15_does_not_reset_the_cycle_so_day_16_is_overdue()
    {
        var household = VisitedHousehold(LastVisit);

        household.Visited(VisitOn(LastVisit.AddDays(15), VisitKind.Cadre, income: 9000m), latestOfAny: true);

        Assert.Equal(LastVisit, household.LastVisitOn);
        Assert.Equal(CycleState.Overdue, VisitCycle.StateOn(LastVisit.AddDays(16), household.LastVisitOn, Registered, Policy));
        // What the cadre found is still the latest income on the register.
        Assert.Equal(9000m, household.PerCapitaIncome);
    }

    [Fact]
    public void A_routine_visit_on_day_15_resets_the_cycle()
    {
        var household = VisitedHousehold(LastVisit);

        household.Visited(VisitOn(LastVisit.AddDays(15), VisitKind.Routine, income: 9000m), latestOfAny: true);

        Assert.Equal(CycleState.Visited, VisitCycle.StateOn(LastVisit.AddDays(16), household.LastVisitOn, Registered, Policy));
    }

    [Fact]
    public void A_back_dated_visit_moves_neither_the_cycle_nor_the_income()
    {
        var household = VisitedHousehold(LastVisit);

        household.Visited(VisitOn(LastVisit.AddDays(-5), VisitKind.Routine, income: 1m), latestOfAny: false);

        Assert.Equal((LastVisit, 8000m), (household.LastVisitOn!.Value, household.PerCapitaIncome));
    }

    private static Household VisitedHousehold(DateOnly on)
    {
        var household = Household.Register("532623101001", "王明", "532623198001010015",
            new DateTimeOffset(Registered.ToDateTime(new TimeOnly(9, 0)), Beijing.Offset));
        household.Visited(VisitOn(on, VisitKind.Routine, income: 8000m), latestOfAny: true);
        return household;
    }

    private static Visit VisitOn(DateOnly on, VisitKind kind, decimal income) => Visit.Record(Guid.NewGuid(), kind, on, "李华", new HashSet<BasicNeed>(),
        income, null, [], null, "tester", new DateTimeOffset(on.ToDateTime(new TimeOnly(17, 0)), Beijing.Offset), Policy.Version);
}
