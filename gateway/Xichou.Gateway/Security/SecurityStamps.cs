using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Xichou.Gateway.Identity;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Gateway.Security;

/// <summary>
/// Whether a sign-in (a cookie, an API token) still stands for the account as it is: Identity changes a user's
/// security stamp when they are disabled, their password is reset or their role or place changes, and the gateway
/// compares it on every request. The stamp is read from the database at most every
/// <see cref="CacheFor"/> per user; a change made on this replica is seen at the next request, one made on
/// another replica within that time.
/// </summary>
public sealed class SecurityStamps(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, TimeProvider time)
{
    /// <summary>The claim in an API token: a digest of the stamp, not the stamp itself.</summary>
    public const string ClaimType = "stamp";

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    public static string Digest(string stamp) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(stamp)).AsSpan(0, 16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The claim to put in an API token for <paramref name="principal"/> (built by Identity, so it carries the stamp).</summary>
    public Claim ClaimFor(ClaimsPrincipal principal)
    {
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType)
            ?? throw new InvalidOperationException("The principal has no security stamp.");
        return new Claim(ClaimType, Digest(stamp));
    }

    /// <summary>An API token's principal: its stamp digest matches the user's current stamp.</summary>
    public async Task<bool> TokenIsCurrentAsync(ClaimsPrincipal principal)
    {
        var digest = principal.FindFirstValue(ClaimType);
        var stamp = await CurrentAsync(principal);
        return digest is not null && stamp is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(digest), Encoding.ASCII.GetBytes(Digest(stamp)));
    }

    /// <summary>A cookie's principal: the stamp Identity put in it is the user's current one.</summary>
    public async Task<bool> CookieIsCurrentAsync(ClaimsPrincipal principal)
    {
        var claimed = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var stamp = await CurrentAsync(principal);
        return claimed is not null && stamp is not null && string.Equals(claimed, stamp, StringComparison.Ordinal);
    }

    public void Forget(string userId) => _cache.TryRemove(userId, out _);

    private async Task<string?> CurrentAsync(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(XichouClaims.Subject);
        if (userId is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(userId, out var cached) && now - cached.ReadAt < CacheFor)
        {
            return cached.Stamp;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<XichouUser>>();
        var user = await users.FindByIdAsync(userId);
        // A disabled account's stamp changed when it was disabled; checking the lockout too covers one disabled by hand in the database.
        var stamp = user is null || user.LockoutEnd == UserAdministration.Disabled ? null : user.SecurityStamp;
        _cache[userId] = (stamp, now);
        return stamp;
    }
}
