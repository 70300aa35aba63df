using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Xichou.ServiceDefaults.Security;

public static class SecurityHeaders
{
    /// <summary>Pages are server-rendered with no script of their own; only the API reference page runs an inline script.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        + "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// CSP, no framing, no MIME sniffing, no referrer leaving the platform: on every response. A header already set is
    /// kept, so a service's own policy (its API reference page's) passes through the gateway unchanged.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy",
                context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : ContentSecurityPolicy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Referrer-Policy", "same-origin");
            headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
            return Task.CompletedTask;
        });
        return next(context);
    });
}
