namespace Xichou.Contracts;

/// <summary>
/// A department (or the monitoring service itself) found a risk in a household: a grade-D house, unsafe water, nobody
/// employed, no medical insurance. Monitoring puts it on the county's risk register, at village level.
/// </summary>
public sealed record RiskIdentified : IHouseholdEvent
{
    /// <summary>Identifies the finding, so the register records it once however often it is delivered.</summary>
    public required Guid RiskId { get; init; }

    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>The service that found it (<see cref="ServiceNames"/>).</summary>
    public required string Department { get; init; }

    /// <summary>What kind of risk, in the department's words (e.g. housing-grade-d, water-quality, no-medical-insurance).</summary>
    public required string Category { get; init; }

    /// <summary>low, medium or high.</summary>
    public required string Severity { get; init; }

    /// <summary>What was found, in Chinese, with its numbers.</summary>
    public required string Description { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A department's finding no longer holds: the fact that raised it changed (the house was rebuilt, the insurance bought,
/// someone in the household found work). The register closes the risk it opened for <see cref="RiskId"/> (the finding's
/// id from <see cref="RiskIdentified"/>) with this resolution. A finding that holds again later is a new finding: publish it under a new id.
/// </summary>
public sealed record FindingCleared : IHouseholdEvent
{
    /// <summary>The finding's id, as its <see cref="RiskIdentified"/> carried it.</summary>
    public required Guid RiskId { get; init; }

    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>The service that found it and now clears it (<see cref="ServiceNames"/>).</summary>
    public required string Department { get; init; }

    public required string Category { get; init; }

    /// <summary>What changed, in Chinese, with its numbers.</summary>
    public required string Resolution { get; init; }

    /// <summary>The user who recorded the change, or "system".</summary>
    public required string ClearedBy { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A risk nobody resolved was handed to the next level (村 → 乡镇 → 县), by a user or past the policy period.</summary>
public sealed record RiskEscalated : IHouseholdEvent
{
    public required Guid RiskId { get; init; }
    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>village, township or county.</summary>
    public required string FromLevel { get; init; }

    public required string ToLevel { get; init; }

    /// <summary>True when the policy period ran out; false when a user reported it up.</summary>
    public required bool Automatic { get; init; }

    public required string Category { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
