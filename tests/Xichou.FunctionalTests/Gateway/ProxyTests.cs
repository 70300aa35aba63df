using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Xichou.Gateway.Identity;
using Xichou.Gateway.Security;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>What a service receives through the gateway: the gateway's token for that service, never the caller's credentials.</summary>
[Collection(GatewayCollection.Name)]
public class ProxyTests(GatewayFixture gateway)
{
    private static readonly Uri Echo = new("/monitoring/api/echo?x=1", UriKind.Relative);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(JsonWebToken Token, ReceivedRequest Request)> ReceivedAsync(HttpClient client, HttpRequestMessage? request = null)
    {
        using var response = request is null ? await client.GetAsync(Echo, Cancellation) : await client.SendAsync(request, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = (await response.Content.ReadFromJsonAsync<ReceivedRequest>(Cancellation))!;
        Assert.StartsWith("Bearer ", received.Authorization, StringComparison.Ordinal);
        var token = received.Authorization["Bearer ".Length..];
        using var publicKey = ServiceTokens.ImportKey(gateway.Host.Keys.PublicKey);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, ServiceTokens.ValidationParameters(publicKey, "monitoring"));
        Assert.True(validation.IsValid, validation.Exception?.Message);
        return (new JsonWebToken(token), received);
    }

    [Fact]
    public async Task A_browser_session_reaches_the_service_as_a_two_minute_token_for_that_service_without_the_login_cookie()
    {
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "village-longping", DemoUsers.Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, Echo);
        // What the browser holds besides the login cookie: the gateway's and a service's antiforgery cookies.
        request.Headers.Add("Cookie", ".AspNetCore.Antiforgery.svc=abc; theme=dark");

        var (token, received) = await ReceivedAsync(client, request);

        Assert.Equal("/api/echo", received.Path);
        Assert.Equal("/monitoring", received.ForwardedPrefix);
        Assert.Equal(["monitoring"], token.Audiences);
        Assert.Equal(AuthOptions.GatewayIssuer, token.Issuer);
        Assert.Equal(TimeSpan.FromMinutes(2), token.ValidTo - token.ValidFrom);
        Assert.Equal("village-longping", token.GetClaim(XichouClaims.Name).Value);
        Assert.Equal(Roles.VillageMonitor, token.GetClaim(XichouClaims.Role).Value);
        Assert.Equal("532623101007", token.GetClaim(XichouClaims.Village).Value);
        Assert.DoesNotContain("Xichou.Auth", received.Cookie, StringComparison.Ordinal);
        Assert.Contains(".AspNetCore.Antiforgery.svc=abc", received.Cookie, StringComparison.Ordinal);
        Assert.Contains("theme=dark", received.Cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_clients_token_stays_at_the_gateway_and_the_service_gets_its_own()
    {
        var apiToken = await gateway.TokenForAsync("poverty-office");
        using var client = gateway.ClientWithToken(apiToken);

        var (token, received) = await ReceivedAsync(client);

        Assert.DoesNotContain(apiToken, received.Authorization, StringComparison.Ordinal);
        Assert.Equal(["monitoring"], token.Audiences);
        Assert.Equal("poverty-office", token.GetClaim(XichouClaims.Name).Value);
        Assert.Equal(new JsonWebToken(apiToken).Subject, token.Subject);
        Assert.Equal("", received.Cookie);
    }

    [Theory]
    [InlineData("Xichou.Auth=abc; a=1", "a=1")]
    [InlineData("a=1; Xichou.Auth=chunks-2; Xichou.AuthC1=x; Xichou.AuthC2=y; b=2", "a=1; b=2")]
    [InlineData("Xichou.Auth=abc", "")]
    [InlineData("Xichou.Authority=keep", "Xichou.Authority=keep")]
    [InlineData("Xichou.AuthCx=keep", "Xichou.AuthCx=keep")]
    public void The_login_cookie_and_its_chunks_are_taken_out_of_the_Cookie_header(string header, string expected) =>
        Assert.Equal(expected, ServiceTokenTransforms.WithoutCookie([header], "Xichou.Auth"));
}
