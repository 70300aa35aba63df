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
    public static RiskIdentified Publish(
        ServiceDbContext db, Department department, KnownHousehold household, Guid findingId, string category, string severity,
        string description, DateTimeOffset at)
    {
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
}
