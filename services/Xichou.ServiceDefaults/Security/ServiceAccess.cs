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
        // The command centre is the county's overview: leaders and the poverty office that runs the county, and each
        // battle-zone commander for the zone's townships.
        ServiceNames.CommandCentre => [Roles.CountyLeader, Roles.PovertyOffice, Roles.ZoneCommander],
        _ when Roles.Departments.Contains(service) => [Roles.CountyLeader, .. StaffOf(service)],
        _ => [],
    };

    public static IReadOnlyList<string> WritersOf(string service) => service switch
    {
        ServiceNames.Monitoring => [Roles.PovertyOffice, Roles.TownshipStaff, Roles.VillageMonitor],
        _ when Roles.Departments.Contains(service) => StaffOf(service),
        _ => [],
    };

    /// <summary>A department's own people: its staff and its head.</summary>
    private static IReadOnlyList<string> StaffOf(string service) => [service, Departments.ByKey(service).HeadRole!];

    /// <summary>Who may refer a household from this service to a department, and withdraw the referral: its writers.</summary>
    public static IReadOnlyList<string> ReferralSendersOf(string service) => WritersOf(service);

    /// <summary>Who accepts, delivers or rejects what is referred to this service: its staff and head, if it takes referrals.</summary>
    public static IReadOnlyList<string> ReferralActorsOf(string service) =>
        Departments.Find(service) is { TakesReferrals: true } ? StaffOf(service) : [];

    /// <summary>
    /// Access follows the referral: besides its own readers, the roles that may read the basics (place, head, status; no
    /// member, no ID number) of a household this service holds, but only one they have a referral about. On the register
    /// that is every department's staff and head.
    /// </summary>
    public static IReadOnlyList<string> ReferralReadersOf(string service) => service switch
    {
        ServiceNames.Monitoring => [.. Roles.Departments, .. Roles.DepartmentHeads],
        _ => [],
    };

    /// <summary>
    /// Roles that may ask for a full ID number, phone or bank account, with a reason that is audited. County leaders
    /// read everything but always masked.
    /// </summary>
    public static IReadOnlyList<string> RevealersOf(string service) => service switch
    {
        ServiceNames.Monitoring => [Roles.PovertyOffice, Roles.TownshipStaff, Roles.VillageMonitor, Roles.PairingCadre],
        _ when Roles.Departments.Contains(service) => StaffOf(service),
        _ => [],
    };

    /// <summary>Who may search a service's audit log.</summary>
    public static IReadOnlyList<string> AuditorsOf(string service) => [Roles.PovertyOffice, Roles.Admin];

    /// <summary>
    /// The auditors who also read each line's reason and details (names, incomes, before and after values). Admin runs the
    /// platform and sees no household data: in a service's log it sees who did what, when and to which record, not the content.
    /// </summary>
    public static IReadOnlyList<string> AuditDetailReaders { get; } = [Roles.PovertyOffice];

    /// <summary>Who may read a service's error queues and replay a message from them (the poverty office runs the county's platform).</summary>
    public static IReadOnlyList<string> MessagingOperatorsOf(string service) => [Roles.PovertyOffice, Roles.Admin];

    /// <summary>The services whose pages a role can open, in portal order.</summary>
    public static IEnumerable<string> ServicesReadableBy(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return ServiceNames.All.Where(service => ReadersOf(service).Any(held.Contains));
    }
}
