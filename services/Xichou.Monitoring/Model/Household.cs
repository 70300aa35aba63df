using System.Security.Cryptography;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model;

/// <summary>A household on the county's monitoring register (边缘易致贫户台账); the register is the system of record.</summary>
public sealed class Household : IScopedHousehold
{
    private const string CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public Guid Id { get; private set; }

    /// <summary>Unique in the county: the township's code and eight characters no one will misread.</summary>
    public string Code { get; private set; } = "";

    public string TownshipCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";

    /// <summary>The village's name, kept beside its code for lists and exports.</summary>
    public string Village { get; private set; } = "";

    /// <summary>The user name of the cadre paired with the household (挂钩干部, measure 2), once paired.</summary>
    public string? PairedCadre { get; private set; }

    string? IScopedHousehold.VillageCode => VillageCode;
    public string HeadName { get; private set; } = "";
    public string HeadIdNumber { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }

    public static Household Register(string villageCode, string headName, string headIdNumber, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Code = $"{Villages.TownshipOf(villageCode)}-{RandomNumberGenerator.GetString(CodeAlphabet, 8)}",
        TownshipCode = Villages.TownshipOf(villageCode),
        VillageCode = villageCode,
        Village = Villages.NameOf(villageCode),
        HeadName = headName,
        HeadIdNumber = headIdNumber,
        RegisteredAt = now,
    };

    public void PairWith(string? cadreUserName) => PairedCadre = cadreUserName;

    public HouseholdRegistered ToRegisteredEvent() => new()
    {
        HouseholdId = Id,
        HouseholdCode = Code,
        TownshipCode = TownshipCode,
        Village = Village,
        VillageCode = VillageCode,
        HeadName = HeadName,
        HeadIdNumber = HeadIdNumber,
        OccurredAt = RegisteredAt,
    };
}
