using System.Globalization;
using System.Text.Json;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>
/// China's working days: Monday to Friday, less the public holidays, plus the weekend days worked to make up for them
/// (调休), as the State Council publishes them each year. The data is <c>china-working-calendar.json</c> (embedded), not
/// code; a year it does not list counts Monday to Friday.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkdays;

    public WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkdays, string source = "")
    {
        _holidays = [.. holidays];
        _makeUpWorkdays = [.. makeUpWorkdays];
        Source = source;
    }

    /// <summary>Where the holidays come from (the State Council's notices).</summary>
    public string Source { get; }

    /// <summary>The years the data covers.</summary>
    public IReadOnlyList<int> Years => [.. _holidays.Concat(_makeUpWorkdays).Select(d => d.Year).Distinct().Order()];

    public static WorkingCalendar China { get; } = Load();

    public bool IsWorkingDay(DateOnly day) =>
        _makeUpWorkdays.Contains(day)
        || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>
    /// The day <paramref name="workingDays"/> working days after <paramref name="from"/>, not counting <paramref name="from"/>
    /// itself: a referral made on a Friday with 1 working day is due the next working Monday.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = from;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when <paramref name="to"/> is not later).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }
        return count;
    }

    private static WorkingCalendar Load()
    {
        using var stream = typeof(WorkingCalendar).Assembly.GetManifestResourceStream("china-working-calendar.json")
            ?? throw new InvalidOperationException("The embedded working calendar is missing.");
        using var document = JsonDocument.Parse(stream);
        var holidays = new List<DateOnly>();
        var makeUp = new List<DateOnly>();
        foreach (var year in document.RootElement.GetProperty("years").EnumerateObject())
        {
            holidays.AddRange(year.Value.GetProperty("holidays").EnumerateArray().Select(Day));
            makeUp.AddRange(year.Value.GetProperty("makeUpWorkdays").EnumerateArray().Select(Day));
        }
        return new WorkingCalendar(holidays, makeUp, document.RootElement.GetProperty("source").GetString() ?? "");
    }

    private static DateOnly Day(JsonElement element) =>
        DateOnly.ParseExact(element.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
