using Xichou.Contracts;

namespace Xichou.ServiceDefaults.Security;

/// <summary>
/// Which roles may read, write and unmask personal data in which service: the one table the services'
/// authorization policies are built from. Jurisdiction (which households) is a separate question, answered by
/// <see cref="Jurisdiction"/> in every query.
/// </summary>
public static class ServiceAccess
{
    public static IReadOnlyList<string> ReadersOf(string service) => service switch
    {
        ServiceNames.Monitoring => [Roles.CountyLeader, Roles.PovertyOffice, Roles.TownshipStaff, Roles.VillageMonitor, Roles.PairingCadre],
        // The command centre is the county's overview: leaders and the poverty office that runs the county.
        ServiceNames.CommandCentre => [Roles.CountyLeader, Roles.PovertyOffice],
        _ when Roles.Departments.Contains(service) => [Roles.CountyLeader, service],
        _ => [],
    };

    public static IReadOnlyList<string> WritersOf(string service) => service switch
    {
        ServiceNames.Monitoring => [Roles.PovertyOffice, Roles.TownshipStaff, Roles.VillageMonitor],
        _ when Roles.Departments.Contains(service) => [service],
        _ => [],
    };

    /// <summary>
    /// Roles that may ask for a full ID number, phone or bank account, with a reason that is audited. County leaders
    /// read everything but always masked.
    /// </summary>
    public static IReadOnlyList<string> RevealersOf(string service) => service switch
    {
        ServiceNames.Monitoring => [Roles.PovertyOffice, Roles.TownshipStaff, Roles.VillageMonitor, Roles.PairingCadre],
        _ when Roles.Departments.Contains(service) => [service],
        _ => [],
    };

    /// <summary>Who may search a service's audit log.</summary>
    public static IReadOnlyList<string> AuditorsOf(string service) => [Roles.PovertyOffice, Roles.Admin];

    /// <summary>The services whose pages a role can open, in portal order.</summary>
    public static IEnumerable<string> ServicesReadableBy(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return ServiceNames.All.Where(service => ReadersOf(service).Any(held.Contains));
    }
}
