using System.Diagnostics;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.ServiceDefaults.Messaging.DeadLetters;

namespace Xichou.FunctionalTests.Faults;

/// <summary>
/// Issue 12's fault injection: a stream of registrations through the register's real path while something goes wrong,
/// then every household applied exactly once in every service (count, distinct ids and an XOR checksum of the ids equal to
/// the register's; no inbox row twice). The broker, the killed service and the competing replicas are real: a RabbitMQ node
/// of the scenario's own, water as child processes killed with SIGKILL. Scenarios (a), (b) and (e), where volume matters, run
/// <c>XICHOU_FAULT_EVENTS</c> events (10,000 by default); (c) and (d) a fifth of that.
/// </summary>
public class FaultInjectionTests
{
    private static readonly TimeSpan Convergence = TimeSpan.FromMinutes(10);

    private static int Events => FaultRig.Events(10_000);

    private static int FewerEvents => Math.Max(Events / 5, 10);

    [Fact]
    public async Task Broker_stopped_and_restarted_mid_stream_loses_and_doubles_nothing()
    {
        await using var rig = await FaultRig.StartAsync();
        var started = Stopwatch.GetTimestamp();

        await rig.RegisterAsync(Events, faultAt: Events / 3, fault: async () =>
        {
            await rig.Broker.StopAsync();
            // Registrations go on into the outbox while the broker is away.
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            await rig.Broker.StartAgainAsync();
        });
        await rig.WaitUntilAppliedAsync(Events, Convergence);

        await rig.AssertExactlyOnceAsync("(a) broker stopped and restarted", Events, Stopwatch.GetElapsedTime(started));
    }

    [Fact]
    public async Task Consumer_service_killed_and_restarted_mid_stream_applies_every_event_once()
    {
        await using var rig = await FaultRig.StartAsync();
        var started = Stopwatch.GetTimestamp();
        var killedPid = 0;

        await rig.RegisterAsync(Events, faultAt: Events / 3, fault: async () =>
        {
            // Let water get busy with batches first, so the kill lands mid-batch.
            await Eventually.TrueAsync(async () => await FaultRig.CountAsync(rig.WaterDatabasePath, "SELECT COUNT(*) FROM Households") > Events / 10,
                "water to be applying the stream", Convergence);
            killedPid = rig.Water[0].ProcessId;
            await rig.Water[0].KillAsync();
            await rig.StartWaterAsync();
        });
        await rig.WaitUntilAppliedAsync(Events, Convergence);

        Assert.True(rig.Water[0].HasExited);
        Assert.NotEqual(killedPid, rig.Water[1].ProcessId);
        TestContext.Current.TestOutputHelper?.WriteLine($"water pid {killedPid} killed with SIGKILL, restarted as pid {rig.Water[1].ProcessId} on the same database");
        await rig.AssertExactlyOnceAsync("(b) consumer killed and restarted", Events, Stopwatch.GetElapsedTime(started));
    }

    [Fact]
    public async Task Poison_messages_end_in_the_error_queues_and_every_other_event_is_applied_once()
    {
        await using var rig = await FaultRig.StartAsync();
        var started = Stopwatch.GetTimestamp();
        const int poisonCount = 20;
        var poison = new List<Guid>();

        await rig.RegisterAsync(FewerEvents, faultAt: FewerEvents / 2, fault: async () =>
        {
            // A real consumer's rule: a status for a household the department never heard of is refused (retried, then parked).
            var bus = rig.Monitoring.Services.GetRequiredService<IBus>();
            for (var i = 0; i < poisonCount; i++)
            {
                var messageId = Guid.NewGuid();
                poison.Add(messageId);
                await bus.Publish(new HouseholdStatusChanged
                {
                    HouseholdId = Guid.NewGuid(), TownshipCode = "532623202", Village = "不存在村", Status = "exited",
                    PreviousStatus = "monitored", On = new DateOnly(2026, 11, 30), Reason = "fault injection", OccurredAt = DateTimeOffset.UtcNow,
                }, context => context.MessageId = messageId, TestContext.Current.CancellationToken);
            }
        });
        await rig.WaitUntilAppliedAsync(FewerEvents, Convergence);

        var desk = rig.Housing.Services.GetRequiredService<DeadLetterDesk>();
        var parked = await Eventually.GetAsync(async () =>
        {
            var list = await desk.ListAsync(DeadLetterDesk.MaxLimit, TestContext.Current.CancellationToken);
            return list.Messages.Count >= poisonCount ? list : null;
        }, "housing's poison messages in its error queue");
        Assert.Equal(poison.Order(), parked.Messages.Select(m => m.MessageId).Order());
        Assert.All(parked.Messages, m => Assert.Equal(HousingChanges, m.InputQueue));
        Assert.All(parked.Messages, m => Assert.EndsWith("UnknownHouseholdException", m.ExceptionType, StringComparison.Ordinal));
        await Eventually.TrueAsync(async () => await BrokerQueues.InspectAsync(rig.Broker.ConnectionString, FaultRig.WaterChangesQueue + "_error")
            is { Messages: poisonCount }, "water's poison messages in its error queue");

        TestContext.Current.TestOutputHelper?.WriteLine($"(c) {poisonCount} poison messages parked in {FaultRig.HousingChangesQueue}_error and {FaultRig.WaterChangesQueue}_error");
        await rig.AssertExactlyOnceAsync("(c) poison messages", FewerEvents, Stopwatch.GetElapsedTime(started));
    }

