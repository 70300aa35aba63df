using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xichou.Gateway.Identity;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>
/// Guessing passwords: the per-address limit cannot be dodged with X-Forwarded-For from an untrusted caller, a
/// configured proxy's header is honoured, one account meets its own limit from any number of addresses, and a locked
/// account costs the same password hash and gets the same 401 as a wrong password or an unknown name.
/// </summary>
public class LoginThrottleTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> AttemptAsync(HttpClient client, string userName, string? forwardedFor = null, string password = "Wrong#Password1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/token", UriKind.Relative))
        {
            Content = JsonContent.Create(new { username = userName, password }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        using var response = await client.SendAsync(request, Cancellation);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_caller_on_the_gateways_machine_cannot_dodge_the_address_limit_with_X_Forwarded_For()
    {
        await using var host = await GatewayHost.StartAsync(
            new Dictionary<string, string?> { ["Auth:LoginRateLimit:PermitsPerMinute"] = null },
            GatewayHost.CallersFrom(IPAddress.Loopback));
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            // A new name each time too, so only the address limit can answer 429.
            statuses.Add(await AttemptAsync(client, $"nobody-{attempt}", forwardedFor: $"203.0.113.{attempt}"));
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 10), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_configured_proxys_X_Forwarded_For_names_the_client()
    {
        await using var host = await GatewayHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Auth:LoginRateLimit:PermitsPerMinute"] = "2",
                ["Gateway:TrustedProxies:0"] = "10.20.0.0/16",
            },
            GatewayHost.CallersFrom(IPAddress.Parse("10.20.0.7")));
        using var client = host.CreateClient();

        // Three clients behind the proxy, two attempts each: each client has its own budget of two.
        var statuses = new List<HttpStatusCode>();
        foreach (var clientAddress in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            statuses.Add(await AttemptAsync(client, $"a-{clientAddress}", clientAddress));
            statuses.Add(await AttemptAsync(client, $"b-{clientAddress}", clientAddress));
        }
        var third = await AttemptAsync(client, "c", "198.51.100.1");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, third);
    }

    [Fact]
    public async Task One_account_meets_its_own_limit_whatever_address_the_attempts_come_from()
    {
        await using var host = await GatewayHost.StartAsync(
            new Dictionary<string, string?> { ["Gateway:TrustedProxies:0"] = "127.0.0.1" },
            GatewayHost.CallersFrom(IPAddress.Loopback));
        using var client = host.CreateClient();
        var target = "nobody-" + Guid.NewGuid().ToString("N")[..8];

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 11; attempt++)
        {
            statuses.Add(await AttemptAsync(client, target, forwardedFor: $"203.0.113.{attempt}"));
        }
        var otherAccount = await AttemptAsync(client, "someone-else", forwardedFor: "203.0.113.99");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 10), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAccount);
    }

    [Fact]
    public async Task A_successful_sign_in_does_not_use_up_the_accounts_budget()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Auth:LoginRateLimit:PermitsPerAccountPerMinute"] = "2" });
        using var client = host.CreateClient();
        var userName = await host.CreateUserAsync(Roles.Housing);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            statuses.Add(await AttemptAsync(client, userName, password: DemoUsers.Password));
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_locked_account_costs_one_password_hash_and_the_same_401_as_a_wrong_password_or_an_unknown_name()
    {
        var hasher = new CountingHasher();
        await using var host = await GatewayHost.StartAsync(services: services =>
            services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<XichouUser>>(_ => hasher)));
        using var client = host.CreateClient();
        var locked = await host.CreateUserAsync(Roles.Water);
        var other = await host.CreateUserAsync(Roles.Water);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await AttemptAsync(client, locked));
        }

        async Task<(int Hashes, string Body)> MeasureAsync(string userName, string password)
        {
            var before = hasher.Verifications;
            using var response = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative), new { username = userName, password }, Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return (hasher.Verifications - before, await response.Content.ReadAsStringAsync(Cancellation));
        }
        var lockedRight = await MeasureAsync(locked, DemoUsers.Password);
        var lockedWrong = await MeasureAsync(locked, "Wrong#Password9");
        var wrongPassword = await MeasureAsync(other, "Wrong#Password9");
        var unknownName = await MeasureAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "Wrong#Password9");

        Assert.Equal(1, wrongPassword.Hashes);
        Assert.Equal(1, unknownName.Hashes);
        Assert.Equal(1, lockedRight.Hashes);
        Assert.Equal(1, lockedWrong.Hashes);
        Assert.Equal(wrongPassword.Body, lockedRight.Body);
        Assert.Equal(wrongPassword.Body, lockedWrong.Body);
        Assert.Equal(wrongPassword.Body, unknownName.Body);
    }

    /// <summary>Identity's hasher, counting the verifications a sign-in costs.</summary>
    private sealed class CountingHasher : IPasswordHasher<XichouUser>
    {
        private readonly PasswordHasher<XichouUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(XichouUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(XichouUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
