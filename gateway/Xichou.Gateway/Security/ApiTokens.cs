using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
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

    /// <summary>Tokens kept for reuse; past this many (users × services), the cache starts again.</summary>
    private const int MaxCachedServiceTokens = 10_000;

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset IssuedAt)> _serviceTokens = new(StringComparer.Ordinal);

    /// <summary>
    /// For a proxied request to <paramref name="service"/>: short-lived, valid at that service only. The same claims for
    /// the same service get the same token until half its lifetime has passed: signing one (ES256) for every request held
    /// the gateway to 3,750 requests a second where reuse gives 4,085 (issue 13, P3). A user whose role, name or place
    /// changes has other claims and so a new token at once; one disabled, or whose password or role changes, is refused
    /// at the gateway (its security stamp) before anything is forwarded.
    /// </summary>
    public string ForService(ClaimsPrincipal user, string service)
    {
        var claims = ServiceTokens.ClaimsToForward(user).ToList();
        var key = CacheKey(service, claims);
        var now = time.GetUtcNow();
        var lifetime = options.Value.ServiceTokenLifetime;
        if (_serviceTokens.TryGetValue(key, out var cached) && now >= cached.IssuedAt && now - cached.IssuedAt < lifetime / 2)
        {
            return cached.Token;
        }
        var token = ServiceTokens.Create(claims, service, keys.SigningKey, now, lifetime);
        if (_serviceTokens.Count >= MaxCachedServiceTokens)
        {
            _serviceTokens.Clear();
        }
        _serviceTokens[key] = (token, now);
        return token;
    }

    /// <summary>The audience and every claim forwarded, separated by control characters no claim value holds.</summary>
    private static string CacheKey(string service, List<Claim> claims)
    {
        var key = new StringBuilder(service);
        foreach (var claim in claims)
        {
            key.Append('\u001e').Append(claim.Type).Append('\u001f').Append(claim.Value);
        }
        return key.ToString();
    }
}
