using Xichou.Contracts;

namespace Xichou.ServiceDefaults.Households;

/// <summary>
/// A department's own copy of a household on the county register, kept from <see cref="HouseholdRegistered"/>
/// so the department never has to call the monitoring service to know who it serves.
/// </summary>
public sealed class KnownHousehold
{
    public required Guid Id { get; init; }
    public required string HouseholdCode { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public required string HeadName { get; init; }
    public required string HeadIdNumber { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    public static KnownHousehold From(HouseholdRegistered registered, DateTimeOffset receivedAt) => new()
    {
        Id = registered.HouseholdId,
        HouseholdCode = registered.HouseholdCode,
        TownshipCode = registered.TownshipCode,
        Village = registered.Village,
        HeadName = registered.HeadName,
        HeadIdNumber = registered.HeadIdNumber,
        RegisteredAt = registered.OccurredAt,
        ReceivedAt = receivedAt,
    };
}
