using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Xichou.Gateway.Security;

/// <summary>
/// Failed sign-in attempts per account name (<c>Auth:LoginRateLimit:PermitsPerAccountPerMinute</c>, default 10), whoever
/// sends them and from wherever: guessing one account's password from many addresses meets this limit, as guessing
/// from one address meets the per-address one. Any name counts, existing or not, so a 429 says nothing about which
/// names exist. Per replica, like the per-address limit; the lockout in the database holds across replicas.
/// </summary>
public sealed class AccountThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AccountThrottle(IOptions<LoginRateLimitOptions> options)
    {
        var permits = options.Value.PermitsPerAccountPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetFixedWindowLimiter(
            name, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>True while <paramref name="userName"/> has failures left this minute (a successful sign-in costs none).</summary>
    public bool MayAttempt(string userName)
    {
        using var lease = _limiter.AttemptAcquire(Key(userName), permitCount: 0);
        return lease.IsAcquired;
    }

    public void RecordFailure(string userName)
    {
        using var lease = _limiter.AttemptAcquire(Key(userName));
    }

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();

    public void Dispose() => _limiter.Dispose();
}
