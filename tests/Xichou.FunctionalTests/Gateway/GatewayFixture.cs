using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xichou.Contracts;

namespace Xichou.FunctionalTests.Gateway;

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}

/// <summary>
/// One gateway with the demo users for the tests of the <see cref="GatewayCollection"/>, and behind its monitoring
/// route a stand-in service that answers every request with what it received, so the tests can see what the gateway
/// passes on.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private WebApplication? _upstream;
    private GatewayHost? _host;

    public GatewayHost Host => _host ?? throw new InvalidOperationException("The gateway has not started.");

    public async ValueTask InitializeAsync()
    {
        var upstream = WebApplication.CreateSlimBuilder();
        upstream.WebHost.UseUrls("http://127.0.0.1:0");
        upstream.Logging.ClearProviders();
        _upstream = upstream.Build();
        _upstream.Run(context => context.Response.WriteAsJsonAsync(new ReceivedRequest(
            context.Request.Path.Value ?? "",
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers.Cookie.ToString(),
            context.Request.Headers["X-Forwarded-Prefix"].ToString())));
        await _upstream.StartAsync(TestContext.Current.CancellationToken);
        var address = _upstream.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        _host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            [$"services:{ServiceNames.Monitoring}:http:0"] = address,
        });
    }

    /// <summary>An API token for a user, from <c>POST /auth/token</c>.</summary>
    public async Task<string> TokenForAsync(string userName, string password = Xichou.Gateway.Identity.DemoUsers.Password)
    {
        using var client = Host.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
            new { username = userName, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token and keeps no cookies.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }
}

/// <summary>What the stand-in service received.</summary>
public sealed record ReceivedRequest(string Path, string Authorization, string Cookie, string ForwardedPrefix);
