using System.Security.Claims;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.CommandCentre.Overview;

/// <summary>
/// Who reads the overview and how far: the poverty office the whole county with names; county leaders the whole county
/// with names masked; a battle-zone commander (战区指挥长) the townships of the zone (their township claims), names
/// masked. Any other role, admin included (who holds no household data), reads nothing here (403).
/// </summary>
public sealed record OverviewScope(IReadOnlySet<string>? Townships, bool ShowsNames, string Name)
{
    public const string Policy = "command-centre:overview";

    /// <summary>The roles the overview policy admits.</summary>
    public static readonly IReadOnlyList<string> Readers = [Roles.PovertyOffice, Roles.CountyLeader, Roles.ZoneCommander];

    public bool IsCounty => Townships is null;

    public bool Covers(string townshipCode) => Townships is null || Townships.Contains(townshipCode);

    public static OverviewScope? Of(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.PovertyOffice))
        {
            return new(null, ShowsNames: true, "全县");
        }
        if (user.IsInRole(Roles.CountyLeader))
        {
            return new(null, ShowsNames: false, "全县");
        }
        if (user.IsInRole(Roles.ZoneCommander))
        {
            var townships = user.FindAll(XichouClaims.Township).Select(c => c.Value).Where(Contracts.Townships.IsKnown)
                .ToHashSet(StringComparer.Ordinal);
            return new(townships, ShowsNames: false,
                townships.Count == 0 ? "无" : string.Join("、", townships.Order(StringComparer.Ordinal).Select(Contracts.Townships.NameOf)));
        }
        return null;
    }
}
