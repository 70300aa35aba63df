using System.Collections.Concurrent;
using Xichou.Contracts;

namespace Xichou.TestKit;

/// <summary>
/// Valid ID numbers for tests (GB 11643 check character, Xichou's area code 532623), none given twice in one test run so
/// that tests sharing a register never collide on the unique indexes. Linked into every test project.
/// </summary>
public static class IdNumbers
{
    private static readonly ConcurrentDictionary<string, byte> Used = new(StringComparer.Ordinal);

    /// <summary>Someone born between 1940 and 2010.</summary>
    public static string New()
    {
        while (true)
        {
            var birth = new DateOnly(1940, 1, 1).AddDays(Random.Shared.Next(0, 70 * 365));
            var idNumber = IdNumber.Compose(IdNumber.XichouAreaCode, birth, Random.Shared.Next(0, 1000));
            if (Used.TryAdd(idNumber, 0))
            {
                return idNumber;
            }
        }
    }

    /// <summary>Someone born on <paramref name="birth"/>; the sequence code's parity is the sex (odd for men).</summary>
    public static string Born(DateOnly birth, bool male)
    {
        while (true)
        {
            var idNumber = IdNumber.Compose(IdNumber.XichouAreaCode, birth, (Random.Shared.Next(0, 500) * 2) + (male ? 1 : 0));
            if (Used.TryAdd(idNumber, 0))
            {
                return idNumber;
            }
        }
    }

    /// <summary>Someone born on <paramref name="birth"/>, of either sex.</summary>
    public static string Born(DateOnly birth) => Born(birth, Random.Shared.Next(2) == 1);

    /// <summary>A fresh ID number whose check character is X (a tenth of all numbers), for tests of how X is typed.</summary>
    public static string EndingInX()
    {
        while (true)
        {
            var idNumber = New();
            if (idNumber[17] == 'X')
            {
                return idNumber;
            }
        }
    }

    /// <summary>A valid ID number with its check character replaced by a wrong one.</summary>
    public static string WithWrongCheckDigit()
    {
        var valid = New();
        return string.Concat(valid.AsSpan(0, 17), valid[17] == '0' ? "1" : "0");
    }
}
