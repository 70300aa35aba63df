using Xichou.Contracts;
using Xichou.Monitoring.Model.Analysis;

namespace Xichou.Monitoring.Application.Analysis;

/// <summary>A village's or township's filed monthly analysis: who, when, what was decided, on which figures.</summary>
public sealed record FilingView(
    Guid Id, string Month, string Level, string LevelName, string UnitCode, string UnitName, string TownshipCode, string Decisions,
    string FiledBy, DateTimeOffset FiledAt, int Households, int OpenRisks, int OverdueVisits, int HouseholdsWithoutVisit)
{
    public static FilingView From(AnalysisFiling filing)
    {
        var unit = new FilingUnit(filing.Level, filing.UnitCode, filing.TownshipCode);
        return new(filing.Id, filing.Month, unit.LevelWire, unit.LevelName, unit.Code, unit.Name, filing.TownshipCode, filing.Decisions,
            filing.FiledBy, filing.FiledAt, filing.Households, filing.OpenRisks, filing.OverdueVisits, filing.HouseholdsWithoutVisit);
    }
}

/// <summary>One unit that owes the month's analysis, and its filing if it has filed.</summary>
public sealed record FilingUnitStatus(string Level, string LevelName, string Code, string Name, string TownshipCode, bool Filed, FilingView? Filing);

/// <summary>The county's reminder to a township, as the township and the county see it.</summary>
public sealed record ReminderView(Guid Id, string Month, string TownshipCode, string TownshipName, string Message, int Unfiled, string SentBy, DateTimeOffset SentAt)
{
    public static ReminderView From(TownshipReminder reminder) => new(reminder.Id, reminder.Month, reminder.TownshipCode,
        Townships.NameOf(reminder.TownshipCode), reminder.Message, reminder.Unfiled, reminder.SentBy, reminder.SentAt);
}

/// <summary>
/// Who has filed a month's analysis inside the caller's jurisdiction and who has not (each township followed by its
/// villages), with the reminders the county sent for that month.
/// </summary>
public sealed record MonthlyFilingStatus(string Month, string ScopeName, int Filed, int Unfiled, IReadOnlyList<FilingUnitStatus> Units, IReadOnlyList<ReminderView> Reminders);
