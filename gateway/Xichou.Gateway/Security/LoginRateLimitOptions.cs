namespace Xichou.Gateway.Security;

/// <summary>
/// How many sign-in attempts (login form posts and token requests together) one client address may make per
/// minute (<c>Auth:LoginRateLimit</c>). The limit is per gateway replica; the lockout after five failures, kept in the
/// database, is what holds across replicas.
/// </summary>
public sealed class LoginRateLimitOptions
{
    public const string SectionName = "Auth:LoginRateLimit";

    public int PermitsPerMinute { get; set; } = 10;

    /// <summary>Attempts per account name per minute, from all addresses together (see <see cref="AccountThrottle"/>).</summary>
    public int PermitsPerAccountPerMinute { get; set; } = 10;
}
