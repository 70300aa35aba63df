using Xichou.Contracts;

namespace Xichou.Gateway.Identity;

/// <summary>
/// A user's township field as it is stored: one township code for township staff; for a battle-zone commander (战区指挥长)
/// the zone's townships, comma-separated ("532623100,532623101"), each of which becomes a township claim in their tokens.
/// </summary>
public static class ZoneTownships
{
    /// <summary>Room for every township of the county in one zone.</summary>
    public const int MaxStoredLength = 100;

    /// <summary>The codes in the field as typed: commas (also '，' and '、') or spaces between them; blanks dropped, each once.</summary>
    public static IReadOnlyList<string> Split(string? field) =>
        string.IsNullOrWhiteSpace(field)
            ? []
            : [.. field.Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>How the field is stored: the codes in order, joined by commas; null when there are none.</summary>
    public static string? Store(string? field) => Split(field) is { Count: > 0 } codes ? string.Join(',', codes.Order(StringComparer.Ordinal)) : null;

    /// <summary>The townships' names, joined by 、.</summary>
    public static string? Names(string? stored) => Split(stored) is { Count: > 0 } codes ? string.Join('、', codes.Select(Townships.NameOf)) : null;
}
