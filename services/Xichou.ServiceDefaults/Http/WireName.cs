using System.Text.Json;

namespace Xichou.ServiceDefaults.Http;

/// <summary>Enum values on the wire: camelCase names (routine, expenseSpike, township…), parsed case-insensitively.</summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static TEnum? Parse<TEnum>(string? text) where TEnum : struct, Enum =>
        !string.IsNullOrWhiteSpace(text) && !int.TryParse(text, out _) && Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value)
            && Enum.IsDefined(value)
            ? value
            : null;

    /// <summary>kebab-case names (not-eligible, department-head), where a contract spells them so.</summary>
    public static string KebabOf<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static TEnum? ParseKebab<TEnum>(string? text) where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? null : Parse<TEnum>(text.Replace("-", "", StringComparison.Ordinal));
}
