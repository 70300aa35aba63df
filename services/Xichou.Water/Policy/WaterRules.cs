using System.Globalization;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Water.Policy;

/// <summary>The four indicators of T/CHES 18-2018 农村饮水安全评价准则, in the order the standard lists them.</summary>
public enum WaterIndicator
{
    /// <summary>水量.</summary>
    Quantity,

    /// <summary>水质.</summary>
    Quality,

    /// <summary>用水方便程度.</summary>
    Convenience,

    /// <summary>供水保证率.</summary>
    Supply,
}

/// <summary>What a check measured at a household, in the numbers the rules read (already validated).</summary>
public sealed record WaterMeasurements(
    decimal LitresPerPersonPerDay,
    bool QualityMeetsStandard,
    string? FailingItem,
    bool PipedToHome,
    int? FetchMinutes,
    decimal? HorizontalMetres,
    decimal? VerticalMetres,
    int DaysWithoutSupply);

/// <summary>An indicator the household fails, explained in Chinese with its numbers against the standard.</summary>
public sealed record IndicatorFailure(WaterIndicator Indicator, string Explanation);

/// <summary>The verdict of one check: the quantity threshold that applied and every indicator that failed.</summary>
public sealed record WaterVerdict(decimal MinLitresPerPersonPerDay, bool WaterScarce, IReadOnlyList<IndicatorFailure> Failures)
{
    public bool Safe => Failures.Count == 0;

    public bool Fails(WaterIndicator indicator) => Failures.Any(f => f.Indicator == indicator);
}

/// <summary>
/// 措施十's check (饮水安全排查) as plain rules: a household's water is safe when all four indicators of T/CHES 18-2018 are met.
/// Every number comes from <see cref="WaterPolicy"/>.
/// </summary>
public static class WaterRules
{
    public const string High = "high";
    public const string Medium = "medium";

    public static WaterVerdict Evaluate(WaterMeasurements check, string? villageCode, WaterPolicy policy)
    {
        var scarce = IsWaterScarce(villageCode, policy);
        var minLitres = MinLitresFor(villageCode, policy);
        var failures = new List<IndicatorFailure>();
        if (check.LitresPerPersonPerDay < minLitres)
        {
            failures.Add(new IndicatorFailure(WaterIndicator.Quantity,
                $"水量：每人每天可获得水量 {Number(check.LitresPerPersonPerDay)} 升，低于{(scarce ? "缺水地区" : "")}标准 {Number(minLitres)} 升"));
        }
        if (!check.QualityMeetsStandard)
        {
            var item = string.IsNullOrWhiteSpace(check.FailingItem) ? "未注明" : check.FailingItem.Trim();
            failures.Add(new IndicatorFailure(WaterIndicator.Quality, $"水质：不符合农村饮水水质要求，不达标项目：{item}"));
        }
        if (!MeetsConvenience(check, policy))
        {
            failures.Add(new IndicatorFailure(WaterIndicator.Convenience, ConvenienceExplanation(check, policy)));
        }
        if (check.DaysWithoutSupply > policy.MaxDaysWithoutSupply)
        {
            failures.Add(new IndicatorFailure(WaterIndicator.Supply,
                $"供水保证率：一年中断供水 {check.DaysWithoutSupply} 天，超过标准 {policy.MaxDaysWithoutSupply} 天（保证率不低于95%）"));
        }
        return new WaterVerdict(minLitres, scarce, failures);
    }

    /// <summary>水量: 35 L per person per day, 20 L in a village the water bureau marks water-scarce (资源性缺水).</summary>
    public static decimal MinLitresFor(string? villageCode, WaterPolicy policy) =>
        IsWaterScarce(villageCode, policy) ? policy.MinLitresPerPersonPerDayWaterScarce : policy.MinLitresPerPersonPerDay;

    public static bool IsWaterScarce(string? villageCode, WaterPolicy policy) =>
        villageCode is not null && policy.WaterScarceVillages.Contains(villageCode, StringComparer.Ordinal);

    /// <summary>
    /// 用水方便程度: water piped to the home, or a fetch of at most 20 minutes there and back, or at most 800 m horizontally,
    /// or at most 80 m vertically. Any one measured value within its limit is enough; a value not measured meets nothing.
    /// </summary>
    public static bool MeetsConvenience(WaterMeasurements check, WaterPolicy policy) =>
        check.PipedToHome
        || check.FetchMinutes <= policy.MaxFetchMinutes
        || check.HorizontalMetres <= policy.MaxHorizontalMetres
        || check.VerticalMetres <= policy.MaxVerticalMetres;

    /// <summary>
    /// The finding's severity: high when the water quality fails (unsafe water is a direct danger to health, the bottom line
    /// of 饮水安全有保障), medium for quantity, convenience and supply, which are shortfalls to fix.
    /// </summary>
    public static string SeverityOf(WaterVerdict verdict) => verdict.Fails(WaterIndicator.Quality) ? High : Medium;

    /// <summary>water-quantity, water-quality, water-convenience or water-supply for one failing indicator; water-unsafe for several.</summary>
    public static string CategoryOf(WaterVerdict verdict) => verdict.Failures.Count == 1
        ? $"water-{WireName.Of(verdict.Failures[0].Indicator)}"
        : "water-unsafe";

    /// <summary>The finding in Chinese: the day of the check and every failing indicator with its numbers.</summary>
    public static string Describe(DateOnly checkedOn, WaterVerdict verdict) =>
        $"饮水安全排查（{checkedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}）{verdict.Failures.Count}项不达标："
        + string.Join("；", verdict.Failures.Select(f => f.Explanation));

    public static string NameOf(WaterIndicator indicator) => indicator switch
    {
        WaterIndicator.Quantity => "水量",
        WaterIndicator.Quality => "水质",
        WaterIndicator.Convenience => "用水方便程度",
        WaterIndicator.Supply => "供水保证率",
        _ => indicator.ToString(),
    };

    private static string ConvenienceExplanation(WaterMeasurements check, WaterPolicy policy)
    {
        var measured = new List<string>();
        if (check.FetchMinutes is { } minutes)
        {
            measured.Add($"人力取水往返 {minutes} 分钟");
        }
        if (check.HorizontalMetres is { } horizontal)
        {
            measured.Add($"水平距离 {Number(horizontal)} 米");
        }
        if (check.VerticalMetres is { } vertical)
        {
            measured.Add($"垂直距离 {Number(vertical)} 米");
        }
        var found = measured.Count == 0 ? "未测取水时间或距离" : string.Join("、", measured) + "，均超出标准";
        return $"用水方便程度：未供水入户，{found}（标准：往返不超过 {policy.MaxFetchMinutes} 分钟，"
            + $"或水平距离不超过 {Number(policy.MaxHorizontalMetres)} 米，或垂直距离不超过 {Number(policy.MaxVerticalMetres)} 米）";
    }

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
