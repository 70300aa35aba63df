using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Housing.Infrastructure;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.FunctionalTests;

/// <summary>A consumer that keeps failing is retried as configured, then its message waits in the <c>_error</c> queue.</summary>
public class RetryTests(Platform platform)
{
    private const string Queue = "retry-test-always-fails";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Message_whose_consumer_keeps_failing_is_retried_then_moved_to_the_error_queue()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("xichou-retry-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = platform.RabbitMqConnectionString,
            ["Database:DataDirectory"] = dataDirectory,
            ["Messaging:Retry:Limit"] = "3",
            ["Messaging:Retry:MinInterval"] = "00:00:00.050",
            ["Messaging:Retry:MaxInterval"] = "00:00:00.200",
            ["Messaging:Retry:Delta"] = "00:00:00.050",
        });
        builder.Services.AddSingleton<Attempts>();
        // The platform's own database and messaging setup, with a consumer that always throws on a queue of its
        // own (sent to directly, not bound to the HouseholdRegistered exchange other tests publish on), and a
        // reader of that queue's error queue.
        builder.AddServiceDatabase<HousingDbContext, SqliteHousingDbContext, SqlServerHousingDbContext>("retry-test");
        builder.AddServiceMessaging<HousingDbContext>("retry-test", bus =>
        {
            bus.AddConsumer<AlwaysFails>().Endpoint(e =>
            {
                e.Name = Queue;
                e.ConfigureConsumeTopology = false;
            });
            bus.AddConsumer<ErrorQueueReader>().Endpoint(e =>
            {
                e.Name = Queue + "_error";
                e.ConfigureConsumeTopology = false;
            });
        });
        using var host = builder.Build();
        await host.StartAsync(Cancellation);
        try
        {
            var attempts = host.Services.GetRequiredService<Attempts>();
            var message = TestData.NewHouseholdRegistered();
            var endpoint = await host.Services.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri($"queue:{Queue}"));

            await endpoint.Send(message, Cancellation);

            await Eventually.TrueAsync(() => Task.FromResult(attempts.InErrorQueue.ContainsKey(message.HouseholdId)), "the message in the error queue");
            // The first delivery and three retries, then no more.
            Assert.Equal(4, attempts.Consumed[message.HouseholdId]);
            Assert.Contains("不可处理", attempts.InErrorQueue[message.HouseholdId], StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private sealed class Attempts
    {
        public ConcurrentDictionary<Guid, int> Consumed { get; } = new();

        public ConcurrentDictionary<Guid, string> InErrorQueue { get; } = new();
    }

    private sealed class AlwaysFails(Attempts attempts) : IConsumer<HouseholdRegistered>
    {
        public Task Consume(ConsumeContext<HouseholdRegistered> context)
        {
            attempts.Consumed.AddOrUpdate(context.Message.HouseholdId, 1, (_, n) => n + 1);
            throw new InvalidOperationException("不可处理 / cannot be processed");
        }
    }

    private sealed class ErrorQueueReader(Attempts attempts) : IConsumer<HouseholdRegistered>
    {
        public Task Consume(ConsumeContext<HouseholdRegistered> context)
        {
            // MassTransit records why the message faulted in its headers.
            attempts.InErrorQueue[context.Message.HouseholdId] = context.ReceiveContext.TransportHeaders.Get<string>("MT-Fault-Message") ?? "";
            return Task.CompletedTask;
        }
    }
}
