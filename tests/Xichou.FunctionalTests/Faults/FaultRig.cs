using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Housing.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Auditing;

namespace Xichou.FunctionalTests.Faults;

/// <summary>
/// A small platform of its own for one fault scenario, on a RabbitMQ node of its own (so the scenario may stop it):
/// the register (monitoring, in this process) whose registrations go through its real path (HouseholdRegistrar, outbox,
/// dispatcher); water, which hears of a registration from the HouseholdRegistered fan-out, run as child processes (one or
/// two replicas on one database) so it can be killed for real; housing, which hears of it from its members queue, in this
/// process with a consume observer counting deliveries.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    public const string WaterRegisteredQueue = "water-household-registered";
    public const string WaterChangesQueue = "water-household-changes";
    public const string HousingChangesQueue = "housing-household-changes";
    public static readonly string HousingMembersQueue = Departments.ByKey(ServiceNames.Housing).MembersQueue;

    /// <summary>Fast retries, so a poison message reaches its error queue in about a second.</summary>
    private static readonly Dictionary<string, string> RetrySettings = new()
    {
        ["Messaging:Retry:Limit"] = "3",
        ["Messaging:Retry:MinInterval"] = "00:00:00.050",
        ["Messaging:Retry:MaxInterval"] = "00:00:00.300",
        ["Messaging:Retry:Delta"] = "00:00:00.100",
    };

    private static readonly Actor Registrar = new("fault-injection", Xichou.ServiceDefaults.Security.Roles.PovertyOffice);

    private readonly List<ServiceProcess> _water = [];
    private readonly string _waterDirectory;
    private readonly IDisposable _observing;

    private FaultRig(RabbitMqNode broker, ServiceHost monitoring, ServiceHost housing, string waterDirectory)
    {
        Broker = broker;
        Monitoring = monitoring;
        Housing = housing;
        _waterDirectory = waterDirectory;
        _observing = housing.Services.GetRequiredService<IBus>().ConnectConsumeObserver(HousingDeliveries);
    }

    public RabbitMqNode Broker { get; }

    public ServiceHost Monitoring { get; }

    public ServiceHost Housing { get; }

    public IReadOnlyList<ServiceProcess> Water => _water;

    public string WaterDatabasePath => Path.Combine(_waterDirectory, ServiceNames.Water + ".db");

    /// <summary>Housing's deliveries of registrations (its members messages), redeliveries included.</summary>
    public ConsumedMessages HousingDeliveries { get; } = new();

    /// <summary>How many events each scenario registers: <c>XICHOU_FAULT_EVENTS</c>, else the given default.</summary>
    public static int Events(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("XICHOU_FAULT_EVENTS"), CultureInfo.InvariantCulture, out var events) && events > 0
            ? events
            : fallback;

    public static async Task<FaultRig> StartAsync(int waterReplicas = 1)
    {
        // A node of the scenario's own, so that the scenario may stop it.
        var broker = await RabbitMqNode.StartAsync();
        ServiceHost? monitoring = null;
        ServiceHost? housing = null;
        try
        {
            void Fast(IWebHostBuilder builder)
            {
                foreach (var (key, value) in RetrySettings)
                {
                    builder.UseSetting(key, value);
                }
            }
            monitoring = await ServiceHost.StartAsync<MonitoringDbContext>(ServiceNames.Monitoring, broker.ConnectionString, Fast);
            housing = await ServiceHost.StartAsync<HousingDbContext>(ServiceNames.Housing, broker.ConnectionString, Fast);
            var rig = new FaultRig(broker, monitoring, housing, Directory.CreateTempSubdirectory("xichou-water-").FullName);
            for (var i = 0; i < waterReplicas; i++)
            {
                await rig.StartWaterAsync();
            }
            return rig;
        }
        catch
        {
            if (housing is not null)
            {
                await housing.DisposeAsync();
            }
            if (monitoring is not null)
            {
                await monitoring.DisposeAsync();
            }
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more water process on the shared database and waits until it listens on its queues.</summary>
    public async Task<ServiceProcess> StartWaterAsync()
    {
        var alive = _water.Count(w => !w.HasExited);
        var water = ServiceProcess.Start(ServiceNames.Water, "Xichou.Water", _waterDirectory, Broker.ConnectionString,
            RetrySettings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value));
        _water.Add(water);
        try
        {
            await BrokerQueues.WaitForConsumersAsync(Broker.ConnectionString, WaterRegisteredQueue, alive + 1);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{water} did not start listening: {water.RecentOutput}", exception);
        }
        return water;
    }

    /// <summary>
    /// Registers <paramref name="count"/> households through the register's own path, four callers at a time; calls
    /// <paramref name="fault"/> once <paramref name="faultAt"/> have been registered and waits for it before returning.
    /// </summary>
    public async Task<TimeSpan> RegisterAsync(int count, int faultAt = -1, Func<Task>? fault = null, int firstIndex = 0)
    {
        var registrar = Monitoring.Services.GetRequiredService<HouseholdRegistrar>();
        var cancellation = TestContext.Current.CancellationToken;
        var next = -1;
        var registered = 0;
        var faultStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var faulting = fault is null ? Task.CompletedTask : Task.Run(async () =>
        {
            await faultStarted.Task;
            await fault();
        }, cancellation);
        if (fault is not null && faultAt <= 0)
        {
            faultStarted.TrySetResult();
        }
        var started = Stopwatch.GetTimestamp();
        var callers = Enumerable.Range(0, 4).Select(async _ =>
        {
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var outcome = await registrar.RegisterAsync(FaultHouseholds.Request(firstIndex + i), Registrar, cancellation);
                if (outcome is not RegistrationOutcome.Registered)
                {
                    throw new InvalidOperationException($"Registration {firstIndex + i} was not accepted: {outcome}");
                }
                if (Interlocked.Increment(ref registered) == faultAt)
                {
                    faultStarted.TrySetResult();
                }
            }
        });
        await Task.WhenAll(callers);
        faultStarted.TrySetResult();
        await faulting;
        return Stopwatch.GetElapsedTime(started);
    }

    private long _lastWater, _lastHousing;

    /// <summary>Waits until water and housing each hold every household the register holds; a timeout says how far each got.</summary>
    public async Task WaitUntilAppliedAsync(int expected, TimeSpan timeout)
    {
        try
        {
            await WaitForCountsAsync(expected, timeout);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException(
                $"{timedOut.Message} Last seen: water {_lastWater}, housing {_lastHousing} of {expected}. {await WhereItStandsAsync()}", timedOut);
        }
    }

    /// <summary>Where a stalled stream stands: still in the register's outbox, or waiting in the departments' queues.</summary>
    private async Task<string> WhereItStandsAsync()
    {
        var unsent = await CountAsync(Monitoring.DatabasePath, "SELECT COUNT(*) FROM OutboxMessages WHERE SentAt IS NULL AND ParkedAt IS NULL");
        var queues = new List<string>();
        foreach (var queue in new[] { WaterRegisteredQueue, HousingMembersQueue })
        {
            var state = await BrokerQueues.InspectAsync(Broker.ConnectionString, queue);
            var error = await BrokerQueues.InspectAsync(Broker.ConnectionString, queue + "_error");
            queues.Add(state is null
                ? $"{queue}: not reachable"
                : $"{queue}: {state.Messages} ready, {state.Consumers} consumer(s), {error?.Messages ?? 0} in its error queue");
        }
        return $"The register's outbox holds {unsent} unsent row(s); {string.Join("; ", queues)}.";
    }

    private async Task WaitForCountsAsync(int expected, TimeSpan timeout)
    {
        await Eventually.TrueAsync(async () =>
        {
            if (_water.Count > 0 && _water.All(w => w.HasExited))
            {
                throw new InvalidOperationException($"Every water process has exited: {_water[^1].RecentOutput}");
            }
            _lastWater = await CountAsync(WaterDatabasePath, "SELECT COUNT(*) FROM Households");
            _lastHousing = await CountAsync(Housing.DatabasePath, "SELECT COUNT(*) FROM Households");
            return _lastWater >= expected && _lastHousing >= expected;
        }, $"water and housing to hold {expected} households", timeout);
    }

    /// <summary>What a service holds, compared with the register: households, distinct ids, their checksum, inbox repeats.</summary>
    public sealed record Holding(string Service, long Households, long DistinctIds, string Checksum, long InboxRows, long InboxDuplicates, HashSet<Guid> Ids);

    public async Task<IReadOnlyList<Holding>> HoldingsAsync() =>
    [
        await HoldingAsync(ServiceNames.Monitoring, Monitoring.DatabasePath),
        await HoldingAsync(ServiceNames.Water, WaterDatabasePath),
        await HoldingAsync(ServiceNames.Housing, Housing.DatabasePath),
    ];

    /// <summary>Asserts every event was applied exactly once in every service, and prints the figures.</summary>
    public async Task<IReadOnlyList<Holding>> AssertExactlyOnceAsync(string scenario, int expected, TimeSpan elapsed)
    {
        var holdings = await HoldingsAsync();
        var register = holdings[0];
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario}: {expected} events in {elapsed.TotalSeconds:F1} s; housing deliveries {HousingDeliveries.CompletedTotal} of {HousingDeliveries.CompletedDistinct} messages (repeats dropped by the inbox: {HousingDeliveries.CompletedTotal - HousingDeliveries.CompletedDistinct})"));
        foreach (var holding in holdings)
        {
            output?.WriteLine($"  {holding.Service,-10} households {holding.Households}, distinct {holding.DistinctIds}, checksum {holding.Checksum}, inbox rows {holding.InboxRows}, inbox duplicates {holding.InboxDuplicates}");
        }
        Assert.Equal(expected, register.Households);
        foreach (var holding in holdings)
        {
            Assert.Equal(expected, holding.Households);
            Assert.Equal(expected, holding.DistinctIds);
            Assert.Equal(0, holding.InboxDuplicates);
            Assert.Equal(register.Checksum, holding.Checksum);
            Assert.True(register.Ids.SetEquals(holding.Ids), $"{holding.Service} holds other households than the register.");
        }
        return holdings;
    }

    private static async Task<Holding> HoldingAsync(string service, string databasePath)
    {
        await using var connection = Open(databasePath);
        var ids = new List<Guid>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id FROM Households";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(Guid.Parse(reader.GetString(0)));
            }
        }
        // XOR of the ids: equal sets give equal checksums whatever the order.
        var checksum = new byte[16];
        foreach (var id in ids)
        {
            var bytes = id.ToByteArray();
            for (var b = 0; b < 16; b++)
            {
                checksum[b] ^= bytes[b];
            }
        }
        var inboxRows = await ScalarAsync(connection, "SELECT COUNT(*) FROM InboxMessages");
        var inboxDuplicates = inboxRows - await ScalarAsync(connection, "SELECT COUNT(*) FROM (SELECT DISTINCT Consumer, MessageId FROM InboxMessages)");
        var set = ids.ToHashSet();
        return new Holding(service, ids.Count, set.Count, Convert.ToHexString(checksum), inboxRows, inboxDuplicates, set);
    }

    public static async Task<long> CountAsync(string databasePath, string sql)
    {
        if (!File.Exists(databasePath))
        {
            return 0;
        }
        await using var connection = Open(databasePath);
        return await ScalarAsync(connection, sql);
    }

    private static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _observing.Dispose();
        foreach (var water in _water)
        {
            await water.DisposeAsync();
        }
        await Housing.DisposeAsync();
        await Monitoring.DisposeAsync();
        await Broker.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_waterDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned later.
        }
    }
}

/// <summary>Deterministic valid registrations: villages in turn, local names, ID numbers unique by construction.</summary>
public static class FaultHouseholds
{
    private static readonly string[] Surnames = ["王", "李", "张", "杨", "陈", "刘", "罗", "熊", "陶", "侯", "马", "赵"];
    private static readonly string[] GivenNames = ["明", "国富", "德华", "秀英", "建国", "玉兰", "正荣", "光明", "春花", "文学"];

    public static RegisterHouseholdRequest Request(int index)
    {
        var village = Villages.All[index % Villages.All.Count];
        var name = Surnames[index % Surnames.Length] + GivenNames[index / Surnames.Length % GivenNames.Length];
        return new RegisterHouseholdRequest(village.Code, name,
            IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1955, 1, 1).AddDays(index / 1000), index % 1000));
    }
}
