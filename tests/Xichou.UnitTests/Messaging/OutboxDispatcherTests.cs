using System.Reflection;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xichou.Contracts;
using Xichou.Housing.Infrastructure;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.UnitTests.Messaging;

/// <summary>
/// The outbox dispatcher on a real SQLite file, with a bus standing in for MassTransit whose publishes can be made to hang
/// whatever their token says, as RabbitMQ.Client 7.2 can leave one after a broker restart (rabbitmq-dotnet-client#1930).
/// </summary>
public sealed class OutboxDispatcherTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("xichou-outbox-").FullName;
    private readonly IHost _host;
    private readonly HangingBus _bus;

    public OutboxDispatcherTests()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = _directory,
            ["Database:CheckpointIntervalMilliseconds"] = "0",
            ["Outbox:PublishTimeout"] = "00:00:00.200",
            ["Outbox:RetryDelay"] = "00:00:00.050",
            ["Outbox:PollInterval"] = "00:00:00.100",
        });
        builder.AddServiceDatabase<HousingDbContext, SqliteHousingDbContext, SqlServerHousingDbContext>("housing");
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        _bus = HangingBus.Create();
        builder.Services.AddSingleton<IBus>(_bus.Proxy);
        builder.Services.AddHostedService<OutboxDispatcher<HousingDbContext>>();
        _host = builder.Build();
    }

    [Fact]
    public async Task A_publish_that_never_ends_is_given_up_after_the_timeout_retried_and_the_row_sent_once_the_broker_confirms()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await _host.StartAsync(cancellation);
        var message = OutboxMessage.From(new HouseholdStatusChanged
        {
            HouseholdId = Guid.NewGuid(), TownshipCode = "532623202", Village = "测试村", Status = "exited", PreviousStatus = "monitored",
            On = new DateOnly(2026, 12, 1), Reason = "outbox test", OccurredAt = DateTimeOffset.UtcNow,
        });
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync(cancellation);
        }
        _host.Services.GetRequiredService<OutboxSignal>().Notify();

        // Each publish hangs and ignores its token; the dispatcher gives up on it after 200 ms and tries again.
        await Eventually.TrueAsync(() => Task.FromResult(_bus.Attempts >= 3), "three attempts at the hanging publish", TimeSpan.FromSeconds(20));
        Assert.Null(await SentAtAsync(message.MessageId));

        _bus.Confirm = true;
        await Eventually.TrueAsync(async () => await SentAtAsync(message.MessageId) is not null, "the row stamped sent once a publish is confirmed",
            TimeSpan.FromSeconds(20));
    }

    private async Task<DateTimeOffset?> SentAtAsync(Guid messageId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
        return await db.OutboxMessages.Where(m => m.MessageId == messageId).Select(m => m.SentAt).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>An <see cref="IBus"/> whose every publish hangs, its token ignored, until <see cref="Confirm"/> is set.</summary>
    public class HangingBus : DispatchProxy
    {
        private int _attempts;
        private volatile bool _confirm;

        public IBus Proxy { get; private set; } = null!;

        public int Attempts => Volatile.Read(ref _attempts);

        public bool Confirm
        {
            get => _confirm;
            set => _confirm = value;
        }

        public static HangingBus Create()
        {
            var proxy = Create<IBus, HangingBus>();
            var bus = (HangingBus)(object)proxy;
            bus.Proxy = proxy;
            return bus;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is { Name: nameof(IPublishEndpoint.Publish) } && targetMethod.ReturnType == typeof(Task))
            {
                Interlocked.Increment(ref _attempts);
                return Confirm ? Task.CompletedTask : new TaskCompletionSource().Task;
            }
            throw new NotSupportedException($"{targetMethod?.Name} is not used by the dispatcher.");
        }
    }
}
