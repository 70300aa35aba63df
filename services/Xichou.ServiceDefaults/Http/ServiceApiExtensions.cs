using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace Xichou.ServiceDefaults.Http;

public static class ServiceApiExtensions
{
    /// <summary>OpenAPI document generation and ProblemDetails for every error status.</summary>
    public static IHostApplicationBuilder AddServiceApi(this IHostApplicationBuilder builder, string title)
    {
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
    /// X-Forwarded-Prefix), ProblemDetails for errors, the OpenAPI document and its browsable page at /scalar.
    /// </summary>
    public static WebApplication UseServicePipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle(app.Environment.ApplicationName));
        app.MapGet("/api", (HttpContext context) => Results.Redirect($"{context.Request.PathBase}/scalar"))
            .ExcludeFromDescription();
        return app;
    }
}
