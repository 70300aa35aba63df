using Xichou.Monitoring.Application.Visits;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;

namespace Xichou.UnitTests.Monitoring.Rules;

/// <summary>Which visit comes before another, by visit date, whatever order they were entered in.</summary>
public class VisitHistoryTests
{
    private static readonly DateOnly March1 = new(2026, 3, 1);
    private static readonly DateOnly March31 = new(2026, 3, 31);

    private static VisitHistory.Entry Entry(DateOnly on, decimal income, decimal? previous = null, VisitKind kind = VisitKind.Routine) =>
        new(Guid.NewGuid(), kind, on, income, previous);

    [Fact]
    public void A_back_dated_visit_between_two_others_is_compared_with_the_one_before_it_not_the_latest()
    {
        // Entered: 1 March at 10,000 (the registered figure was 9,000), then 31 March at 4,000; now a visit of 15 March is entered late.
        var history = VisitHistory.From([Entry(March1, 10000m, previous: 9000m), Entry(March31, 4000m, previous: 10000m)], householdIncome: 4000m);

        Assert.Equal(10000m, history.IncomeBefore(new DateOnly(2026, 3, 15)));
        Assert.False(history.NoneAfter(new DateOnly(2026, 3, 15)));
        Assert.Equal(4000m, history.IncomeBefore(new DateOnly(2026, 4, 1)));
        Assert.True(history.NoneAfter(March31));
    }

    [Fact]
    public void A_visit_dated_before_every_other_is_compared_with_the_registered_figure()
    {
        var history = VisitHistory.From([Entry(March31, 4000m, previous: 9000m)], householdIncome: 4000m);

        Assert.Equal(9000m, history.IncomeBefore(March1));
    }

    [Fact]
    public void The_first_visit_is_compared_with_the_register_and_none_is_compared_when_that_is_zero()
    {
        Assert.Equal(8000m, VisitHistory.From([], householdIncome: 8000m).IncomeBefore(March1));
        Assert.Null(VisitHistory.From([], householdIncome: 0m).IncomeBefore(March1));
    }

    [Fact]
    public void Of_two_visits_on_one_day_the_one_entered_last_comes_before_a_new_one()
    {
        var history = VisitHistory.From([Entry(March1, 10000m, previous: 9000m), Entry(March1, 8000m, previous: 10000m)], householdIncome: 8000m);

        Assert.Equal(8000m, history.IncomeBefore(March1));
    }

    [Fact]
    public void Expenses_since_the_last_monitoring_visit_are_the_cadre_visits_after_it()
    {
        var routine = Entry(March1, 8000m, previous: 8000m);
        var cadreBefore = Entry(new DateOnly(2026, 2, 20), 8000m, kind: VisitKind.Cadre);
        var cadreAfter = Entry(new DateOnly(2026, 3, 10), 8000m, kind: VisitKind.Cadre);
        var cadreLater = Entry(new DateOnly(2026, 3, 20), 8000m, kind: VisitKind.Cadre);
        var history = VisitHistory.From([cadreBefore, routine, cadreAfter, cadreLater], householdIncome: 8000m);

        Assert.Equal([cadreAfter.Id], history.SinceLastCycleVisit(new DateOnly(2026, 3, 15)));
        Assert.Equal([cadreAfter.Id, cadreLater.Id], history.SinceLastCycleVisit(March31));
        Assert.Equal([cadreBefore.Id], history.SinceLastCycleVisit(new DateOnly(2026, 2, 28)));
    }
}
