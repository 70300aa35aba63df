namespace Xichou.Monitoring.Model.Support;

/// <summary>The pairing and microcredit enums' wire (kebab-case) and Chinese names, as the catalogue (<see cref="Names"/>) defines them.</summary>
public static class SupportNames
{
    public static IEnumerable<string> RankWires => Names.CadreRanks.Wires;
    public static IEnumerable<string> LenderWires => Names.Lenders.Wires;
    public static IEnumerable<string> StatusWires => Names.LoanStatuses.Wires;

    public static string Wire(CadreRank rank) => Names.CadreRanks.Wire(rank);
    public static string Chinese(CadreRank rank) => Names.CadreRanks.Label(rank);
    public static string Wire(Lender lender) => Names.Lenders.Wire(lender);
    public static string Chinese(Lender lender) => Names.Lenders.Label(lender);
    public static string Wire(LoanStatus status) => Names.LoanStatuses.Wire(status);
    public static string Chinese(LoanStatus status) => Names.LoanStatuses.Label(status);

    public static bool TryParseRank(string? wire, out CadreRank rank) => Names.CadreRanks.TryParseWire(wire, out rank);
    public static bool TryParseLender(string? wire, out Lender lender) => Names.Lenders.TryParseWire(wire, out lender);
    public static bool TryParseStatus(string? wire, out LoanStatus status) => Names.LoanStatuses.TryParseWire(wire, out status);
}
