using Xichou.Water.Model.Checks;

namespace Xichou.UnitTests.Water;

/// <summary>What a check must hold before it is judged: every field named, in Chinese and English.</summary>
public class CheckValidationTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly EarliestDay Registered = new(new DateOnly(2026, 1, 10), "该户登记日期", "the household's registration");

    private static CheckRequest Valid() => new(Today, 40m, true, null, true, null, null, null, 5);

    private static IDictionary<string, string[]> Errors(CheckRequest request) =>
        CheckValidation.Validate(request, Today, Registered).ToDictionary();

    private static void AssertOnly(CheckRequest request, string field, string chinese)
    {
        var errors = Errors(request);
        Assert.Equal([field], errors.Keys);
        var message = Assert.Single(errors[field]);
        Assert.Contains(chinese, message, StringComparison.Ordinal);
        Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}.* / [A-Z]", message);
    }

    [Fact]
    public void A_complete_check_is_valid() => Assert.Empty(Errors(Valid()));

    [Fact]
    public void Negative_litres_are_refused() => AssertOnly(Valid() with { LitresPerPersonPerDay = -1m }, "litresPerPersonPerDay", "不能为负数");

    [Fact]
    public void Absurd_litres_are_refused() => AssertOnly(Valid() with { LitresPerPersonPerDay = 10_000.01m }, "litresPerPersonPerDay", "不能超过10,000");

    [Fact]
    public void Ten_thousand_litres_is_still_a_number_to_judge() => Assert.Empty(Errors(Valid() with { LitresPerPersonPerDay = 10_000m }));

    [Fact]
    public void Missing_litres_are_refused() => AssertOnly(Valid() with { LitresPerPersonPerDay = null }, "litresPerPersonPerDay", "必填");

    [Fact]
    public void Negative_minutes_are_refused() => AssertOnly(Valid() with { FetchMinutes = -5 }, "fetchMinutes", "0至1440分钟");

    [Fact]
    public void Negative_metres_are_refused()
    {
        AssertOnly(Valid() with { HorizontalMetres = -0.5m }, "horizontalMetres", "不能为负数");
        AssertOnly(Valid() with { VerticalMetres = -1m }, "verticalMetres", "不能为负数");
    }

    [Fact]
    public void Negative_days_and_more_days_than_a_year_are_refused()
    {
        AssertOnly(Valid() with { DaysWithoutSupply = -1 }, "daysWithoutSupply", "0至366天");
        AssertOnly(Valid() with { DaysWithoutSupply = 367 }, "daysWithoutSupply", "0至366天");
        Assert.Empty(Errors(Valid() with { DaysWithoutSupply = 366 }));
    }

    [Fact]
    public void The_date_is_required_not_in_the_future_and_not_before_registration()
    {
        AssertOnly(Valid() with { CheckedOn = null }, "checkedOn", "排查日期必填");
        AssertOnly(Valid() with { CheckedOn = Today.AddDays(1) }, "checkedOn", "不能晚于今天（2026-06-15）");
        AssertOnly(Valid() with { CheckedOn = new DateOnly(2026, 1, 9) }, "checkedOn", "不能早于该户登记日期（2026-01-10）");
        Assert.Empty(Errors(Valid() with { CheckedOn = new DateOnly(2026, 1, 10) }));
    }

    [Fact]
    public void Quality_and_piping_must_be_answered()
    {
        AssertOnly(Valid() with { QualityMeetsStandard = null }, "qualityMeetsStandard", "水质是否达标必填");
        AssertOnly(Valid() with { PipedToHome = null }, "pipedToHome", "是否供水入户必填");
    }

    [Fact]
    public void A_failing_quality_needs_its_failing_item_of_at_most_100_characters()
    {
        AssertOnly(Valid() with { QualityMeetsStandard = false }, "failingItem", "菌落总数");
        AssertOnly(Valid() with { QualityMeetsStandard = false, FailingItem = new string('菌', 101) }, "failingItem", "不能超过100个字");
        Assert.Empty(Errors(Valid() with { QualityMeetsStandard = false, FailingItem = new string('菌', 100) }));
    }

    [Fact]
    public void Without_water_at_home_a_fetch_time_or_a_distance_is_required()
    {
        AssertOnly(Valid() with { PipedToHome = false }, "fetchMinutes", "至少一项");
        Assert.Empty(Errors(Valid() with { PipedToHome = false, VerticalMetres = 30m }));
    }

    [Fact]
    public void Litres_and_metres_have_at_most_two_decimals() =>
        AssertOnly(Valid() with { LitresPerPersonPerDay = 35.125m }, "litresPerPersonPerDay", "最多两位小数");

    [Fact]
    public void Every_mistake_at_once_is_named_field_by_field()
    {
        var errors = Errors(new CheckRequest(null, -3m, false, null, false, -1, -2m, -4m, -6));

        Assert.Equal(["checkedOn", "daysWithoutSupply", "failingItem", "fetchMinutes", "horizontalMetres", "litresPerPersonPerDay", "verticalMetres"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_valid_request_becomes_the_measurements_the_rules_read_without_a_failing_item_when_quality_is_met()
    {
        var measured = CheckValidation.ToMeasurements(Valid() with { FailingItem = "无关" });

        Assert.Null(measured.FailingItem);
        Assert.Equal(40m, measured.LitresPerPersonPerDay);
    }
}
