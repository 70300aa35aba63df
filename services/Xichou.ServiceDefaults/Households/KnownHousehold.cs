using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.ServiceDefaults.Households;

/// <summary>
/// A department's own copy of a household on the county register, kept from <see cref="HouseholdRegistered"/>
/// so the department never has to call the monitoring service to know who it serves, and the department's survey of it.
/// </summary>
public sealed class KnownHousehold : IScopedHousehold
{
    public required Guid Id { get; init; }
    public required string HouseholdCode { get; init; }
    public required string TownshipCode { get; init; }
    public string? VillageCode { get; init; }
    public required string Village { get; init; }
    public required string HeadName { get; init; }
    public required string HeadIdNumber { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Not known to departments yet: pairing is the monitoring service's.</summary>
    public string? PairedCadre { get; init; }

    /// <summary>The department's own check of the household (摸排): pending until someone records it.</summary>
    public SurveyStatus SurveyStatus { get; private set; }

    public string? SurveyNote { get; private set; }
    public string? SurveyedBy { get; private set; }
    public DateTimeOffset? SurveyedAt { get; private set; }

    public void RecordSurvey(SurveyStatus status, string? note, string surveyedBy, DateTimeOffset at)
    {
        SurveyStatus = status;
        SurveyNote = note;
        SurveyedBy = surveyedBy;
        SurveyedAt = at;
    }

    public static KnownHousehold From(HouseholdRegistered registered, DateTimeOffset receivedAt) => new()
    {
        Id = registered.HouseholdId,
        HouseholdCode = registered.HouseholdCode,
        TownshipCode = registered.TownshipCode,
        VillageCode = registered.VillageCode,
        Village = registered.Village,
        HeadName = registered.HeadName,
        HeadIdNumber = registered.HeadIdNumber,
        RegisteredAt = registered.OccurredAt,
        ReceivedAt = receivedAt,
    };
}

/// <summary>A department's finding for a household: nothing checked yet, all secured in its field, or a problem to act on.</summary>
public enum SurveyStatus
{
    Pending,
    Secured,
    Problem,
}
