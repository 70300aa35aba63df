using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Gateway.Security;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>
/// The gateway signs a service token once per user, claims and service and reuses it for half its lifetime (issue 13,
/// P3): never across services, never for other claims, and a new one once half the lifetime has passed.
/// </summary>
public class ServiceTokenReuseTests
{
    [Fact]
    public async Task The_same_claims_for_the_same_service_reuse_a_token_until_half_its_lifetime_has_passed()
    {
        // Two seconds of lifetime: reused for one.
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Auth:ServiceTokenLifetime"] = "00:00:02" });
        var tokens = host.Services.GetRequiredService<ApiTokens>();
        var clerk = User("u-1", "housing-clerk", Roles.Housing, township: "532623101");

        var first = tokens.ForService(clerk, "housing");
        Assert.Equal(first, tokens.ForService(User("u-1", "housing-clerk", Roles.Housing, township: "532623101"), "housing"));
        Assert.NotEqual(first, tokens.ForService(clerk, "water"));
        Assert.NotEqual(first, tokens.ForService(User("u-1", "housing-clerk", Roles.Housing, township: "532623102"), "housing"));
        Assert.NotEqual(first, tokens.ForService(User("u-1", "housing-clerk", Roles.CountyLeader, township: "532623101"), "housing"));
        Assert.NotEqual(first, tokens.ForService(User("u-2", "housing-clerk", Roles.Housing, township: "532623101"), "housing"));

        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        var renewed = tokens.ForService(clerk, "housing");
        Assert.NotEqual(first, renewed);
        Assert.Equal(renewed, tokens.ForService(clerk, "housing"));
    }

    private static ClaimsPrincipal User(string id, string name, string role, string township) => new(new ClaimsIdentity(
        [
            new Claim(XichouClaims.Subject, id),
            new Claim(XichouClaims.Name, name),
            new Claim(XichouClaims.Role, role),
            new Claim(XichouClaims.Township, township),
        ], "test"));
}
