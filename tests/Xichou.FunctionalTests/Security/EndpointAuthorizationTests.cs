using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Security;

/// <summary>Every endpoint of every service names who may call it; only the two health endpoints are open.</summary>
public class EndpointAuthorizationTests(Platform platform)
{
    private static readonly string[] OpenEndpoints = ["/health", "/alive"];

    public static TheoryData<string> Services => new(ServiceNames.All);

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_endpoint_declares_an_authorization_policy_except_health(string service)
    {
        var endpoints = platform[service].Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var undeclared = endpoints
            .Where(e => !OpenEndpoints.Contains(e.RoutePattern.RawText))
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().All(a => a.Policy is null && a.Roles is null)
                || e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => $"{e.DisplayName} ({e.RoutePattern.RawText})")
            .ToList();

        Assert.Empty(undeclared);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Health_endpoints_are_the_only_anonymous_ones(string service)
    {
        var anonymous = platform[service].Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText)
            .Order(StringComparer.Ordinal);

        Assert.Equal(OpenEndpoints.Order(StringComparer.Ordinal), anonymous);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Household_endpoints_name_a_role_policy_not_just_signed_in(string service)
    {
        var householdEndpoints = platform[service].Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/households", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(householdEndpoints);
        Assert.All(householdEndpoints, endpoint =>
        {
            // Household data needs a role that reads (or writes) it here; "signed in" alone would let admin in.
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.Contains(policies, p => p is not null && p != Policies.SignedIn);
        });
    }
}
