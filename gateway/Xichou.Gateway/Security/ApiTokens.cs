using System.Security.Claims;
using Microsoft.Extensions.Options;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Gateway.Security;

/// <summary>The two kinds of token the gateway signs: an API client's (audience xichou-api) and a service's (audience = service name).</summary>
public sealed class ApiTokens(GatewayKeys keys, IOptions<AuthOptions> options, SecurityStamps stamps, TimeProvider time)
{
    public TimeSpan ApiTokenLifetime => options.Value.ApiTokenLifetime;

    /// <summary>
    /// For <c>POST /auth/token</c>: the user's claims and a digest of their security stamp (checked at every request, so
    /// disabling the user or changing their password or role ends the token), valid at the gateway only.
    /// </summary>
    public string ForApiClient(ClaimsPrincipal user) =>
        ServiceTokens.Create([.. ServiceTokens.ClaimsToForward(user), stamps.ClaimFor(user)],
            AuthOptions.ApiAudience, keys.SigningKey, time.GetUtcNow(), options.Value.ApiTokenLifetime);

    /// <summary>For one proxied request to <paramref name="service"/>: short-lived, valid at that service only.</summary>
    public string ForService(ClaimsPrincipal user, string service) =>
        ServiceTokens.Create(ServiceTokens.ClaimsToForward(user), service, keys.SigningKey, time.GetUtcNow(), options.Value.ServiceTokenLifetime);
}
