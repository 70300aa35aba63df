using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = BadRequestProblems.Customize);
        // Binding failures become exceptions in every environment (by default only in Development), so that
        // BadRequestProblems answers them in Chinese and English naming the field, not with an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblems>();
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
        app.UseRequestBodyLimit();
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

    /// <summary>
    /// A body declared larger than the limit is refused before anyone reads it, whatever server hosts the service (Kestrel
    /// enforces <c>Limits:MaxRequestBodyBytes</c> itself; a test server or a host in front may not); a chunked body that
    /// grows past it is Kestrel's 413, answered by <see cref="BadRequestProblems"/>.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize;
        if (limit is { } bytes && context.Request.ContentLength > bytes)
        {
            await BadRequestProblems.TooLarge(context).ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
