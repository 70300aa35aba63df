using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Gateway.Identity;

/// <summary>
/// The user's principal as the cookie and the tokens carry it: Identity's sub, name and role claims (their types set
/// to the short JWT names in <see cref="XichouIdentityOptions"/>), plus display_name and the township or village.
/// </summary>
public sealed class XichouClaimsFactory(
    UserManager<XichouUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<XichouUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(XichouUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(XichouClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        // One claim per township: a battle-zone commander's field holds the zone's townships (ZoneTownships).
        foreach (var township in ZoneTownships.Split(user.TownshipCode))
        {
            identity.AddClaim(new Claim(XichouClaims.Township, township));
        }
        if (!string.IsNullOrEmpty(user.VillageCode))
        {
            identity.AddClaim(new Claim(XichouClaims.Village, user.VillageCode));
        }
        return identity;
    }
}

public static class XichouIdentityOptions
{
    /// <summary>
    /// Password and lockout rules, and the claim types Identity writes: sub, name, role, so the cookie principal,
    /// the API token and the service token all read the same way.
    /// </summary>
    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = 10;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
        options.ClaimsIdentity.UserIdClaimType = XichouClaims.Subject;
        options.ClaimsIdentity.UserNameClaimType = XichouClaims.Name;
        options.ClaimsIdentity.RoleClaimType = XichouClaims.Role;
    }
}
