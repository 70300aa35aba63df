using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Rewrite;
using Xichou.Contracts;
using Xichou.Gateway.Apis;
using Xichou.Gateway.Components;
using Xichou.Gateway.Infrastructure;
using Xichou.Gateway.Security;
using Xichou.ServiceDefaults.Security;
using Yarp.ReverseProxy.Configuration;
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
        builder.AddGatewayDatabase();
        builder.AddGatewaySecurity();
        builder.Services.AddRazorComponents();
        // No catch-all fallback for files missing from the build manifest: it would be an endpoint without a policy.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        // Chinese text is written as is, not as &#x...; entities.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [.. ServiceNames.All.Select(RouteFor)],
                [.. ServiceNames.All.Select(ClusterFor)])
            .AddTransforms<ServiceTokenTransforms>()
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // Behind a TLS-terminating proxy (ForwardedHeaders:TrustAllProxies), the scheme is the caller's, so the login cookie is Secure.
        app.UseForwardedHeaders();
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
        app.MapReverseProxy(proxy => proxy.Use((context, next) =>
        {
            // The service's own status and body go back as they are; the gateway adds no error page of its own.
            context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
            return next();
        }));
        return app;
    }

    internal static RouteConfig RouteFor(string service)
    {
        var prefix = $"/{service}";
        return new RouteConfig
            {
                RouteId = service,
                ClusterId = service,
                Match = new RouteMatch { Path = $"{prefix}/{{**rest}}" },
                AuthorizationPolicy = Policies.SignedIn,
            }
            .WithTransformPathRemovePrefix(prefix)
            // The default X-Forwarded transforms would send the gateway's own (empty) PathBase as the prefix;
            // the service needs the stripped "/{service}" to build its <base href> and links.
            .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
            .WithTransformRequestHeader("X-Forwarded-Prefix", prefix, append: false);
    }

    internal static ClusterConfig ClusterFor(string service) => new()
    {
        ClusterId = service,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = $"http://{service}" },
        },
    };
}
