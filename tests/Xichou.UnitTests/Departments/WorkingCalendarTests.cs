using Xichou.DepartmentKit.Referrals;

namespace Xichou.UnitTests.Departments;

/// <summary>China's working days, as the State Council's holiday notices make them (放假调休).</summary>
public class WorkingCalendarTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.China;

    [Theory]
    [InlineData("2026-10-01", false)] // 国庆节
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-10", true)] // Saturday worked to make up (调休上班)
    [InlineData("2026-09-20", true)] // Sunday worked to make up
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-16", false)] // 春节
    [InlineData("2026-12-05", false)] // an ordinary Saturday
    [InlineData("2026-12-07", true)] // an ordinary Monday
    [InlineData("2025-10-08", false)] // 2025: 国庆中秋 8 days
    [InlineData("2025-10-11", true)]
    public void A_day_is_a_working_day_as_the_holiday_notice_says(string day, bool working) =>
        Assert.Equal(working, China.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Working_days_skip_the_national_day_week_and_count_the_make_up_Saturday()
    {
        // Wednesday 30 September 2026, 3 working days: 1–7 October are holidays, Thursday 8 and Friday 9 count, Saturday 10 is worked.
        Assert.Equal(new DateOnly(2026, 10, 10), China.AddWorkingDays(new DateOnly(2026, 9, 30), 3));
    }

    [Fact]
    public void A_referral_made_on_a_Friday_with_one_working_day_is_due_on_Monday() =>
        Assert.Equal(new DateOnly(2026, 12, 7), China.AddWorkingDays(new DateOnly(2026, 12, 4), 1));

    [Fact]
    public void A_year_the_calendar_does_not_list_counts_Monday_to_Friday()
    {
        Assert.DoesNotContain(2030, China.Years);
        Assert.True(China.IsWorkingDay(new DateOnly(2030, 10, 1))); // a Tuesday: no notice for 2030 yet
        Assert.False(China.IsWorkingDay(new DateOnly(2030, 10, 5)));
    }

    [Fact]
    public void Working_days_between_two_days_do_not_count_the_first() =>
        Assert.Equal(5, China.WorkingDaysBetween(new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 4)));
}
