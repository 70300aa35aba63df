using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>Every endpoint of the gateway says who may call it; none relies on the fallback policy.</summary>
[Collection(GatewayCollection.Name)]
public class EndpointAuthorizationTests(GatewayFixture gateway)
{
    private static readonly HashSet<string> Anonymous = new(StringComparer.Ordinal) { "/login", "/auth/token", "/logout", "/health", "/alive" };

    private IReadOnlyList<RouteEndpoint> Endpoints => gateway.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    [Fact]
    public void Every_endpoint_names_a_policy_or_allows_anonymous_callers()
    {
        var undeclared = Endpoints
            .Where(e => !e.Metadata.OfType<IAllowAnonymous>().Any()
                && !e.Metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();

        Assert.True(undeclared.Count == 0, string.Join("\n", undeclared));
    }

    /// <summary>A path no endpoint serves is still behind the login (the fallback policy), not a file download.</summary>
    [Theory]
    [InlineData("text/html", HttpStatusCode.Redirect)]
    [InlineData("application/json", HttpStatusCode.Unauthorized)]
    public async Task A_file_no_endpoint_serves_needs_a_login_like_everything_unnamed(string accept, HttpStatusCode expected)
    {
        using var client = gateway.Host.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd(accept);

        using var response = await client.GetAsync(new Uri("/appsettings.json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public void Only_the_login_the_token_the_logout_the_health_checks_and_static_files_are_anonymous()
    {
        var anonymous = Endpoints
            .Where(e => e.Metadata.OfType<IAllowAnonymous>().Any())
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(path => !Anonymous.Contains(path))
            .ToList();

        // What is left are the static files (the style sheets), each with a file extension.
        Assert.NotEmpty(anonymous);
        Assert.All(anonymous, path => Assert.Matches(@"\.(css|js|ico|png|svg|woff2?)(\.gz|\.br)?$", path));
        Assert.All(Anonymous, path => Assert.Contains(Endpoints, e => "/" + e.RoutePattern.RawText!.TrimStart('/') == path));
    }

    [Fact]
    public void Every_service_route_requires_a_signed_in_user()
    {
        foreach (var service in ServiceNames.All)
        {
            var route = Assert.Single(Endpoints, e => e.RoutePattern.RawText == $"/{service}/{{**rest}}");
            Assert.Equal("signed-in", Assert.Single(route.Metadata.OfType<IAuthorizeData>()).Policy);
            Assert.Empty(route.Metadata.OfType<IAllowAnonymous>());
        }
    }
}
