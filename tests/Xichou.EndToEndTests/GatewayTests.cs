using System.Net;
using System.Text.RegularExpressions;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>Every UI and API document works behind the gateway's path prefix.</summary>
public sealed partial class GatewayTests(PlatformFixture platform)
{
    public static TheoryData<string> Services => new(ServiceNames.All);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_service_home_page_resolves_its_links_and_assets_under_its_prefix(string service)
    {
        using var gateway = await platform.CreateGatewayClientAsync("county-leader");

        var html = await gateway.GetStringAsync($"/{service}/", TestContext.Current.CancellationToken);

        Assert.Contains($"<base href=\"/{service}/\"", html, StringComparison.Ordinal);
        var stylesheet = StylesheetLink().Match(html);
        Assert.True(stylesheet.Success, "the page links its stylesheet");
        using var css = await gateway.GetAsync($"/{service}/{stylesheet.Groups[1].Value}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_service_publishes_its_OpenAPI_document_and_API_page_through_the_gateway(string service)
    {
        using var gateway = await platform.CreateGatewayClientAsync("county-leader");

        var document = await gateway.GetStringAsync($"/{service}/openapi/v1.json", TestContext.Current.CancellationToken);
        using var page = await gateway.GetAsync($"/{service}/scalar/", TestContext.Current.CancellationToken);

        Assert.Contains("\"/api/households", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_portal_links_every_department_for_a_county_leader()
    {
        using var gateway = await platform.CreateGatewayClientAsync("county-leader");

        var html = await gateway.GetStringAsync("/", TestContext.Current.CancellationToken);

        // Links are relative to the portal's <base href="/">, so they survive a gateway that is itself mounted under a prefix.
        Assert.Contains("<base href=\"/\"", html, StringComparison.Ordinal);
        foreach (var service in ServiceNames.All)
        {
            Assert.Contains($"href=\"{service}/\"", html, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+\\.css)\"")]
    private static partial Regex StylesheetLink();
}
