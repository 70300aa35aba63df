using Xichou.Water.Policy;

namespace Xichou.UnitTests.Water;

/// <summary>措施十's four indicators (T/CHES 18-2018) at their boundaries, with the 2021 numbers, each failure explained with its numbers.</summary>
public class WaterRulesTests
{
    private static readonly WaterPolicy Policy = WaterPolicy.Xichou2021;

    private const string Village = "532623201001"; // 莲花塘乡莲花塘村
    private const string ScarceVillage = "532623204006"; // 法斗乡坪寨村, marked water-scarce below

    private static readonly WaterPolicy WithScarceVillage = Policy with { WaterScarceVillages = [ScarceVillage] };

    /// <summary>A household that meets all four: 50 L, quality met, piped to the home, 10 days without supply.</summary>
    private static WaterMeasurements Safe() => new(50m, true, null, true, null, null, null, 10);

    private static WaterVerdict Evaluate(WaterMeasurements check, string village = Village, WaterPolicy? policy = null) =>
        WaterRules.Evaluate(check, village, policy ?? Policy);

    private static IndicatorFailure Failure(WaterVerdict verdict, WaterIndicator indicator) =>
        Assert.Single(verdict.Failures, f => f.Indicator == indicator);

    [Fact]
    public void Policy_numbers_are_those_of_T_CHES_18_2018()
    {
        Assert.Equal(35m, Policy.MinLitresPerPersonPerDay);
        Assert.Equal(20m, Policy.MinLitresPerPersonPerDayWaterScarce);
        Assert.Equal(20, Policy.MaxFetchMinutes);
        Assert.Equal(800m, Policy.MaxHorizontalMetres);
        Assert.Equal(80m, Policy.MaxVerticalMetres);
        Assert.Equal(36, Policy.MaxDaysWithoutSupply);
    }

    [Fact]
    public void A_household_meeting_all_four_indicators_is_safe()
    {
        var verdict = Evaluate(Safe());

        Assert.True(verdict.Safe);
        Assert.Empty(verdict.Failures);
    }

    [Fact]
    public void Thirty_five_litres_per_person_per_day_meets_the_quantity() =>
        Assert.True(Evaluate(Safe() with { LitresPerPersonPerDay = 35m }).Safe);

    [Fact]
    public void Thirty_four_point_nine_litres_fails_the_quantity_naming_both_numbers()
    {
        var verdict = Evaluate(Safe() with { LitresPerPersonPerDay = 34.9m });

        var failure = Assert.Single(verdict.Failures);
        Assert.Equal(WaterIndicator.Quantity, failure.Indicator);
        Assert.Equal("水量：每人每天可获得水量 34.9 升，低于标准 35 升", failure.Explanation);
    }

    [Fact]
    public void Twenty_litres_passes_in_a_water_scarce_village()
    {
        var verdict = Evaluate(Safe() with { LitresPerPersonPerDay = 20m }, ScarceVillage, WithScarceVillage);

        Assert.True(verdict.Safe);
        Assert.True(verdict.WaterScarce);
        Assert.Equal(20m, verdict.MinLitresPerPersonPerDay);
    }

