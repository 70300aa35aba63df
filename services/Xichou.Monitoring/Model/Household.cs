using System.Security.Cryptography;
using Xichou.Contracts;

namespace Xichou.Monitoring.Model;

/// <summary>A household on the county's monitoring register (边缘易致贫户台账); the register is the system of record.</summary>
public sealed class Household
{
    private const string CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public Guid Id { get; private set; }

    /// <summary>Unique in the county: the township's code and eight characters no one will misread.</summary>
    public string Code { get; private set; } = "";

    public string TownshipCode { get; private set; } = "";
    public string Village { get; private set; } = "";
    public string HeadName { get; private set; } = "";
    public string HeadIdNumber { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }

    public static Household Register(string townshipCode, string village, string headName, string headIdNumber, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Code = $"{townshipCode}-{RandomNumberGenerator.GetString(CodeAlphabet, 8)}",
        TownshipCode = townshipCode,
        Village = village,
        HeadName = headName,
        HeadIdNumber = headIdNumber,
        RegisteredAt = now,
    };

    public HouseholdRegistered ToRegisteredEvent() => new()
    {
        HouseholdId = Id,
        HouseholdCode = Code,
        TownshipCode = TownshipCode,
        Village = Village,
        HeadName = HeadName,
        HeadIdNumber = HeadIdNumber,
        OccurredAt = RegisteredAt,
    };
}
