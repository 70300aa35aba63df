namespace Xichou.Contracts;

/// <summary>
/// A risk reached the county's risk register (风险台账), whatever raised it: a visit's rule, a pairing cadre's visit, a
/// department's finding or a hotline complaint. Published by the monitoring service in the same save as the risk, so
/// whoever follows the register (the command centre) sees every risk once, under the register's own id.
/// </summary>
public sealed record RiskRegistered : IHouseholdEvent
{
    /// <summary>The register's id for the risk (not the department's finding id: that is <see cref="FindingId"/>).</summary>
    public required Guid RiskId { get; init; }

    /// <summary>The department's finding id (<see cref="RiskIdentified.RiskId"/>) when a department raised it.</summary>
    public Guid? FindingId { get; init; }

    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>visit, cadreVisit, department or hotline.</summary>
    public required string Source { get; init; }

    /// <summary>The department that found it (<see cref="ServiceNames"/>), when <see cref="Source"/> is department.</summary>
    public string? Department { get; init; }

    /// <summary>The register's category wire name (e.g. expenseSpike, incomeDrop, housing, water, employment).</summary>
    public required string Category { get; init; }

    /// <summary>low, medium or high.</summary>
    public required string Severity { get; init; }

    /// <summary>village, township or county: who owns it now (a new risk starts at village).</summary>
    public required string Level { get; init; }

    /// <summary>The Beijing date by which the owning level must resolve it before it goes up a level.</summary>
    public DateOnly? EscalationDueOn { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A risk on the register closed: verified by a monitoring visit against the exit rule, or cleared by the department
/// whose finding raised it (<see cref="FindingCleared"/>), or closed by its complaint's own handling.
/// </summary>
public sealed record RiskClosed : IHouseholdEvent
{
    public required Guid RiskId { get; init; }
    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    public required string Category { get; init; }

    /// <summary>The level that owned it when it closed.</summary>
    public required string Level { get; init; }

    /// <summary>verified (a verification visit), cleared (the department's re-check) or handled (a complaint's handling).</summary>
    public required string How { get; init; }

    public required string ClosedBy { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// Someone visited a household on the register. Only the monitoring team's visits keep the half-month cycle (每半月);
/// a pairing cadre's visit (回头看) counts for pairing, not for the cycle (<see cref="KeepsCycle"/>).
/// </summary>
public sealed record HouseholdVisited : IHouseholdEvent
{
    public required Guid VisitId { get; init; }
    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>The Beijing date of the visit (a back-dated visit carries its own date, not the day it was recorded).</summary>
    public required DateOnly VisitedOn { get; init; }

    /// <summary>True for the monitoring team's visit, false for a pairing cadre's.</summary>
    public required bool KeepsCycle { get; init; }

    /// <summary>How many days the cycle allows between visits under the policy in force on <see cref="VisitedOn"/>.</summary>
    public required int CycleDays { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A household was paired with a cadre (结对帮扶), or its pairing ended (<see cref="CadreId"/> null).</summary>
public sealed record CadrePaired : IHouseholdEvent
{
    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>The cadre now paired with the household; null when the household has none.</summary>
    public Guid? CadreId { get; init; }

    public string? CadreName { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A department recorded its check of a household (摸排) in its field: secured (e.g. the house is safe, the water is
/// safe, someone is employed), a problem to act on, or back to pending. Published by the department kit whenever a
/// household's survey status changes, so coverage against each measure is counted from events, not by calling back.
/// </summary>
public sealed record SurveyRecorded : IHouseholdEvent
{
    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>The department (<see cref="ServiceNames"/>).</summary>
    public required string Department { get; init; }

    /// <summary>pending, secured or problem.</summary>
    public required string Status { get; init; }

    /// <summary>
    /// Finer facts where one department serves more than one measure (e.g. employment's "trained" and "employed",
    /// insurance's "medical" and "poverty-prevention"): measure key → met. Empty when the status says it all.
    /// </summary>
    public IReadOnlyDictionary<string, bool> Measures { get; init; } = new Dictionary<string, bool>();

    public required DateTimeOffset OccurredAt { get; init; }
}