    [Fact]
    public void Twenty_litres_fails_in_a_village_that_is_not_water_scarce()
    {
        var verdict = Evaluate(Safe() with { LitresPerPersonPerDay = 20m }, Village, WithScarceVillage);

        Assert.False(verdict.WaterScarce);
        Assert.Equal(35m, verdict.MinLitresPerPersonPerDay);
        Assert.Contains("20 升，低于标准 35 升", Failure(verdict, WaterIndicator.Quantity).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Below_twenty_litres_fails_in_a_water_scarce_village_against_the_scarce_standard()
    {
        var verdict = Evaluate(Safe() with { LitresPerPersonPerDay = 19.99m }, ScarceVillage, WithScarceVillage);

        Assert.Equal("水量：每人每天可获得水量 19.99 升，低于缺水地区标准 20 升", Failure(verdict, WaterIndicator.Quantity).Explanation);
    }

    [Fact]
    public void A_failing_quality_names_the_failing_item()
    {
        var verdict = Evaluate(Safe() with { QualityMeetsStandard = false, FailingItem = "菌落总数" });

        Assert.Equal("水质：不符合农村饮水水质要求，不达标项目：菌落总数", Failure(verdict, WaterIndicator.Quality).Explanation);
    }

    [Fact]
    public void Water_piped_to_the_home_meets_the_convenience_without_any_distance() =>
        Assert.True(Evaluate(Safe() with { PipedToHome = true, FetchMinutes = 90, HorizontalMetres = 5000m, VerticalMetres = 500m }).Safe);

    [Fact]
    public void A_twenty_minute_fetch_meets_the_convenience() =>
        Assert.True(Evaluate(Safe() with { PipedToHome = false, FetchMinutes = 20 }).Safe);

    [Fact]
    public void A_twenty_one_minute_fetch_fails_the_convenience_naming_the_minutes_and_the_standard()
    {
        var verdict = Evaluate(Safe() with { PipedToHome = false, FetchMinutes = 21 });

        var failure = Assert.Single(verdict.Failures);
        Assert.Equal(WaterIndicator.Convenience, failure.Indicator);
        Assert.Contains("人力取水往返 21 分钟", failure.Explanation, StringComparison.Ordinal);
        Assert.Contains("往返不超过 20 分钟", failure.Explanation, StringComparison.Ordinal);
        Assert.Contains("水平距离不超过 800 米", failure.Explanation, StringComparison.Ordinal);
        Assert.Contains("垂直距离不超过 80 米", failure.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Eight_hundred_metres_horizontally_meets_the_convenience() =>
        Assert.True(Evaluate(Safe() with { PipedToHome = false, HorizontalMetres = 800m }).Safe);

    [Fact]
    public void Eight_hundred_and_one_metres_horizontally_fails_the_convenience()
    {
        var verdict = Evaluate(Safe() with { PipedToHome = false, HorizontalMetres = 801m });

        Assert.Contains("水平距离 801 米", Failure(verdict, WaterIndicator.Convenience).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Eighty_metres_vertically_meets_the_convenience_and_eighty_point_one_does_not()
    {
        Assert.True(Evaluate(Safe() with { PipedToHome = false, VerticalMetres = 80m }).Safe);
        Assert.Contains("垂直距离 80.1 米",
            Failure(Evaluate(Safe() with { PipedToHome = false, VerticalMetres = 80.1m }), WaterIndicator.Convenience).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void One_measured_value_within_its_limit_is_enough_when_the_others_exceed_theirs() =>
        Assert.True(Evaluate(Safe() with { PipedToHome = false, FetchMinutes = 45, HorizontalMetres = 1500m, VerticalMetres = 60m }).Safe);

    [Fact]
    public void A_value_not_measured_does_not_meet_the_convenience()
    {
        var verdict = Evaluate(Safe() with { PipedToHome = false, FetchMinutes = null, HorizontalMetres = null, VerticalMetres = null });

        Assert.Contains("未测取水时间或距离", Failure(verdict, WaterIndicator.Convenience).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Thirty_six_days_without_supply_meets_the_supply_guarantee() =>
        Assert.True(Evaluate(Safe() with { DaysWithoutSupply = 36 }).Safe);

    [Fact]
    public void Thirty_seven_days_without_supply_fails_the_supply_guarantee_naming_both_numbers()
    {
        var verdict = Evaluate(Safe() with { DaysWithoutSupply = 37 });

        Assert.Equal("供水保证率：一年中断供水 37 天，超过标准 36 天（保证率不低于95%）", Failure(verdict, WaterIndicator.Supply).Explanation);
    }

    [Fact]
    public void Several_failures_are_all_named_in_the_standards_order_and_in_the_finding()
    {
        var verdict = Evaluate(new WaterMeasurements(18m, false, "浑浊度", false, 35, 1200m, null, 60));

        Assert.Equal([WaterIndicator.Quantity, WaterIndicator.Quality, WaterIndicator.Convenience, WaterIndicator.Supply],
            verdict.Failures.Select(f => f.Indicator));
        var description = WaterRules.Describe(new DateOnly(2026, 3, 5), verdict);
        Assert.StartsWith("饮水安全排查（2026-03-05）4项不达标：", description, StringComparison.Ordinal);
        foreach (var expected in new[] { "18 升", "35 升", "浑浊度", "35 分钟", "1,200 米", "60 天", "36 天" })
        {
            Assert.Contains(expected, description, StringComparison.Ordinal);
        }
        Assert.Equal("water-unsafe", WaterRules.CategoryOf(verdict));
        Assert.Equal(WaterRules.High, WaterRules.SeverityOf(verdict));
    }

    [Fact]
    public void One_failing_indicator_is_its_own_category()
    {
        Assert.Equal("water-quantity", WaterRules.CategoryOf(Evaluate(Safe() with { LitresPerPersonPerDay = 10m })));
        Assert.Equal("water-convenience", WaterRules.CategoryOf(Evaluate(Safe() with { PipedToHome = false, FetchMinutes = 30 })));
        Assert.Equal("water-supply", WaterRules.CategoryOf(Evaluate(Safe() with { DaysWithoutSupply = 100 })));
    }

    [Fact]
    public void Failing_quality_is_a_high_risk_and_the_other_indicators_medium()
    {
        Assert.Equal(WaterRules.High, WaterRules.SeverityOf(Evaluate(Safe() with { QualityMeetsStandard = false, FailingItem = "总大肠菌群" })));
        Assert.Equal(WaterRules.Medium, WaterRules.SeverityOf(Evaluate(Safe() with { LitresPerPersonPerDay = 10m, DaysWithoutSupply = 90 })));
    }

    [Fact]
    public void A_later_policy_changes_the_threshold_without_a_code_change()
    {
        var stricter = Policy with { MinLitresPerPersonPerDay = 40m };

        Assert.Contains("低于标准 40 升", Failure(Evaluate(Safe() with { LitresPerPersonPerDay = 38m }, policy: stricter), WaterIndicator.Quantity).Explanation,
            StringComparison.Ordinal);
    }
}
