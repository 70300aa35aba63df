using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Xichou process shares: OpenTelemetry, health checks, service discovery, resilient HTTP
/// clients and forwarded headers from the gateway (the shape of Aspire's service defaults).
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<Xichou.ServiceDefaults.Memory.IdleMemoryTrimmer>();
        builder.Services.AddHostedService<Xichou.ServiceDefaults.Lifetime.ParentWatch>();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddProblemDetails();
        // Every response says X-Frame-Options: DENY (see SecurityHeaders); antiforgery's SAMEORIGIN would be weaker.
        builder.Services.Configure<AntiforgeryOptions>(options => options.SuppressXFrameOptionsHeader = true);
        // Kestrel's default is 30 MB; nothing but a spreadsheet import needs more than a few.
        var maxBody = builder.Configuration.GetValue<long?>(RequestBodyLimits.SettingKey) ?? RequestBodyLimits.DefaultBytes;
        builder.Services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = maxBody);
        builder.Services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = maxBody);
        // A body that is not JSON is the caller's mistake: 400, not the 500 the exception handler gives by default.
        builder.Services.Configure<ExceptionHandlerOptions>(options => options.StatusCodeSelector = exception =>
            exception is Microsoft.AspNetCore.Http.BadHttpRequestException badRequest ? badRequest.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The gateway strips /{service} from the path and passes it on as X-Forwarded-Prefix,
            // so links and assets resolve under the gateway.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
            if (builder.Configuration.GetValue<bool>("ForwardedHeaders:TrustAllProxies"))
            {
                // Behind a private network where only the gateway can reach the service (docker-compose).
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
            }
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter(OutboxDiagnostics.MeterName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                .AddSource(OutboxDiagnostics.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// <c>/alive</c> answers while the process runs; <c>/health</c> only when every check passes,
    /// the database and the bus (with its queues bound) among them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // The two endpoints a load balancer and the app host probe without a token; they say nothing about households.
        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
        }).AllowAnonymous();
        return app;
    }
}
