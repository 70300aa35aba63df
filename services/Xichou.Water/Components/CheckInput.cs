using System.Globalization;
using Xichou.Water.Model.Checks;

namespace Xichou.Water.Components;

/// <summary>
/// The check form's fields as the browser posts them (text), so that a value that is not a number gets a Chinese message
/// beside its field instead of a binding failure; yes/no selects post <c>yes</c> or <c>no</c>.
/// </summary>
public sealed class CheckInput
{
    public string? CheckedOn { get; set; }
    public string? LitresPerPersonPerDay { get; set; }
    public string? QualityMeetsStandard { get; set; }
    public string? FailingItem { get; set; }
    public string? PipedToHome { get; set; }
    public string? FetchMinutes { get; set; }
    public string? HorizontalMetres { get; set; }
    public string? VerticalMetres { get; set; }
    public string? DaysWithoutSupply { get; set; }

    /// <summary>The request the use case takes; fields that do not parse are put in <paramref name="errors"/> (Chinese) and left out.</summary>
    public CheckRequest ToRequest(Dictionary<string, string[]> errors)
    {
        DateOnly? checkedOn = null;
        if (!string.IsNullOrWhiteSpace(CheckedOn))
        {
            if (DateOnly.TryParseExact(CheckedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                checkedOn = day;
            }
            else
            {
                errors["checkedOn"] = ["排查日期格式应为 年-月-日"];
            }
        }
        return new CheckRequest(
            checkedOn,
            Number(LitresPerPersonPerDay, "litresPerPersonPerDay", "每人每天水量应为数字（升）", errors),
            YesNo(QualityMeetsStandard),
            string.IsNullOrWhiteSpace(FailingItem) ? null : FailingItem,
            YesNo(PipedToHome),
            Whole(FetchMinutes, "fetchMinutes", "取水往返时间应为整数（分钟）", errors),
            Number(HorizontalMetres, "horizontalMetres", "水平距离应为数字（米）", errors),
            Number(VerticalMetres, "verticalMetres", "垂直距离应为数字（米）", errors),
            Whole(DaysWithoutSupply, "daysWithoutSupply", "中断供水天数应为整数（天）", errors));
    }

    private static bool? YesNo(string? value) => value?.Trim() switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };

    private static decimal? Number(string? text, string field, string message, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (decimal.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors[field] = [message];
        return null;
    }

    private static int? Whole(string? text, string field, string message, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors[field] = [message];
        return null;
    }
}
