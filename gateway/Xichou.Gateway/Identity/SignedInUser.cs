using System.Security.Claims;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Gateway.Identity;

/// <summary>The signed-in user as pages show them: name, roles in Chinese, and the township or village they work in.</summary>
public sealed record SignedInUser(string UserName, string DisplayName, IReadOnlyList<string> Roles, string? PlaceName)
{
    public string RoleNames => string.Join("、", Roles.Select(ServiceDefaults.Security.Roles.DisplayName));

    public static SignedInUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var roles = principal.FindAll(XichouClaims.Role).Select(c => c.Value).ToList();
        var village = principal.FindFirstValue(XichouClaims.Village);
        var township = principal.FindFirstValue(XichouClaims.Township);
        var place = village is { Length: > 0 } ? $"{Townships.NameOf(Villages.TownshipOf(village))}{Villages.NameOf(village)}"
            : township is { Length: > 0 } ? Townships.NameOf(township)
            : null;
        var userName = principal.FindFirstValue(XichouClaims.Name) ?? "";
        return new SignedInUser(userName, principal.FindFirstValue(XichouClaims.DisplayName) ?? userName, roles, place);
    }
}
