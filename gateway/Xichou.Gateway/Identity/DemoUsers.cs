using Xichou.ServiceDefaults.Security;

namespace Xichou.Gateway.Identity;

/// <summary>
/// With <c>Demo:Enabled</c>, one user per role named after it, plus scoped users in two townships and two villages
/// (listed in the README). Their password is for demonstrations only; without demo data no default password exists.
/// </summary>
public static class DemoUsers
{
    public const string Password = "Xichou#2021";

    /// <summary>
    /// Demo users share a published password: with <c>Demo:Enabled</c> outside Development the gateway refuses to start,
    /// unless <c>Demo:AllowOutsideDevelopment=true</c> says someone meant it (a demonstration server).
    /// </summary>
    public static void RefuseOutsideDevelopment(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.GetValue<bool>("Demo:Enabled") && !environment.IsDevelopment()
            && !configuration.GetValue<bool>("Demo:AllowOutsideDevelopment"))
        {
            throw new InvalidOperationException(
                $"Demo:Enabled is set in the {environment.EnvironmentName} environment: the demo users (admin, poverty-office, …) all have the "
                + $"published password {Password}. Turn Demo:Enabled off, or set Demo:AllowOutsideDevelopment=true if this is a demonstration server.");
        }
    }

    public static readonly IReadOnlyList<NewUser> All =
    [
        new("admin", "系统管理员", Password, Roles.Admin),
        new("county-leader", "县领导", Password, Roles.CountyLeader),
        new("poverty-office", "县扶贫开发局", Password, Roles.PovertyOffice),
        .. Roles.Departments.Select(role => new NewUser(role, Roles.DisplayName(role), Password, role)),
        .. Roles.DepartmentHeads.Select(role => new NewUser(role, Roles.DisplayName(role), Password, role)),
        new("township-xingjie", "兴街镇乡镇干部", Password, Roles.TownshipStaff, TownshipCode: "532623101"),
        new("township-xisa", "西洒镇乡镇干部", Password, Roles.TownshipStaff, TownshipCode: "532623100"),
        new("village-sanguang", "三光村监测员", Password, Roles.VillageMonitor, VillageCode: "532623101012"),
        new("village-longping", "龙坪村监测员", Password, Roles.VillageMonitor, VillageCode: "532623101007"),
        new("pairing-cadre", "挂钩干部", Password, Roles.PairingCadre),
        new("zone-xingjie", "兴街镇战区指挥长", Password, Roles.ZoneCommander, TownshipCode: "532623101"),
    ];
}
