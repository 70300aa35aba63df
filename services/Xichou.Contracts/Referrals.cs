namespace Xichou.Contracts;

/// <summary>
/// A referral (转办) of a household from one service to a department, as it stands after a transition. Every referral
/// event carries the whole of it, so whoever keeps a copy (sender, receiver, the register, the command centre) can
/// build or update its copy from any one event, in whatever order they arrive.
/// </summary>
public sealed record ReferralSnapshot
{
    public required Guid ReferralId { get; init; }
    public required Guid HouseholdId { get; init; }
    public string? HouseholdCode { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>The service that referred it (<see cref="ServiceNames"/>).</summary>
    public required string FromService { get; init; }

    /// <summary>The department asked to act (<see cref="ServiceNames"/>).</summary>
    public required string ToDepartment { get; init; }

    /// <summary>The risk on the monitoring register this referral works on, if any: the risk closes only once it is resolved.</summary>
    public Guid? RiskId { get; init; }

    public required string Request { get; init; }
    public required string RequestedBy { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>The last working day to deliver it, by the receiving department's deadline (Beijing date).</summary>
    public required DateOnly DueOn { get; init; }

    /// <summary>requested, accepted, delivered, rejected or withdrawn.</summary>
    public required string Status { get; init; }

    /// <summary>none, department-head (past due) or command-centre (still open well past due).</summary>
    public required string Escalation { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    public string? AcceptedBy { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>What was done, when delivered.</summary>
    public string? Outcome { get; init; }

    /// <summary>Money paid, when the delivery involved money (yuan, two places).</summary>
    public decimal? AmountYuan { get; init; }

    /// <summary>not-eligible, duplicate, household-refused, cannot-contact or other, when rejected.</summary>
    public string? RejectReason { get; init; }

    /// <summary>The rejection's or the withdrawal's explanation.</summary>
    public string? Note { get; init; }

    public string? ClosedBy { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
}

/// <summary>What every referral event carries: the referral as it now stands, who moved it and when.</summary>
public abstract record ReferralEvent : IHouseholdEvent
{
    public required ReferralSnapshot Referral { get; init; }

    /// <summary>The user (or "system" for a deadline) who made this transition.</summary>
    public required string By { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public Guid HouseholdId => Referral.HouseholdId;
    public string TownshipCode => Referral.TownshipCode;
    public string Village => Referral.Village;
}

/// <summary>A service referred a household to a department, with a due date.</summary>
public sealed record ReferralRequested : ReferralEvent;

/// <summary>The receiving department took the referral on.</summary>
public sealed record ReferralAccepted : ReferralEvent;

/// <summary>The receiving department did what was asked (outcome; amount where money was paid).</summary>
public sealed record ReferralDelivered : ReferralEvent;

/// <summary>The receiving department turned the referral down, with a reason from the list.</summary>
public sealed record ReferralRejected : ReferralEvent;

/// <summary>The sender took the referral back while it was open.</summary>
public sealed record ReferralWithdrawn : ReferralEvent;

/// <summary>
/// A referral went past its due date: first to the receiving department's head, then to the county command centre.
/// <see cref="ReferralSnapshot.Escalation"/> says which.
/// </summary>
public sealed record ReferralEscalated : ReferralEvent;