    [Fact]
    public async Task Every_message_redelivered_changes_nothing()
    {
        await using var rig = await FaultRig.StartAsync();
        var started = Stopwatch.GetTimestamp();
        await rig.RegisterAsync(FewerEvents);
        await rig.WaitUntilAppliedAsync(FewerEvents, Convergence);
        var before = await rig.HoldingsAsync();
        var housingMessages = rig.HousingDeliveries.CompletedDistinct;

        // The register's outbox publishes every message again, with the same message ids, as after a crash between the
        // broker's confirm and the row being stamped.
        var resent = await ExecuteAsync(rig.Monitoring.DatabasePath, "UPDATE OutboxMessages SET SentAt = NULL");
        Assert.True(resent >= 2, $"only {resent} outbox rows");
        await Eventually.TrueAsync(async () => rig.HousingDeliveries.CompletedTotal >= 2 * housingMessages
            && await FaultRig.CountAsync(rig.Monitoring.DatabasePath, "SELECT COUNT(*) FROM OutboxMessages WHERE SentAt IS NULL") == 0
            && await BrokerQueues.InspectAsync(rig.Broker.ConnectionString, FaultRig.WaterRegisteredQueue) is { Messages: 0 },
            "every message to be delivered again", Convergence);
        // Water's last batch may still be committing (nothing to add, only its acknowledgement): let it finish.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var after = await rig.AssertExactlyOnceAsync("(d) every message redelivered", FewerEvents, Stopwatch.GetElapsedTime(started));
        TestContext.Current.TestOutputHelper?.WriteLine($"(d) {resent} outbox rows published again; housing repeats dropped {rig.HousingDeliveries.CompletedTotal - rig.HousingDeliveries.CompletedDistinct}");
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].InboxRows, after[i].InboxRows);
        }
        Assert.Equal(rig.HousingDeliveries.CompletedDistinct, housingMessages);
        Assert.Equal(0u, (await BrokerQueues.InspectAsync(rig.Broker.ConnectionString, FaultRig.WaterRegisteredQueue + "_error"))?.Messages ?? 0u);
        Assert.Equal(0u, (await BrokerQueues.InspectAsync(rig.Broker.ConnectionString, FaultRig.HousingMembersQueue + "_error"))?.Messages ?? 0u);
    }

    [Fact]
    public async Task Two_replicas_competing_on_one_queue_apply_every_event_once()
    {
        await using var rig = await FaultRig.StartAsync(waterReplicas: 2);
        var started = Stopwatch.GetTimestamp();

        await rig.RegisterAsync(Events);
        await rig.WaitUntilAppliedAsync(Events, Convergence);

        Assert.Equal(2u, (await BrokerQueues.InspectAsync(rig.Broker.ConnectionString, FaultRig.WaterRegisteredQueue))?.Consumers);
        Assert.All(rig.Water, water => Assert.False(water.HasExited, water.RecentOutput));
        await rig.AssertExactlyOnceAsync("(e) two water replicas on one queue and one database", Events, Stopwatch.GetElapsedTime(started));
        Assert.Equal(0u, (await BrokerQueues.InspectAsync(rig.Broker.ConnectionString, FaultRig.WaterRegisteredQueue + "_error"))?.Messages ?? 0u);
    }

    private const string HousingChanges = FaultRig.HousingChangesQueue;

    private static async Task<int> ExecuteAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
