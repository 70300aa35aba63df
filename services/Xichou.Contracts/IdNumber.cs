using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Xichou.Contracts;

/// <summary>
/// The 18-character resident ID number (居民身份证号) under GB 11643-1999: a 6-digit area code,
/// an 8-digit birth date, a 3-digit sequence (odd for men) and an ISO 7064 MOD 11-2 check character.
/// </summary>
public static class IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The oldest age the register believes: a birth date further back than this is a typing mistake (1889 for 1989).</summary>
    public const int MaxAgeYears = 120;

    public static bool IsValid([NotNullWhen(true)] string? value) => Validate(value) is null;

    /// <summary>
    /// An ID number as county staff type it, in the form it is stored: trimmed, and a lower-case check character x as X
    /// (people and spreadsheets type it either way; GB 11643 prints it upper-case). Null stays null.
    /// </summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Normalize(string? value) => value?.Trim().ToUpperInvariant();

    /// <summary>
    /// Why <paramref name="value"/>, normalized (<see cref="Normalize"/>), is not the ID number of someone alive on
    /// <paramref name="today"/>: besides the form and the check character, the birth date is not after today and at most
    /// <see cref="MaxAgeYears"/> years before it. Null when it is.
    /// </summary>
    public static IdNumberError? Validate(string? value, DateOnly today)
    {
        var normalized = Normalize(value);
        if (Validate(normalized) is { } error)
        {
            return error;
        }
        var birth = BirthDateOf(normalized!);
        return birth > today ? IdNumberError.FutureBirthDate
            : birth < today.AddYears(-MaxAgeYears) ? IdNumberError.ImplausibleAge
            : null;
    }

    /// <summary>Returns why <paramref name="value"/> is not a valid ID number, or null when it is.</summary>
    public static IdNumberError? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return IdNumberError.Missing;
        }
        if (value.Length != 18)
        {
            return IdNumberError.WrongLength;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return IdNumberError.NotDigits;
            }
        }
        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
        {
            return IdNumberError.NotDigits;
        }
        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return IdNumberError.BadBirthDate;
        }
        return value[17] == CheckCharacterFor(value.AsSpan(0, 17)) ? null : IdNumberError.BadCheckDigit;
    }

    /// <summary>The GB 11643 check character for the first 17 digits.</summary>
    public static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("An ID number body has 17 digits.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>Xichou County's area code, the first six digits of its residents' ID numbers.</summary>
    public const string XichouAreaCode = "532623";

    /// <summary>The ID number for an area, a birth date and a sequence number (0–999), with its check character.</summary>
    public static string Compose(string areaCode, DateOnly birthDate, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(areaCode.Length, 6);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var body = string.Create(CultureInfo.InvariantCulture, $"{areaCode}{birthDate:yyyyMMdd}{sequence:D3}");
        return body + CheckCharacterFor(body);
    }

    public static DateOnly BirthDateOf(string idNumber) =>
        DateOnly.ParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Masks all but the area code and the last four characters: 532623********1234.</summary>
    public static string Mask(string idNumber) =>
        idNumber.Length == 18 ? string.Concat(idNumber.AsSpan(0, 6), "********", idNumber.AsSpan(14, 4)) : "******";
}

public enum IdNumberError
{
    Missing,
    WrongLength,
    NotDigits,
    BadBirthDate,
    BadCheckDigit,

    /// <summary>Born after today.</summary>
    FutureBirthDate,

    /// <summary>Born more than <see cref="IdNumber.MaxAgeYears"/> years ago.</summary>
    ImplausibleAge,
}
