namespace Xichou.Contracts;

/// <summary>
/// The poverty office has put a household on the monitoring register (边缘易致贫户台账), published to all. A department
/// told about no member (water, the command centre) opens its copy from this event; one told about members opens it from
/// the <see cref="HouseholdMembersShared"/> the register sends it alone at the same time.
/// </summary>
public sealed record HouseholdRegistered : IHouseholdEvent
{
    public required Guid HouseholdId { get; init; }
    public required string HouseholdCode { get; init; }
    public required string TownshipCode { get; init; }
    /// <summary>The village's name.</summary>
    public required string Village { get; init; }

    /// <summary>The village committee's code (<see cref="Villages"/>); absent in events published before it was added.</summary>
    public string? VillageCode { get; init; }
    public required string HeadName { get; init; }

    /// <summary>
    /// Masked (<c>532623********1238</c>) since the department kit: the event reaches every service, the command centre
    /// included, so it carries no full ID number. A department whose work needs members' numbers receives them in
    /// <see cref="HouseholdMembersShared"/>, sent to it alone (<see cref="MemberShare"/>).
    /// </summary>
    public required string HeadIdNumber { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>How many people live in the household when it is registered; absent in events published before it was added.</summary>
    public int? MemberCount { get; init; }
}
