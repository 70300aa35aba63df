namespace Xichou.ServiceDefaults.Security;

/// <summary>The platform's roles. A user's jurisdiction comes with the role (see <see cref="Jurisdiction"/>).</summary>
public static class Roles
{
    /// <summary>Users and roles only; no household data.</summary>
    public const string Admin = "admin";

    /// <summary>Reads everything, names and ID numbers masked.</summary>
    public const string CountyLeader = "county-leader";

    /// <summary>县扶贫开发局: the monitoring service, whole county.</summary>
    public const string PovertyOffice = "poverty-office";

    public const string Housing = "housing";
    public const string Agriculture = "agriculture";
    public const string Employment = "employment";
    public const string Education = "education";
    public const string Water = "water";
    public const string Insurance = "insurance";

    /// <summary>乡镇干部: bound to one township (claim <see cref="XichouClaims.Township"/>).</summary>
    public const string TownshipStaff = "township-staff";

    /// <summary>村级监测员: bound to one village (claim <see cref="XichouClaims.Village"/>).</summary>
    public const string VillageMonitor = "village-monitor";

    /// <summary>挂钩干部: bound to the households paired with them (by user name).</summary>
    public const string PairingCadre = "pairing-cadre";

    /// <summary>
    /// 战区指挥长: a county leader commanding a battle zone, who runs the command centre for their townships only (one
    /// <see cref="XichouClaims.Township"/> claim per township of the zone).
    /// </summary>
    public const string ZoneCommander = "zone-commander";

    /// <summary>The department roles, each the role of the service with the same name (<see cref="Contracts.Departments"/>).</summary>
    public static readonly IReadOnlyList<string> Departments = [Housing, Agriculture, Employment, Education, Water, Insurance];

    /// <summary>
    /// The head of each department (负责人): works as the department's staff do and answers for what goes past its
    /// deadline; referrals past due escalate to them.
    /// </summary>
    public static readonly IReadOnlyList<string> DepartmentHeads =
        [.. Contracts.Departments.WithMeasures.Select(d => d.HeadRole!)];

    public static readonly IReadOnlyList<string> All =
        [Admin, CountyLeader, PovertyOffice, .. Departments, .. DepartmentHeads, TownshipStaff, VillageMonitor, PairingCadre, ZoneCommander];

    /// <summary>Roles whose users carry a township, a village or a pairing as their jurisdiction.</summary>
    public static bool IsScoped(string role) => role is TownshipStaff or VillageMonitor or PairingCadre or ZoneCommander;

    /// <summary>Each department role is spelt as its service's name (a unit test keeps that true).</summary>
    public static bool IsDepartmentOf(string role, string serviceName) =>
        Departments.Contains(role) && role == serviceName;

    /// <summary>The department <paramref name="role"/> works in (its staff or its head), if any.</summary>
    public static Contracts.Department? DepartmentOf(string role) =>
        Departments.Contains(role) || DepartmentHeads.Contains(role) ? Contracts.Departments.OfRole(role) : null;

    /// <summary>Chinese display names, for pages; a department's is its bureau's from the catalogue.</summary>
    public static string DisplayName(string role) => role switch
    {
        Admin => "系统管理员",
        CountyLeader => "县领导",
        PovertyOffice => "县扶贫开发局",
        TownshipStaff => "乡镇干部",
        VillageMonitor => "村级监测员",
        PairingCadre => "挂钩干部",
        ZoneCommander => "战区指挥长",
        _ when DepartmentOf(role) is { } department => department.HeadRole == role ? $"{department.Bureau}负责人" : department.Bureau,
        _ => role,
    };
}

/// <summary>Claim types in the tokens the gateway issues (short JWT names, not the WS-* URIs).</summary>
public static class XichouClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string DisplayName = "display_name";
    public const string Role = "role";

    /// <summary>The township code (532623xxx) of a township-staff user.</summary>
    public const string Township = "township";

    /// <summary>The village code (532623xxxyyy) of a village monitor.</summary>
    public const string Village = "village";
}
