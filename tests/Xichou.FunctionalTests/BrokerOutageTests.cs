using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Infrastructure;

namespace Xichou.FunctionalTests;

/// <summary>
/// Nothing committed is lost when the broker is down. This test has a broker of its own, because it stops
/// it, with a monitoring service of its own on that broker (monitoring consumes nothing, so it takes no
/// message from the shared platform's queues).
/// </summary>
public class BrokerOutageTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registration_committed_while_the_broker_is_down_is_published_once_the_broker_is_back()
    {
        await using var broker = await RabbitMqNode.StartAsync();
        await using var monitoring = await ServiceHost.StartAsync<MonitoringDbContext>(ServiceNames.Monitoring, broker.ConnectionString);
        Assert.Equal(broker.ConnectionString, monitoring.Services.GetRequiredService<IConfiguration>().GetConnectionString(ServiceNames.RabbitMq));

        var received = new ConcurrentDictionary<Guid, HouseholdRegistered>();
        var subscriber = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(broker.ConnectionString));
            rabbit.ReceiveEndpoint("functional-tests-broker-outage", endpoint => endpoint.Handler<HouseholdRegistered>(context =>
            {
                received.TryAdd(context.Message.HouseholdId, context.Message);
                return Task.CompletedTask;
            }));
        });
        await subscriber.StartAsync(Cancellation);
        try
        {
            await broker.StopAsync();

            var idNumber = IdNumbers.New();
            using var response = await monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
                new { villageCode = "532623202001", headName = "刘勇", headIdNumber = idNumber }, Cancellation);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
            Assert.Equal(1, await monitoring.OutboxRowsAsync<HouseholdRegistered>(id.ToString()));
            Assert.Null(await monitoring.OutboxSentAtAsync<HouseholdRegistered>(id.ToString()));
            Assert.Empty(received);

            await broker.StartAgainAsync();

            var delivered = await Eventually.GetAsync(
                () => Task.FromResult(received.GetValueOrDefault(id)), "the event to be published after the broker came back",
                TimeSpan.FromMinutes(2));
            Assert.Equal(IdNumber.Mask(idNumber), delivered.HeadIdNumber);
            await Eventually.GetAsync(() => monitoring.OutboxSentAtAsync<HouseholdRegistered>(id.ToString()), "the outbox row to be marked sent");
        }
        finally
        {
            await subscriber.StopAsync(CancellationToken.None);
        }
    }
}
