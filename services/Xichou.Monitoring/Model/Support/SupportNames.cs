namespace Xichou.Monitoring.Model.Support;

/// <summary>The wire (kebab-case) and Chinese names of the pairing and microcredit enums.</summary>
public static class SupportNames
{
    private static readonly (CadreRank Rank, string Wire, string Chinese)[] Ranks =
    [
        (CadreRank.DeputySection, "deputy-section", "副科级"),
        (CadreRank.Section, "section", "正科级"),
        (CadreRank.DeputyCounty, "deputy-county", "副县级"),
        (CadreRank.County, "county", "正县级"),
    ];

    private static readonly (Lender Lender, string Wire, string Chinese)[] Lenders =
    [
        (Lender.CreditUnion, "credit-union", "县信用社"),
        (Lender.AgriculturalBank, "agricultural-bank", "县农行"),
    ];

    private static readonly (LoanStatus Status, string Wire, string Chinese)[] Statuses =
    [
        (LoanStatus.Need, "need", "有贷款需求"),
        (LoanStatus.Applied, "applied", "已申请"),
        (LoanStatus.Approved, "approved", "已审批"),
        (LoanStatus.Disbursed, "disbursed", "已放款"),
        (LoanStatus.Declined, "declined", "未获批"),
    ];

    public static IEnumerable<string> RankWires => Ranks.Select(r => r.Wire);
    public static IEnumerable<string> LenderWires => Lenders.Select(l => l.Wire);
    public static IEnumerable<string> StatusWires => Statuses.Select(s => s.Wire);

    public static string Wire(CadreRank rank) => Ranks.First(r => r.Rank == rank).Wire;
    public static string Chinese(CadreRank rank) => Ranks.First(r => r.Rank == rank).Chinese;
    public static string Wire(Lender lender) => Lenders.First(l => l.Lender == lender).Wire;
    public static string Chinese(Lender lender) => Lenders.First(l => l.Lender == lender).Chinese;
    public static string Wire(LoanStatus status) => Statuses.First(s => s.Status == status).Wire;
    public static string Chinese(LoanStatus status) => Statuses.First(s => s.Status == status).Chinese;

    public static bool TryParseRank(string? wire, out CadreRank rank) => TryParse(Ranks.Select(r => (r.Rank, r.Wire)), wire, out rank);
    public static bool TryParseLender(string? wire, out Lender lender) => TryParse(Lenders.Select(l => (l.Lender, l.Wire)), wire, out lender);
    public static bool TryParseStatus(string? wire, out LoanStatus status) => TryParse(Statuses.Select(s => (s.Status, s.Wire)), wire, out status);

    private static bool TryParse<T>(IEnumerable<(T Value, string Wire)> names, string? wire, out T value) where T : struct
    {
        foreach (var (candidate, name) in names)
        {
            if (string.Equals(name, wire?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
