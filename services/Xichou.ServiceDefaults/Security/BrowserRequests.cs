using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xichou.ServiceDefaults.Http;

namespace Xichou.ServiceDefaults.Security;

/// <summary>
/// Every request reaches a service with the gateway's bearer token, whether a browser sent it with the login cookie or a
/// script with its own token, so the service tells them apart by what only browsers send: <c>Origin</c> on a POST and the
/// <c>Sec-Fetch-*</c> headers, which a page cannot remove or forge, and the services' own cookies. A script sends none.
/// </summary>
public static class BrowserRequests
{
    /// <summary>Whether the request came from a browser (a page, a form, a link), not from a script with a bearer token.</summary>
    public static bool IsFromBrowser(HttpRequest request) =>
        request.Headers.Origin.Count > 0 || request.Headers.ContainsKey("Sec-Fetch-Site") || request.Headers.Cookie.Count > 0;

    /// <summary>
    /// A form upload from a browser must carry the service's antiforgery token (the page's form field or the
    /// <c>RequestVerificationToken</c> header); a script's bearer-token call needs none, since no browser can make it.
    /// Use with <c>.DisableAntiforgery()</c>, which turns off the framework's check that would refuse every script.
    /// </summary>
    public static RouteHandlerBuilder RequireAntiforgeryFromBrowsers(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (IsFromBrowser(http.Request)
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                    title: Bilingual.Message("页面已过期或请求来自其他网站", "The antiforgery token is missing or invalid."),
                    detail: Bilingual.Message("请刷新页面后重新提交；脚本请用令牌（Bearer）调用，不带 Cookie",
                        "Reload the page and submit again; scripts call with a bearer token and no cookie."),
                    extensions: new Dictionary<string, object?> { ["field"] = "__RequestVerificationToken" });
            }
            return await next(context);
        });

    /// <summary>
    /// A GET that hands out personal data in a file (an export) answers a browser only when the page asking is the
    /// platform's own: a link or an &lt;img&gt; on another site arrives with <c>Sec-Fetch-Site: cross-site</c> or
    /// <c>same-site</c> and is refused. A typed address or bookmark (<c>none</c>) and scripts (no header) are served.
    /// </summary>
    public static RouteHandlerBuilder RequireSameOriginFromBrowsers(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var site = context.HttpContext.Request.Headers["Sec-Fetch-Site"].ToString();
            if (site.Length > 0 && site is not ("same-origin" or "none"))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                    title: Bilingual.Message("导出只能从本平台页面发起", "Exports start from the platform's own pages."),
                    detail: Bilingual.Message("请在平台页面上点击导出；其他网站的链接不能导出个人信息",
                        "Use the export button on the platform's page; a link on another site cannot export personal data."));
            }
            return await next(context);
        });
}
