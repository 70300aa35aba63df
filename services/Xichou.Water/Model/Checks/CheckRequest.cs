using System.Globalization;
using Xichou.ServiceDefaults.Http;
using Xichou.Water.Policy;

namespace Xichou.Water.Model.Checks;

/// <summary>
/// A check of a household's drinking water (饮水安全排查), or the re-check that completes a remediation case:
/// <c>{ checkedOn, litresPerPersonPerDay, qualityMeetsStandard, failingItem, pipedToHome, fetchMinutes, horizontalMetres,
/// verticalMetres, daysWithoutSupply }</c>.
/// </summary>
public sealed record CheckRequest(
    DateOnly? CheckedOn,
    decimal? LitresPerPersonPerDay,
    bool? QualityMeetsStandard,
    string? FailingItem,
    bool? PipedToHome,
    int? FetchMinutes,
    decimal? HorizontalMetres,
    decimal? VerticalMetres,
    int? DaysWithoutSupply);

/// <summary>The earliest day a check may carry, and what that day is, in Chinese and English.</summary>
public sealed record EarliestDay(DateOnly On, string Chinese, string English);

/// <summary>What a check must hold before the rules read it; every message names its field in Chinese and English.</summary>
public static class CheckValidation
{
    public const decimal MaxLitres = 10_000m;
    public const decimal MaxHorizontalMetres = 100_000m;
    public const decimal MaxVerticalMetres = 10_000m;
    public const int MaxFetchMinutes = 24 * 60;
    public const int MaxDaysInYear = 366;
    public const int MaxFailingItemLength = 100;

    public static ValidationErrors Validate(CheckRequest request, DateOnly today, EarliestDay earliest)
    {
        var errors = new ValidationErrors();
        if (request.CheckedOn is not { } checkedOn)
        {
            errors.Add("checkedOn", "排查日期必填", "The date of the check is required.");
        }
        else if (checkedOn > today)
        {
            errors.Add("checkedOn", $"排查日期不能晚于今天（{Day(today)}）", $"The date of the check cannot be after today ({Day(today)}).");
        }
        else if (checkedOn < earliest.On)
        {
            errors.Add("checkedOn", $"排查日期不能早于{earliest.Chinese}（{Day(earliest.On)}）",
                $"The date of the check cannot be before {earliest.English} ({Day(earliest.On)}).");
        }

        Amount(errors, "litresPerPersonPerDay", request.LitresPerPersonPerDay, MaxLitres, "每人每天水量（升）", "Litres per person per day", required: true);

        if (request.QualityMeetsStandard is null)
        {
            errors.Add("qualityMeetsStandard", "水质是否达标必填", "Whether the water quality meets the standard is required.");
        }
        else if (request.QualityMeetsStandard == false && string.IsNullOrWhiteSpace(request.FailingItem))
        {
            errors.Add("failingItem", "水质不达标时须填写不达标项目（如菌落总数）", "The failing item (e.g. total bacteria) is required when the quality fails.");
        }
        if (request.FailingItem?.Trim().Length > MaxFailingItemLength)
        {
            errors.Add("failingItem", $"不达标项目不能超过{MaxFailingItemLength}个字", $"The failing item is at most {MaxFailingItemLength} characters.");
        }

        if (request.PipedToHome is null)
        {
            errors.Add("pipedToHome", "是否供水入户必填", "Whether water is piped to the home is required.");
        }
        if (request.FetchMinutes is < 0 or > MaxFetchMinutes)
        {
            errors.Add("fetchMinutes", $"取水往返时间应为0至{MaxFetchMinutes}分钟", $"The fetch time is 0 to {MaxFetchMinutes} minutes.");
        }
        Amount(errors, "horizontalMetres", request.HorizontalMetres, MaxHorizontalMetres, "取水水平距离（米）", "The horizontal distance", required: false);
        Amount(errors, "verticalMetres", request.VerticalMetres, MaxVerticalMetres, "取水垂直距离（米）", "The vertical distance", required: false);
        // 用水方便程度 is judged on whichever of the three was measured; without water at home, one must be.
        if (request.PipedToHome == false && request.FetchMinutes is null && request.HorizontalMetres is null && request.VerticalMetres is null)
        {
            errors.Add("fetchMinutes", "未供水入户时，须填写取水往返时间、水平距离或垂直距离中的至少一项",
                "Without water piped to the home, give the fetch time, the horizontal or the vertical distance.");
        }

        if (request.DaysWithoutSupply is not { } days)
        {
            errors.Add("daysWithoutSupply", "一年中断供水天数必填（无中断填0）", "The days without supply in a year are required (0 if none).");
        }
        else if (days is < 0 or > MaxDaysInYear)
        {
            errors.Add("daysWithoutSupply", $"一年中断供水天数应为0至{MaxDaysInYear}天", $"The days without supply are 0 to {MaxDaysInYear}.");
        }
        return errors;
    }

    /// <summary>The measurements of a request that passed <see cref="Validate"/>.</summary>
    public static WaterMeasurements ToMeasurements(CheckRequest request) => new(
        request.LitresPerPersonPerDay!.Value,
        request.QualityMeetsStandard!.Value,
        request.QualityMeetsStandard == false ? request.FailingItem!.Trim() : null,
        request.PipedToHome!.Value,
        request.FetchMinutes,
        request.HorizontalMetres,
        request.VerticalMetres,
        request.DaysWithoutSupply!.Value);

    private static void Amount(ValidationErrors errors, string field, decimal? value, decimal max, string chinese, string english, bool required)
    {
        if (value is not { } amount)
        {
            if (required)
            {
                errors.Add(field, $"{chinese}必填", $"{english} is required.");
            }
        }
        else if (amount < 0)
        {
            errors.Add(field, $"{chinese}不能为负数", $"{english} cannot be negative.");
        }
        else if (amount > max)
        {
            errors.Add(field, $"{chinese}不能超过{WaterRules.Number(max)}", $"{english} is at most {WaterRules.Number(max)}.");
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            errors.Add(field, $"{chinese}最多两位小数", $"{english} has at most two decimals.");
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
