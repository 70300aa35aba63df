using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Rewrite;
using Xichou.Contracts;
using Xichou.Gateway.Components;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Xichou.Gateway.Extensions;

public static class GatewayExtensions
{
    /// <summary>
    /// The portal page and one YARP route per service: <c>/{service}/…</c> goes to <c>http://{service}</c>,
    /// which service discovery resolves from <c>services:{service}:http:0</c> (set by the app host, or by
    /// environment in docker-compose).
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        // Chinese text is written as is, not as &#x...; entities.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [.. ServiceNames.All.Select(RouteFor)],
                [.. ServiceNames.All.Select(ClusterFor)])
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // Under "/housing" (no trailing slash) the UI's relative links would resolve against "/": send the browser to "/housing/".
        app.UseRewriter(new RewriteOptions().AddRedirect($"^({string.Join('|', ServiceNames.All)})$", "$1/"));
        app.MapStaticAssets();
        app.MapGet("/", () => new RazorComponentResult<Portal>()).ExcludeFromDescription();
        app.MapReverseProxy();
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
