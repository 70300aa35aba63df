using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.DepartmentKit.Ledger;

/// <summary>A column of a department's ledger (台账): its key on the wire and its Chinese heading.</summary>
public sealed record LedgerColumn(string Key, string Header);

/// <summary>One village's figures, by column key; a department's ledger source yields these.</summary>
public sealed record LedgerRow(string TownshipCode, string? VillageCode, IReadOnlyDictionary<string, decimal> Values);

/// <summary>A line of the ledger: a township's subtotal, or one of its villages.</summary>
public sealed record LedgerLine(string TownshipCode, string? VillageCode, string Place, bool IsTownship, IReadOnlyList<decimal> Values);

/// <summary>
/// A department's ledger by township and village (台账): every village with figures, under its township's subtotal, and the
/// total of the caller's jurisdiction.
/// </summary>
public sealed record DepartmentLedger(string Title, string Scope, IReadOnlyList<LedgerColumn> Columns, IReadOnlyList<LedgerLine> Lines, IReadOnlyList<decimal> Totals)
{
    public static DepartmentLedger Build(string title, string scope, IReadOnlyList<LedgerColumn> columns, IEnumerable<LedgerRow> rows)
    {
        decimal[] ValuesOf(IEnumerable<LedgerRow> group) =>
            [.. columns.Select(c => group.Sum(r => r.Values.TryGetValue(c.Key, out var v) ? v : 0m))];
        var all = rows.ToList();
        var lines = new List<LedgerLine>();
        foreach (var township in all.GroupBy(r => r.TownshipCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add(new LedgerLine(township.Key, null, Townships.NameOf(township.Key), IsTownship: true, ValuesOf(township)));
            foreach (var village in township.GroupBy(r => r.VillageCode ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                // Events published before villages had codes carry none: their households are counted, under their township.
                var place = village.Key.Length == 0 ? "（村未注明）" : Villages.NameOf(village.Key);
                lines.Add(new LedgerLine(township.Key, village.Key.Length == 0 ? null : village.Key, place, IsTownship: false, ValuesOf(village)));
            }
        }
        return new DepartmentLedger(title, scope, columns, lines, ValuesOf(all));
    }
}

/// <summary>Where a department's ledger comes from: its own tables, grouped by village within the caller's jurisdiction.</summary>
public interface ILedgerSource
{
    Task<DepartmentLedger> BuildAsync(Jurisdiction scope, CancellationToken cancellationToken);
}
