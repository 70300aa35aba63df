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

    /// <summary>村民小组, if known.</summary>
    public string? VillagerGroup { get; private set; }

    /// <summary>人均纯收入 (yuan per person per year), as registered and then as the latest visit found it.</summary>
    public decimal PerCapitaIncome { get; private set; }

    public HouseholdStatus Status { get; private set; }
    public DateOnly StatusChangedOn { get; private set; }

    /// <summary>
    /// The day of the monitoring team's latest visit (routine or verification); the half-monthly cycle runs from it. A
    /// pairing cadre's visit (回头看) does not move it (<see cref="VisitKinds.KeepsTheCycle"/>).
    /// </summary>
    public DateOnly? LastVisitOn { get; private set; }

    /// <summary>The members, the head first (<see cref="Member.Position"/> 0).</summary>
    public List<Member> Members { get; private set; } = [];

    public List<HouseholdStatusChange> StatusChanges { get; private set; } = [];

    /// <summary>The day of registration in Beijing time, where the cycle of a never-visited household starts.</summary>
    public DateOnly RegisteredOn => Beijing.DateOf(RegisteredAt);

    public void Describe(string? villagerGroup, decimal perCapitaIncome)
    {
        VillagerGroup = villagerGroup;
        PerCapitaIncome = perCapitaIncome;
    }

    /// <summary>
    /// A monitoring-team visit moves the cycle on (only forward: a late-entered older visit does not); the income follows the
    /// latest visit of any kind (<paramref name="latestOfAny"/>: no visit of the household is dated after it).
    /// </summary>
    public void Visited(Visit visit, bool latestOfAny)
    {
        if (visit.Kind.KeepsTheCycle() && (LastVisitOn is null || visit.VisitedOn >= LastVisitOn))
        {
            LastVisitOn = visit.VisitedOn;
        }
        if (latestOfAny)
        {
            PerCapitaIncome = visit.PerCapitaIncome;
        }
    }

    /// <summary>Changes the status with its date and reason, kept in <see cref="StatusChanges"/>; false if it is already so.</summary>
    public bool ChangeStatus(HouseholdStatus to, DateOnly on, string reason, string changedBy)
    {
        if (to == Status)
        {
            return false;
        }
        StatusChanges.Add(HouseholdStatusChange.Record(Id, on, Status, to, reason, changedBy));
        Status = to;
        StatusChangedOn = on;
        return true;
    }

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
        Status = HouseholdStatus.Monitored,
        StatusChangedOn = Beijing.DateOf(now),
    };

    public void PairWith(string? cadreUserName) => PairedCadre = cadreUserName;

    /// <summary>
    /// The registration as every service hears it: the head's ID number masked, because it is published to all (the
    /// departments that need members' numbers are sent them alone, <see cref="HouseholdMembersShared"/>).
    /// </summary>
    public HouseholdRegistered ToRegisteredEvent() => new()
    {
        HouseholdId = Id,
        HouseholdCode = Code,
        TownshipCode = TownshipCode,
        Village = Village,
        VillageCode = VillageCode,
        HeadName = HeadName,
        HeadIdNumber = Contracts.IdNumber.Mask(HeadIdNumber),
        MemberCount = Members.Count,
        OccurredAt = RegisteredAt,
    };

    /// <summary>The head's name changed (a correction, or the head's member record renamed).</summary>
    public void RenameHead(string headName) => HeadName = headName;
}
