using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Xichou.Gateway.Security;

/// <summary>
/// On every route: what the caller sent to prove who they are (their bearer token, the gateway's login cookie) stays
/// at the gateway, and the service gets the gateway's own short-lived token for that caller and that service instead.
/// Other cookies (the services' antiforgery cookies) pass through.
/// </summary>
public sealed class ServiceTokenTransforms(ApiTokens tokens, IOptionsMonitor<CookieAuthenticationOptions> cookies) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        // Each cluster is one service, named as the service: the token's audience.
        var service = context.Route.ClusterId
            ?? throw new InvalidOperationException($"Route {context.Route.RouteId} has no cluster.");
        context.AddRequestTransform(transform =>
        {
            var headers = transform.ProxyRequest.Headers;
            headers.Remove("Authorization");
            var cookieName = cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name!;
            if (headers.TryGetValues("Cookie", out var cookieHeaders))
            {
                var kept = WithoutCookie(cookieHeaders, cookieName);
                headers.Remove("Cookie");
                if (kept.Length > 0)
                {
                    headers.TryAddWithoutValidation("Cookie", kept);
                }
            }
            var user = transform.HttpContext.User;
            if (user.Identity?.IsAuthenticated == true)
            {
                headers.TryAddWithoutValidation("Authorization", $"Bearer {tokens.ForService(user, service)}");
            }
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// The Cookie header without <paramref name="name"/> and its chunks (a large ticket is split into nameC1, nameC2, …).
    /// </summary>
    public static string WithoutCookie(IEnumerable<string> cookieHeaders, string name) =>
        string.Join("; ", cookieHeaders
            .SelectMany(header => header.Split(';'))
            .Select(pair => pair.Trim())
            .Where(pair => pair.Length > 0 && !IsCookie(pair, name)));

    private static bool IsCookie(string pair, string name)
    {
        var cookie = pair.Split('=', 2)[0].Trim();
        if (cookie == name)
        {
            return true;
        }
        return cookie.Length > name.Length + 1
            && cookie.StartsWith(name + "C", StringComparison.Ordinal)
            && cookie.AsSpan(name.Length + 1).ToString().All(char.IsAsciiDigit);
    }
}
