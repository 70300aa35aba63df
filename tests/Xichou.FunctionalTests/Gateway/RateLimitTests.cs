using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Gateway.Identity;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>Sign-in attempts per client address and minute: the login form and the token endpoint share one budget.</summary>
public class RateLimitTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Past_the_limit_sign_in_attempts_are_429_with_a_problem_and_Retry_After_while_the_page_still_shows()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Auth:LoginRateLimit:PermitsPerMinute"] = "3" });
        using var client = host.CreateClient();

        // Two token requests and one login form post: the three attempts allowed.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var allowed = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
                new { username = "admin", password = "Wrong#Password1" }, Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        using (var login = await GatewayHost.LogInAsync(client, "admin", "Wrong#Password1"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        using var token = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
            new { username = "admin", password = DemoUsers.Password }, Cancellation);
        using var page = await client.GetAsync(new Uri("/login", UriKind.Relative), Cancellation);
        using var form = await GatewayHost.LogInAsync(client, "admin", DemoUsers.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, token.StatusCode);
        Assert.Equal("application/problem+json", token.Content.Headers.ContentType?.MediaType);
        var problem = await token.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("登录尝试过于频繁，请稍后再试 / Too many sign-in attempts; try again later.", problem.GetProperty("title").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.InRange(token.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
    }

    [Fact]
    public async Task The_default_limit_is_ten_attempts_a_minute()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Auth:LoginRateLimit:PermitsPerMinute"] = null });
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 11; attempt++)
        {
            using var response = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
                new { username = "nobody", password = "Wrong#Password1" }, Cancellation);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 10), HttpStatusCode.TooManyRequests], statuses);
    }
}
