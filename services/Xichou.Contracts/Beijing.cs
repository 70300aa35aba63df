using System.Globalization;

namespace Xichou.Contracts;

/// <summary>Beijing dates and months (UTC+8, no daylight saving): the calendar the county works by, and "today" for a county user.</summary>
public static class Beijing
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>The first moment of a Beijing day, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    public static string MonthText(DateOnly firstDay) => firstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
