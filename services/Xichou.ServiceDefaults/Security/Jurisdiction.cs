using System.Security.Claims;

namespace Xichou.ServiceDefaults.Security;

public enum JurisdictionLevel
{
    /// <summary>Sees no household: no role that reads this service, or a scoped role without its scope.</summary>
    None,
    County,
    Township,
    Village,
    /// <summary>The households paired with one cadre (挂钩帮扶), identified by the cadre's user name.</summary>
    Pairing,
}

/// <summary>
/// Which households a user may see in one service. Every query over households applies it in SQL (lists, counts,
/// exports), so nothing outside it is ever loaded.
/// </summary>
public sealed record Jurisdiction(JurisdictionLevel Level, string? Code = null)
{
    public static readonly Jurisdiction None = new(JurisdictionLevel.None);
    public static readonly Jurisdiction County = new(JurisdictionLevel.County);

    /// <summary>
    /// The widest jurisdiction among the user's roles that read <paramref name="service"/>: county-wide roles
    /// win over a township, a township over a village, a village over a pairing.
    /// </summary>
    public static Jurisdiction Of(ClaimsPrincipal user, string service)
    {
        var readers = ServiceAccess.ReadersOf(service);
        var roles = user.FindAll(XichouClaims.Role).Select(c => c.Value).Where(readers.Contains).ToHashSet(StringComparer.Ordinal);
        if (roles.Any(role => !Roles.IsScoped(role)))
        {
            return County;
        }
        if (roles.Contains(Roles.TownshipStaff) && Contracts.Townships.IsKnown(user.FindFirstValue(XichouClaims.Township)))
        {
            return new(JurisdictionLevel.Township, user.FindFirstValue(XichouClaims.Township));
        }
        if (roles.Contains(Roles.VillageMonitor) && Contracts.Villages.IsKnown(user.FindFirstValue(XichouClaims.Village)))
        {
            return new(JurisdictionLevel.Village, user.FindFirstValue(XichouClaims.Village));
        }
        if (roles.Contains(Roles.PairingCadre) && user.FindFirstValue(XichouClaims.Name) is { Length: > 0 } cadre)
        {
            return new(JurisdictionLevel.Pairing, cadre);
        }
        return None;
    }

    /// <summary>Whether a household at this place (and with this pairing) is inside the jurisdiction.</summary>
    public bool Covers(string townshipCode, string? villageCode, string? pairedCadre = null) => Level switch
    {
        JurisdictionLevel.County => true,
        JurisdictionLevel.Township => townshipCode == Code,
        JurisdictionLevel.Village => villageCode == Code,
        JurisdictionLevel.Pairing => pairedCadre is not null && pairedCadre == Code,
        _ => false,
    };

    /// <summary>In Chinese, for page headings: 全县, 兴街镇, 三光村, 挂钩户.</summary>
    public string DisplayName => Level switch
    {
        JurisdictionLevel.County => "全县",
        JurisdictionLevel.Township => Contracts.Townships.NameOf(Code!),
        JurisdictionLevel.Village => $"{Contracts.Townships.NameOf(Contracts.Villages.TownshipOf(Code!))}{Contracts.Villages.NameOf(Code!)}",
        JurisdictionLevel.Pairing => "挂钩帮扶户",
        _ => "无",
    };
}
