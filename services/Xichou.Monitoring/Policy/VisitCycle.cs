namespace Xichou.Monitoring.Policy;

/// <summary>Where a household stands in its half-monthly visit cycle (措施一：每半月开展一次动态监测).</summary>
public enum CycleState
{
    /// <summary>Visited within the cycle: nothing to do until the cycle ends.</summary>
    Visited,

    /// <summary>Not visited in this cycle yet, still within the policy period.</summary>
    Due,

    /// <summary>More than the policy period since the last visit (or since registration): overdue.</summary>
    Overdue,
}

public static class VisitCycle
{
    /// <summary>
    /// A household's cycle runs from its last visit (or its registration, if never visited): it is due again on day
    /// <see cref="MonitoringPolicy.VisitCycleDays"/> after it, and overdue the day after that. A visit on day 15 is
    /// on time; day 16 without one is overdue.
    /// </summary>
    public static CycleState StateOn(DateOnly today, DateOnly? lastVisit, DateOnly registered, MonitoringPolicy policy)
    {
        var since = lastVisit ?? registered;
        var days = today.DayNumber - since.DayNumber;
        if (lastVisit is not null && days < policy.VisitCycleDays)
        {
            return CycleState.Visited;
        }
        return days > policy.VisitCycleDays ? CycleState.Overdue : CycleState.Due;
    }

    /// <summary>The last day a visit keeps the household on time.</summary>
    public static DateOnly DueBy(DateOnly? lastVisit, DateOnly registered, MonitoringPolicy policy) =>
        (lastVisit ?? registered).AddDays(policy.VisitCycleDays);
}
