using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Data;

namespace Xichou.DepartmentKit.Findings;

/// <summary>
/// A department's finding put on the county's risk register (<see cref="RiskIdentified"/>), through the outbox in the
/// same SaveChanges as the department's own record of it. The finding's id is the department record's, so the register
/// holds it once however often it is delivered.
/// </summary>
public static class Findings
{
    /// <summary>The register keeps "{department}:{category}" in 64 characters.</summary>
    public const int MaxCategoryLength = 48;

    /// <summary>The register keeps a finding's explanation in 500 characters; a longer one is cut with an ellipsis here.</summary>
    public const int MaxDescriptionLength = 500;

    public static readonly IReadOnlyList<string> Severities = ["low", "medium", "high"];

    public static RiskIdentified Publish(
        ServiceDbContext db, Department department, KnownHousehold household, Guid findingId, string category, string severity,
        string description, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(category.Length, MaxCategoryLength, nameof(category));
        if (!Severities.Contains(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "A finding's severity is low, medium or high.");
        }
        if (description.Length > MaxDescriptionLength)
        {
            description = string.Concat(description.AsSpan(0, MaxDescriptionLength - 1), "…");
        }
        var finding = new RiskIdentified
        {
            RiskId = findingId,
            HouseholdId = household.Id,
            TownshipCode = household.TownshipCode,
            Village = household.Village,
            VillageCode = household.VillageCode,
            Department = department.Key,
            Category = category,
            Severity = severity,
            Description = description,
            OccurredAt = at,
        };
        db.AddIntegrationEvent(finding);
        return finding;
    }

    /// <summary>
    /// The finding <paramref name="findingId"/> no longer holds: publishes <see cref="FindingCleared"/> through the outbox in the
    /// same SaveChanges as the department's record of the change, so the register closes the risk it opened for it.
    /// </summary>
    public static FindingCleared Clear(
        ServiceDbContext db, Department department, KnownHousehold household, Guid findingId, string category, string resolution,
        string clearedBy, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(category.Length, MaxCategoryLength, nameof(category));
        if (resolution.Length > MaxDescriptionLength)
        {
            resolution = string.Concat(resolution.AsSpan(0, MaxDescriptionLength - 1), "…");
        }
        var cleared = new FindingCleared
        {
            RiskId = findingId,
            HouseholdId = household.Id,
            TownshipCode = household.TownshipCode,
            Village = household.Village,
            VillageCode = household.VillageCode,
            Department = department.Key,
            Category = category,
            Resolution = resolution,
            ClearedBy = clearedBy,
            OccurredAt = at,
        };
        db.AddIntegrationEvent(cleared);
        return cleared;
    }
}
