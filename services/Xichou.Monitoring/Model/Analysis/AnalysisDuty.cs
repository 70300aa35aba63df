using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Analysis;

/// <summary>Who files a month's 研判: each village committee and each township (the county collects them).</summary>
public enum FilingLevel
{
    Village,
    Township,
}

/// <summary>
/// A village's or a township's monthly analysis (每月分析研判), filed once for its month: who filed it, when, what was
/// decided, and the figures it was filed on (the month's analysis at that moment).
/// </summary>
public sealed class AnalysisFiling
{
    public Guid Id { get; private set; }

    /// <summary>The month filed for, yyyy-MM.</summary>
    public string Month { get; private set; } = "";

    public FilingLevel Level { get; private set; }

    /// <summary>The village committee's code for a village's filing, the township's code for a township's.</summary>
    public string UnitCode { get; private set; } = "";

    public string TownshipCode { get; private set; } = "";

    /// <summary>What was decided (研判结论、措施).</summary>
    public string Decisions { get; private set; } = "";

    public string FiledBy { get; private set; } = "";
    public DateTimeOffset FiledAt { get; private set; }
    public int Households { get; private set; }
    public int OpenRisks { get; private set; }
    public int OverdueVisits { get; private set; }
    public int HouseholdsWithoutVisit { get; private set; }

    public static AnalysisFiling File(string month, FilingUnit unit, string decisions, MonthlyAnalysis figures, string filedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Month = month,
        Level = unit.Level,
        UnitCode = unit.Code,
        TownshipCode = unit.TownshipCode,
        Decisions = decisions,
        FiledBy = filedBy,
        FiledAt = at,
        Households = figures.Households,
        OpenRisks = figures.OpenRisks,
        OverdueVisits = figures.OverdueVisits,
        HouseholdsWithoutVisit = figures.HouseholdsWithoutVisit,
    };
}

/// <summary>The county's reminder to a township to file (and have its villages file) a month's analysis (及时提醒乡镇).</summary>
public sealed class TownshipReminder
{
    public Guid Id { get; private set; }
    public string Month { get; private set; } = "";
    public string TownshipCode { get; private set; } = "";
    public string Message { get; private set; } = "";

    /// <summary>How many of the township's units (itself and its villages) had not filed when the reminder was sent.</summary>
    public int Unfiled { get; private set; }

    public string SentBy { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }

    public static TownshipReminder Send(string month, string townshipCode, string message, int unfiled, string sentBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), Month = month, TownshipCode = townshipCode, Message = message, Unfiled = unfiled, SentBy = sentBy, SentAt = at,
    };
}

/// <summary>One unit that owes a month's analysis: a village committee or a township.</summary>
public sealed record FilingUnit(FilingLevel Level, string Code, string TownshipCode)
{
    public string Name => Level == FilingLevel.Township ? Townships.NameOf(Code) : $"{Townships.NameOf(TownshipCode)}{Villages.NameOf(Code)}";

    public string LevelWire => Names.FilingLevels.Wire(Level);

    public string LevelName => Names.FilingLevels.Label(Level);

    /// <summary>The unit a user files for: a village monitor's village, township staff's township; nobody else files.</summary>
    public static FilingUnit? Of(Jurisdiction scope) => scope.Level switch
    {
        JurisdictionLevel.Village => new(FilingLevel.Village, scope.Code!, Villages.TownshipOf(scope.Code!)),
        JurisdictionLevel.Township => new(FilingLevel.Township, scope.Code!, scope.Code!),
        _ => null,
    };

    /// <summary>Every unit inside <paramref name="scope"/>, each township followed by its villages.</summary>
    public static List<FilingUnit> Within(Jurisdiction scope)
    {
        IEnumerable<string> townships = scope.Level switch
        {
            JurisdictionLevel.County => Townships.ByCode.Keys.Order(StringComparer.Ordinal),
            JurisdictionLevel.Township => [scope.Code!],
            JurisdictionLevel.Village => [Villages.TownshipOf(scope.Code!)],
            _ => [],
        };
        var units = new List<FilingUnit>();
        foreach (var township in townships)
        {
            if (scope.Level != JurisdictionLevel.Village)
            {
                units.Add(new(FilingLevel.Township, township, township));
            }
            units.AddRange(Villages.In(township)
                .Where(v => scope.Level != JurisdictionLevel.Village || v.Code == scope.Code)
                .Select(v => new FilingUnit(FilingLevel.Village, v.Code, township)));
        }
        return units;
    }
}
