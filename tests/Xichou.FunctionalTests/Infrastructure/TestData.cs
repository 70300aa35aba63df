using Xichou.Contracts;
using Xichou.ServiceDefaults.Auditing;

namespace Xichou.FunctionalTests.Infrastructure;

public static class TestData
{
    /// <summary>Who the tests act as when they call the registrar directly.</summary>
    public static readonly Actor Actor = new("functional-tests", "poverty-office");

    public static HouseholdRegistered NewHouseholdRegistered(string villageCode = "532623201001") => new()
    {
        HouseholdId = Guid.CreateVersion7(),
        HouseholdCode = $"{Villages.TownshipOf(villageCode)}-T{Guid.NewGuid():N}"[..30],
        TownshipCode = Villages.TownshipOf(villageCode),
        VillageCode = villageCode,
        Village = Villages.NameOf(villageCode),
        HeadName = "测试户主",
        HeadIdNumber = IdNumbers.New(),
        OccurredAt = DateTimeOffset.UtcNow,
    };

    /// <summary>What the register sends <paramref name="department"/> at <paramref name="registered"/>'s registration: the household and its head, as far as the share goes.</summary>
    public static HouseholdMembersShared MembersSharedFor(HouseholdRegistered registered, Department department)
    {
        var birth = IdNumber.BirthDateOf(registered.HeadIdNumber);
        SharedMember head = new()
        {
            // The head's id follows the household's, so announcing the same registration twice sends the same message.
            MemberId = registered.HouseholdId,
            Name = registered.HeadName,
            Relation = "head",
            Sex = (registered.HeadIdNumber[16] - '0') % 2 == 1 ? "male" : "female",
            BirthDate = birth,
            IdNumber = registered.HeadIdNumber,
            LabourCapacity = "able",
            SchoolStage = "notInSchool",
            HealthState = "healthy",
        };
        return new HouseholdMembersShared
        {
            Department = department.Key,
            Households =
            [
                new SharedHousehold
                {
                    HouseholdId = registered.HouseholdId,
                    TownshipCode = registered.TownshipCode,
                    Village = registered.Village,
                    VillageCode = registered.VillageCode,
                    HouseholdCode = registered.HouseholdCode,
                    HeadName = registered.HeadName,
                    HeadIdNumber = IdNumber.Mask(registered.HeadIdNumber),
                    RegisteredAt = registered.OccurredAt,
                    MemberCount = 1,
                    Members = department.MemberShare.Apply([head], Beijing.DateOf(registered.OccurredAt)),
                    OccurredAt = registered.OccurredAt,
                },
            ],
            OccurredAt = registered.OccurredAt,
        };
    }
}
