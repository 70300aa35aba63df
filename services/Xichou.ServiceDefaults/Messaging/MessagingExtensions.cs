using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging.DeadLetters;

namespace Xichou.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ (connection string <c>ConnectionStrings:rabbitmq</c>), with retries
    /// (<see cref="RetryOptions"/>) and then the <c>_error</c> queue, the host waiting until every receive endpoint is bound before it
    /// reports started (so no first message meets an exchange with no queue), and the service's
    /// outbox dispatcher. MassTransit's usage telemetry is off.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging<TContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TContext : ServiceDbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(ServiceNames.RabbitMq)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ServiceNames.RabbitMq} is not set: the service needs a RabbitMQ broker (amqp://user:password@host:port).");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
        var deadLetters = builder.Services.AddDeadLetters(serviceName, new Uri(connectionString));
        var retryOptions = builder.Configuration.GetSection(RetryOptions.SectionName).Get<RetryOptions>() ?? new RetryOptions();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // MassTransit otherwise reports the host (OS, time zone, versions, its consumers) to usage-tracking.masstransit.io
            // every few minutes: nothing of a county's platform leaves it unasked, and offline it only logs warnings.
            bus.DisableUsageTelemetry();
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ConnectEndpointConfigurationObserver(deadLetters);
                rabbit.UseMessageRetry(retry => retry.Exponential(
                    retryOptions.Limit, retryOptions.MinInterval, retryOptions.MaxInterval, retryOptions.Delta));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = TimeSpan.FromMinutes(2);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddSingleton<OutboxRetention<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxRetention<TContext>>());
        return builder;
    }
}
