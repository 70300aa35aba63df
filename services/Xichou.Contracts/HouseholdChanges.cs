namespace Xichou.Contracts;

/// <summary>
/// A household's details on the register changed: its head, its size, its place. Carries the whole current picture,
/// so a department's copy takes the newest (by <see cref="OccurredAt"/>) and ignores an older one arriving late.
/// </summary>
public sealed record HouseholdDetailsChanged : IHouseholdEvent
{
    public required Guid HouseholdId { get; init; }
    public required string HouseholdCode { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }
    public required string HeadName { get; init; }

    /// <summary>Masked, as in <see cref="HouseholdRegistered.HeadIdNumber"/>.</summary>
    public required string HeadIdNumber { get; init; }

    public required int MemberCount { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A household's monitoring status changed (监测状态): monitored, risk eliminated (风险消除) or exited (退出监测). An exited
/// household shows as such in every department and gets no new work there.
/// </summary>
public sealed record HouseholdStatusChanged : IHouseholdEvent
{
    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>monitored, riskEliminated or exited.</summary>
    public required string Status { get; init; }

    public required string PreviousStatus { get; init; }

    /// <summary>The day the change takes effect (Beijing date).</summary>
    public required DateOnly On { get; init; }

    public required string Reason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// Households' members one department is told about, cut to what its work needs (<see cref="Department.MemberShare"/>):
/// sent to that department's queue alone, never published to all. A department told about members hears of a
/// registration this way (it does not take <see cref="HouseholdRegistered"/>), and of every later change of the members it
/// selects. One message carries every household of one save on the register (a registration, a batch, an import), at most
/// <see cref="MaxHouseholds"/>: a message, not a household, is what the broker and the outbox pay for.
/// </summary>
public sealed record HouseholdMembersShared
{
    public const int MaxHouseholds = 200;

    /// <summary>The department it is for (<see cref="ServiceNames"/>).</summary>
    public required string Department { get; init; }

    public required IReadOnlyList<SharedHousehold> Households { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// One household in <see cref="HouseholdMembersShared"/>: its basics, so a department can open its copy from it, and the
/// whole list of the members the department selects — it replaces what the department held, unless it holds a newer list.
/// </summary>
public sealed record SharedHousehold : IHouseholdEvent
{
    public required Guid HouseholdId { get; init; }
    public required string HouseholdCode { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }
    public required string HeadName { get; init; }

    /// <summary>Masked.</summary>
    public required string HeadIdNumber { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>How many people live in the household (the department may be told of fewer).</summary>
    public required int MemberCount { get; init; }

    public required IReadOnlyList<SharedMember> Members { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A department asks the register for its copy again (a new database, a restored backup). The monitoring service answers
/// with one <see cref="HouseholdSnapshot"/> per household on the register, sent to that department alone.
/// </summary>
public sealed record HouseholdResyncRequested
{
    public required Guid RequestId { get; init; }
    public required string Department { get; init; }
    public required string RequestedBy { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>One household as the register holds it now, for one department's copy: its details, status and shared members.</summary>
public sealed record HouseholdSnapshot : IHouseholdEvent
{
    public required Guid RequestId { get; init; }
    public required string Department { get; init; }
    public required Guid HouseholdId { get; init; }
    public required string HouseholdCode { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }
    public required string HeadName { get; init; }

    /// <summary>Masked.</summary>
    public required string HeadIdNumber { get; init; }

    public required int MemberCount { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>monitored, riskEliminated or exited, and since when.</summary>
    public required string Status { get; init; }

    public required DateOnly StatusOn { get; init; }
    public required IReadOnlyList<SharedMember> Members { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
