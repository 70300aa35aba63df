using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Rewrite;
using Xichou.Contracts;
using Xichou.Gateway.Apis;
using Xichou.Gateway.Components;
using Xichou.Gateway.Identity;
using Xichou.Gateway.Infrastructure;
using Xichou.Gateway.Proxy;
using Xichou.Gateway.Security;
using Xichou.ServiceDefaults.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Transforms;

namespace Xichou.Gateway.Extensions;

public static class GatewayExtensions
{
    /// <summary>
    /// The user store and sign-in, the portal and login pages, and one YARP route per service: <c>/{service}/…</c> goes to
    /// <c>http://{service}</c>, which service discovery resolves from <c>services:{service}:http:0</c> (set by the app
    /// host, or by environment in docker-compose), carrying the gateway's token for the signed-in user.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        DemoUsers.RefuseOutsideDevelopment(builder.Configuration, builder.Environment);
        builder.AddGatewayDatabase();
        builder.AddGatewaySecurity();
        builder.Services.AddRazorComponents();
        // No catch-all fallback for files missing from the build manifest: it would be an endpoint without a policy.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        // Chinese text is written as is, not as &#x...; entities.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.AddProxyToServices();
        return builder;
    }

    /// <summary>
    /// YARP with the services as clusters: a connect timeout and a shorter activity timeout than YARP's 100 s, each
    /// service's <c>/alive</c> probed so a dead one is taken out of routing (and answered 503 at once), and one health
    /// check per service in the gateway's <c>/health</c>.
    /// </summary>
    private static void AddProxyToServices(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ProxyOptions.SectionName);
        builder.Services.Configure<ProxyOptions>(section);
        var options = section.Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, ForwarderClients>();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [.. ServiceNames.All.Select(service => RouteFor(service, options))],
                [.. ServiceNames.All.Select(service => ClusterFor(service, options))])
            .AddTransforms<ServiceTokenTransforms>()
            .AddServiceDiscoveryDestinationResolver();

        builder.Services.AddSingleton<ServiceProbeClient>();
        var health = builder.Services.AddHealthChecks();
        foreach (var service in ServiceNames.All)
        {
            health.AddTypeActivatedCheck<ServiceHealthCheck>(
                service, HealthStatus.Degraded, ["services"], options.HealthCheckTimeout + TimeSpan.FromSeconds(1), service);
        }
        // /health (mapped by the service defaults without options) answers in JSON naming every check.
        builder.Services.Configure<HealthCheckOptions>(health => health.ResponseWriter = HealthResponse.WriteAsync);
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // Behind a TLS-terminating proxy listed in Gateway:TrustedProxies, the scheme and address are the caller's.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Sent on HTTPS requests only (directly, or through a trusted proxy's X-Forwarded-Proto).
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Under "/housing" (no trailing slash) the UI's relative links would resolve against "/": send the browser to "/housing/".
        app.UseRewriter(new RewriteOptions().AddRedirect($"^({string.Join('|', ServiceNames.All)})$", "$1/"));
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapAuthApi();
        app.MapRazorComponents<App>().Add(endpoint =>
        {
            // Blazor's own endpoint beside the pages (redirects after enhanced navigation, which these pages do not use)
            // names no policy; the pages name theirs with [Authorize]/[AllowAnonymous].
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: "/_framework/opaque-redirect" })
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(Policies.SignedIn));
            }
        });
        app.MapReverseProxy(proxy =>
        {
            proxy.Use((context, next) =>
            {
                // The service's own status and body go back as they are; the gateway adds no error page of its own.
                context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
                return next();
            });
            // A body over the service's limit is refused here with a 413 problem, never half-forwarded.
            proxy.UseRequestBodyLimitProblems();
            // Its own answer only when the service could not be reached: 503 problem+json naming the service.
            proxy.UseServiceUnavailableProblems();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    internal static RouteConfig RouteFor(string service, ProxyOptions options)
    {
        var prefix = $"/{service}";
        return new RouteConfig
            {
                RouteId = service,
                ClusterId = service,
                Match = new RouteMatch { Path = $"{prefix}/{{**rest}}" },
                AuthorizationPolicy = Policies.SignedIn,
                // The service's own limit, enforced by the gateway's server as it reads the caller's body.
                MaxRequestBodySize = options.MaxRequestBodyBytesOf(service),
            }
            .WithTransformPathRemovePrefix(prefix)
            // The default X-Forwarded transforms would send the gateway's own (empty) PathBase as the prefix;
            // the service needs the stripped "/{service}" to build its <base href> and links.
            .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
            .WithTransformRequestHeader("X-Forwarded-Prefix", prefix, append: false);
    }

    internal static ClusterConfig ClusterFor(string service, ProxyOptions options) => new()
    {
        ClusterId = service,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = $"http://{service}" },
        },
        HttpRequest = new ForwarderRequestConfig { ActivityTimeout = options.ActivityTimeout },
        HealthCheck = new HealthCheckConfig
        {
            // /alive, not /health: a service whose broker is down still serves reads and queues writes in its outbox.
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.ProbeInterval,
                Timeout = options.ProbeTimeout,
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = "/alive",
            },
            // A service that never answered a probe is tried; one that stopped answering is not, even if it is the only one.
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
        },
        Metadata = new Dictionary<string, string>
        {
            ["ConsecutiveFailuresHealthPolicy.Threshold"] = options.ProbeFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
