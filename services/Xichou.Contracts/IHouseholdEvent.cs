namespace Xichou.Contracts;

/// <summary>
/// What every household event carries, so consumers can route and scope access without calling back.
/// </summary>
public interface IHouseholdEvent
{
    Guid HouseholdId { get; }
    string TownshipCode { get; }
    string Village { get; }
    DateTimeOffset OccurredAt { get; }
}
