namespace Xichou.CommandCentre.Feed;

/// <summary>
/// One consumed event, kept as it arrived so the overview's tables can be rebuilt from it (事件库). Written in the same
/// transaction as the inbox claim and the projections it changed; <see cref="Sequence"/> is the order it was applied in,
/// and a rebuild replays in that order.
/// </summary>
public sealed class FeedEvent
{
    public long Sequence { get; set; }
    public Guid MessageId { get; set; }

    /// <summary>The service that published it (monitoring, a department).</summary>
    public string Source { get; set; } = "";

    /// <summary>The contract's name (e.g. RiskRegistered).</summary>
    public string Type { get; set; } = "";

    /// <summary>The message as JSON (web defaults, camelCase).</summary>
    public string Body { get; set; } = "";

    public Guid HouseholdId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>A household on the county's register, as the events have told the command centre.</summary>
public sealed class HouseholdProjection
{
    public Guid Id { get; set; }
    public string HouseholdCode { get; set; } = "";
    public string TownshipCode { get; set; } = "";

    /// <summary>The village committee code, or its name when an event carried no code.</summary>
    public string VillageKey { get; set; } = "";
    public string Village { get; set; } = "";
    public string HeadName { get; set; } = "";
    public string HeadIdNumber { get; set; } = "";

    /// <summary>monitored, riskEliminated, exited; null while only other events than its registration have arrived.</summary>
    public string? Status { get; set; }
    public DateTimeOffset? RegisteredAt { get; set; }
    public DateTimeOffset DetailsAsOf { get; set; }
    public DateTimeOffset StatusAsOf { get; set; }

    /// <summary>The last visit of the monitoring team (the half-month cycle), and the days the cycle allowed then.</summary>
    public DateOnly? LastCycleVisitOn { get; set; }
    public int? CycleDays { get; set; }
    public DateOnly? LastVisitOn { get; set; }

    public Guid? CadreId { get; set; }
    public string? CadreName { get; set; }
    public DateTimeOffset PairingAsOf { get; set; }
}

/// <summary>One measure's fact about one household (住房安全, 至少一人就业…), from a department's survey.</summary>
public sealed class MeasureFact
{
    public Guid HouseholdId { get; set; }
    public string Measure { get; set; } = "";
    public string Department { get; set; } = "";
    public bool Met { get; set; }
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>A risk on the register (or a department's finding not yet seen on the register).</summary>
public sealed class RiskProjection
{
    /// <summary>The register's id; the finding id while only the department's <c>RiskIdentified</c> has arrived.</summary>
    public Guid RiskId { get; set; }
    public Guid? FindingId { get; set; }

    /// <summary>True while the row stands for a finding the register has not announced yet.</summary>
    public bool Provisional { get; set; }
    public Guid HouseholdId { get; set; }
    public string TownshipCode { get; set; } = "";
    public string VillageKey { get; set; } = "";
    public string Source { get; set; } = "";
    public string? Department { get; set; }
    public string Category { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Level { get; set; } = "village";
    public DateOnly? EscalationDueOn { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedHow { get; set; }
}

/// <summary>A risk going up a level (村→乡镇→县): kept one row each, for the monthly trend and the year-end table.</summary>
public sealed class EscalationRecord
{
    public Guid MessageId { get; set; }
    public Guid RiskId { get; set; }
    public Guid HouseholdId { get; set; }
    public string TownshipCode { get; set; } = "";
    public string VillageKey { get; set; } = "";
    public string FromLevel { get; set; } = "";
    public string ToLevel { get; set; } = "";
    public bool Automatic { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A referral to a department, as its latest snapshot says.</summary>
public sealed class ReferralProjection
{
    public Guid ReferralId { get; set; }
    public Guid HouseholdId { get; set; }
    public string TownshipCode { get; set; } = "";
    public string VillageKey { get; set; } = "";
    public string FromService { get; set; } = "";
    public string Department { get; set; } = "";
    public Guid? RiskId { get; set; }

    /// <summary>requested, accepted, delivered, rejected, withdrawn.</summary>
    public string Status { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string Escalation { get; set; } = "none";
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>A payment to a household (补贴/资助/救助), against its cap where the measure has one.</summary>
public sealed class PaymentProjection
{
    public Guid PaymentId { get; set; }
    public Guid HouseholdId { get; set; }
    public string TownshipCode { get; set; } = "";
    public string VillageKey { get; set; } = "";
    public string Department { get; set; } = "";
    public string Measure { get; set; } = "";
    public string KindName { get; set; } = "";
    public decimal AmountYuan { get; set; }
    public DateOnly PaidOn { get; set; }
    public string? CapName { get; set; }
    public decimal? CapYuan { get; set; }
    public decimal? HeadroomAfterYuan { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
