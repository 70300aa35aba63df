using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Xichou.Gateway.Security;

/// <summary>
/// Which callers may tell the gateway who the client is (<c>X-Forwarded-For</c>, <c>-Proto</c>): only the proxies listed
/// in <c>Gateway:TrustedProxies</c> (addresses or CIDR networks, e.g. <c>10.0.0.5</c>, <c>172.18.0.0/16</c>), none by
/// default. ASP.NET Core trusts loopback out of the box, and an empty list means "everyone": either way a caller on the
/// gateway's machine could claim a new address per attempt and never meet the login limit. The services'
/// <c>ForwardedHeaders:TrustAllProxies</c> does not apply to the gateway.
/// </summary>
public static class TrustedProxies
{
    public const string SectionName = "Gateway:TrustedProxies";

    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        var entries = builder.Configuration.GetSection(SectionName).Get<string[]>() ?? [];
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{SectionName} holds '{entry}', which is neither an IP address nor a CIDR network.");
            }
        }
        // After the service defaults' Configure, so nothing there widens the list.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            if (proxies.Count == 0 && networks.Count == 0)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return builder;
    }
}
