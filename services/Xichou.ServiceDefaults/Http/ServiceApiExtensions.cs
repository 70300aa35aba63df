using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Messaging.DeadLetters;
using Xichou.ServiceDefaults.Security;

namespace Xichou.ServiceDefaults.Http;

public static class ServiceApiExtensions
{
    /// <summary>
    /// OpenAPI document generation, ProblemDetails for every error status, and the gateway's token checked on every
    /// request (see <see cref="ServiceSecurityExtensions.AddServiceSecurity"/>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceApi(this IHostApplicationBuilder builder, string serviceName, string title)
    {
        builder.AddServiceSecurity(serviceName);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = title;
            return Task.CompletedTask;
        }));
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// The request pipeline every service shares: forwarded headers first (so PathBase follows the gateway's
    /// X-Forwarded-Prefix), security headers, ProblemDetails for errors (no stack trace outside Development), the
    /// gateway's token checked, and the OpenAPI document and its browsable page at /scalar for signed-in users.
    /// </summary>
    public static WebApplication UseServicePipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().RequireAuthorization(Policies.SignedIn);
        // Scalar marks its script and icon endpoints anonymous; here they are behind the token like the page itself.
        var apiReference = app.MapScalarApiReference(options => options.WithTitle(app.Environment.ApplicationName));
        apiReference.Finally(endpoint =>
            {
                for (var i = endpoint.Metadata.Count - 1; i >= 0; i--)
                {
                    if (endpoint.Metadata[i] is IAllowAnonymous)
                    {
                        endpoint.Metadata.RemoveAt(i);
                    }
                }
            });
        apiReference.RequireAuthorization(Policies.SignedIn);
        app.MapGet("/api", (HttpContext context) => Results.Redirect($"{context.Request.PathBase}/scalar"))
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();
        app.MapAuditApi();
        app.MapDeadLettersApi();
        return app;
    }
}
