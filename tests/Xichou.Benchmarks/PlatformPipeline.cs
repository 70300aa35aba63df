using System.Security.Claims;
using System.Net.Http.Headers;
using Xichou.ServiceDefaults.Security;
using Xichou.ServiceDefaults.Auditing;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xichou.Agriculture.Extensions;
using Xichou.Agriculture.Infrastructure;
using Xichou.CommandCentre.Extensions;
using Xichou.CommandCentre.Feed;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;
using Xichou.Education.Extensions;
using Xichou.Education.Infrastructure;
using Xichou.Employment.Extensions;
using Xichou.Employment.Infrastructure;
using Xichou.Housing.Extensions;
using Xichou.Housing.Infrastructure;
using Xichou.Insurance.Extensions;
using Xichou.Insurance.Infrastructure;
using Xichou.Monitoring.Apis;
using Xichou.Monitoring.Extensions;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.Water.Extensions;
using Xichou.Water.Infrastructure;

namespace Xichou.Benchmarks;

/// <summary>
/// Phase (b): the eight services hosted in this process, each with its own real wiring (service defaults and
/// <c>Add{Service}()</c>: SQLite database, outbox, dispatcher, inbox, batch consumer) on the one broker;
/// households registered through the API's path, <see cref="HouseholdRegistrar.RegisterAsync"/>, until all seven
/// departments have stored them.
/// </summary>
internal sealed class PlatformPipeline : IAsyncDisposable
{
    private static readonly Actor Benchmark = new("benchmark", "poverty-office");

    /// <summary>Stands in for the gateway's key pair: the services check the tokens the count check signs with it.</summary>
    private static readonly (string PrivateKey, string PublicKey) GatewayKeys = ServiceTokens.NewKeyPair();

    private readonly RoundHolder _rounds = new();
    private readonly CommitStats _registrations = new();
    private readonly CommitStats[] _replicas = [.. ServiceNames.HouseholdConsumers.Select(_ => new CommitStats())];
    private readonly List<(string Name, WebApplication App)> _hosts = [];
    private readonly MeterListener _outboxListener = new();
    private long _outboxPublished;
    private long _outboxFirstAt;
    private long _outboxLastAt;

    private PlatformPipeline()
    {
        _outboxListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OutboxDiagnostics.MeterName && instrument.Name == "xichou.outbox.published")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _outboxListener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref _outboxFirstAt, now, 0);
            Interlocked.Exchange(ref _outboxLastAt, now);
            Interlocked.Add(ref _outboxPublished, value);
        });
        _outboxListener.Start();
    }

    private WebApplication Monitoring => _hosts[0].App;

    public static async Task<PlatformPipeline> StartAsync(
        string connectionString, string dataDirectory, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var pipeline = new PlatformPipeline();
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ServiceNames.RabbitMq}"] = connectionString,
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = dataDirectory,
            // The services refuse to start without the gateway's public key; nothing here calls them over HTTP.
            ["Auth:PublicKey"] = GatewayKeys.PublicKey,
            ["Logging:LogLevel:Default"] = options.Verbose ? "Information" : "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "Warning",
            // Eight OpenTelemetry SDKs in one process would each trace all eight services (every EF Core
            // command eight times over); a deployment has one per process. The raw phase is untraced too.
            ["OTEL_SDK_DISABLED"] = options.Tracing ? "false" : "true",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var services = pipeline.Services();
        var contentRoot = Directory.CreateDirectory(Path.Combine(dataDirectory, "..", "content")).FullName;
        var apps = await Task.WhenAll(services.Select(service => StartHostAsync(service, settings, contentRoot, cancellationToken)));
        for (var i = 0; i < services.Length; i++)
        {
            pipeline._hosts.Add((services[i].Name, apps[i]));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"platform: {apps.Length} services started in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s (SQLite under {dataDirectory}), {options.Callers} registration callers, tracing {(options.Tracing ? "on" : "off")}"));
        return pipeline;
    }

    private int _registered;

    /// <summary>
    /// One round: <paramref name="events"/> new households registered through the register's real path by
    /// <c>--callers</c> concurrent callers, as fast as they go, or at <paramref name="perSecond"/> registrations a second
    /// (each one due at its own time, so a slow commit does not make the next ones bunch up), until all seven departments
    /// have stored every one.
    /// </summary>
    public async Task<RoundResult> RunRoundAsync(
        string name, int events, BenchmarkOptions options, CpuMeter cpu, double perSecond, CancellationToken cancellationToken)
    {
        var round = new FanOutRound(name, events, ServiceNames.HouseholdConsumers.Count);
        var firstIndex = _registered;
        _registered += events;
        _registrations.Take();
        foreach (var replica in _replicas)
        {
            replica.Take();
        }
        Interlocked.Exchange(ref _outboxPublished, 0);
        Interlocked.Exchange(ref _outboxFirstAt, 0);

        var registrar = Monitoring.Services.GetRequiredService<HouseholdRegistrar>();
        var next = -1;
        var late = 0;
        _rounds.Current = round;
        var cpuBefore = cpu.Sample();
        round.Start();
        var callers = Enumerable.Range(0, options.Callers).Select(async _ =>
        {
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < round.Expected)
            {
                if (perSecond > 0)
                {
                    var due = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(round.StartedAt);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, cancellationToken);
                    }
                    else if (due < TimeSpan.FromMilliseconds(-50))
                    {
                        Interlocked.Increment(ref late);
                    }
                }
                var outcome = await registrar.RegisterAsync(SampleHouseholds.Request(firstIndex + i), Benchmark, cancellationToken);
                if (outcome is not RegistrationOutcome.Registered)
                {
                    throw new InvalidOperationException($"Registration {firstIndex + i} was not accepted: {outcome}");
                }
            }
        });
        await Task.WhenAll(callers);
        var registeredIn = Stopwatch.GetElapsedTime(round.StartedAt);
        await Progress.WaitAsync(round, options.Timeout, cancellationToken);
        var cpuAfter = cpu.Sample();
        await round.WaitForProjectionsAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var result = round.Result(cpuBefore, cpuAfter);

        if (perSecond > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {round.Name}: {events} registrations at a fixed {perSecond:F0}/s took {registeredIn.TotalSeconds:F2} s ({events / registeredIn.TotalSeconds:F0}/s achieved, {late} started over 50 ms late)"));
        }
        Console.WriteLine($"  {round.Name}: {Progress.Describe(result)}");
        Console.WriteLine($"    {CpuMeter.Describe(cpuBefore, cpuAfter, round.Expected)}");
        if (result.Overview is { } lag)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    command centre overview lag (registration committed → in the overview's tables): p50 {lag.P50Milliseconds:F1} ms, p99 {lag.P99Milliseconds:F1} ms, max {lag.MaxMilliseconds:F1} ms{(lag.Missing > 0 ? $", {lag.Missing} not projected within 30 s" : "")}"));
        }
        var registrations = _registrations.Take();
        var published = Interlocked.Read(ref _outboxPublished);
        var publishSpan = Stopwatch.GetElapsedTime(Interlocked.Read(ref _outboxFirstAt), Interlocked.Read(ref _outboxLastAt));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    registrations: {registrations.Commits} commits in {registeredIn.TotalSeconds:F2} s = {registrations.Commits / registeredIn.TotalSeconds:F0}/s, {registrations.MillisecondsPerCommit:F2} ms per commit"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    outbox: {published} published in {publishSpan.TotalSeconds:F2} s = {published / Math.Max(publishSpan.TotalSeconds, 1e-3):F0}/s"));
        for (var c = 0; c < _replicas.Length; c++)
        {
            var stats = _replicas[c].Take();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {ServiceNames.HouseholdConsumers[c],-14} {stats.Commits,5} commits, {stats.RowsPerCommit,5:F1} households per commit (max {stats.MaxRows}), {stats.MillisecondsPerCommit:F2} ms per commit"));
        }
        return result;
    }

    /// <summary>
    /// One import: <paramref name="xlsx"/> (of <paramref name="households"/> households) posted to the monitoring service's
    /// import endpoint over HTTP as the poverty office, then waited on until all seven departments have stored every household
    /// it registered. The round starts at the post, so its elapsed time is the import and the fan-out together.
    /// </summary>
    public async Task<ImportRound> ImportAsync(byte[] xlsx, int households, TimeSpan timeout, bool fanOut, CancellationToken cancellationToken)
    {
        var round = new FanOutRound("import", households, ServiceNames.HouseholdConsumers.Count);
        _registrations.Take();
        foreach (var replica in _replicas)
        {
            replica.Take();
        }
        _rounds.Current = round;
        using var http = new HttpClient { BaseAddress = new Uri(Monitoring.Urls.First()), Timeout = timeout };
        using var signingKey = ServiceTokens.ImportKey(GatewayKeys.PrivateKey);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServiceTokens.Create(
            [new Claim(XichouClaims.Subject, "benchmark"), new Claim(XichouClaims.Name, "benchmark"), new Claim(XichouClaims.Role, Roles.PovertyOffice)],
            ServiceNames.Monitoring, signingKey, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30)));
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xichou.Monitoring.Apis.HouseholdsApi.XlsxContentType);
        content.Add(file, "file", "import.xlsx");

        round.Start();
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stages = PollStagesAsync(http, round.StartedAt, polling.Token);
        using var response = await http.PostAsync(new Uri("/api/households/import?importId=benchmark", UriKind.Relative), content, cancellationToken);
        var imported = Stopwatch.GetElapsedTime(round.StartedAt);
        await polling.CancelAsync();
        var stageTimes = await stages;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import failed: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
        }
        var result = System.Text.Json.JsonDocument.Parse(body).RootElement;
        var stored = result.GetProperty("households").GetInt32();
        var members = result.GetProperty("members").GetInt32();
        _registered += stored;
        var importCommits = _registrations.Take();
        if (!fanOut)
        {
            return new ImportRound(stored, members, imported, TimeSpan.Zero, importCommits, [], stageTimes);
        }
        await Progress.WaitAsync(round, timeout, cancellationToken);
        var fannedOut = round.Result();
        var departments = _replicas.Select(r => r.Take()).ToArray();
        return new ImportRound(stored, members, imported, fannedOut.Elapsed, importCommits, departments, stageTimes);
    }

    /// <summary>When each stage of the import was first seen, polling its progress every 100 ms (as the import page does, slower).</summary>
    private static async Task<IReadOnlyList<(string Stage, TimeSpan At)>> PollStagesAsync(HttpClient http, long startedAt, CancellationToken cancellationToken)
    {
        var seen = new List<(string Stage, TimeSpan At)>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var response = await http.GetAsync(new Uri("/api/households/import/benchmark/progress", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode
                    && (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken)).GetProperty("stage").GetString() is { } stage
                    && (seen.Count == 0 || seen[^1].Stage != stage))
                {
                    seen.Add((stage, Stopwatch.GetElapsedTime(startedAt)));
                }
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return seen;
    }

    /// <summary>What a user would see: every department's API counts every registered household.</summary>
    public async Task VerifyCountsAsync(CancellationToken cancellationToken)
    {
        var expected = _registered;
        using var http = new HttpClient();
        using var signingKey = ServiceTokens.ImportKey(GatewayKeys.PrivateKey);
        Claim[] countyLeader = [new(XichouClaims.Name, "benchmark"), new(XichouClaims.Role, Roles.CountyLeader)];
        foreach (var (name, app) in _hosts)
        {
            var address = app.Urls.First();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer", ServiceTokens.Create(countyLeader, name, signingKey, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2)));
            var counts = name == ServiceNames.Monitoring
                ? (await http.GetFromJsonAsync<RegisterCounts>($"{address}/api/households/counts", cancellationToken))?.Total
                : (await http.GetFromJsonAsync<HouseholdCounts>($"{address}/api/households/counts", cancellationToken))?.Total;
            if (counts != expected)
            {
                throw new InvalidOperationException($"{name} reports {counts} households at {address}/api/households/counts, expected {expected}.");
            }
        }
        Console.WriteLine($"platform: all {_hosts.Count} services report {expected} households through GET /api/households/counts");
    }

    private ServiceUnderTest[] Services()
    {
        var rounds = _rounds;
        ServiceUnderTest Department<TSqliteContext>(int index, Assembly assembly, Action<IHostApplicationBuilder> add)
            where TSqliteContext : DbContext
        {
            var observer = new CommitObserver<KnownHousehold>(
                h => h.Id, ids => Stored(rounds, ids, index), _replicas[index]);
            return new(ServiceNames.HouseholdConsumers[index], assembly, add, Observe<TSqliteContext>(observer), IsDepartment: true);
        }

        var registrations = new CommitObserver<Household>(h => h.Id, ids => Committed(rounds, ids), _registrations);
        return
        [
            new(ServiceNames.Monitoring, typeof(MonitoringExtensions).Assembly, b => b.AddMonitoring(),
                Observe<SqliteMonitoringDbContext>(registrations), IsDepartment: false),
            Department<SqliteHousingDbContext>(0, typeof(HousingExtensions).Assembly, b => b.AddHousing()),
            Department<SqliteAgricultureDbContext>(1, typeof(AgricultureExtensions).Assembly, b => b.AddAgriculture()),
            Department<SqliteEmploymentDbContext>(2, typeof(EmploymentExtensions).Assembly, b => b.AddEmployment()),
            Department<SqliteEducationDbContext>(3, typeof(EducationExtensions).Assembly, b => b.AddEducation()),
            Department<SqliteWaterDbContext>(4, typeof(WaterExtensions).Assembly, b => b.AddWater()),
            Department<SqliteInsuranceDbContext>(5, typeof(InsuranceExtensions).Assembly, b => b.AddInsurance()),
            CommandCentre(),
        ];

        // The command centre is watched twice: its copy of the register (a consumer like the departments) and its overview's
        // household projection, written by its feed consumer from the same event through its own queue (the overview's lag).
        ServiceUnderTest CommandCentre()
        {
            var department = Department<SqliteCommandCentreDbContext>(6, typeof(CommandCentreExtensions).Assembly, b => b.AddCommandCentre());
            var projections = new CommitObserver<HouseholdProjection>(h => h.Id, ids => Projected(rounds, ids), new CommitStats());
            return department with
            {
                Observe = services =>
                {
                    department.Observe(services);
                    Observe<SqliteCommandCentreDbContext>(projections)(services);
                },
            };
        }
    }

    private static void Committed(RoundHolder rounds, IReadOnlyList<Guid> ids)
    {
        var round = rounds.Current;
        foreach (var id in ids)
        {
            round?.Committed(id);
        }
    }

    private static void Projected(RoundHolder rounds, IReadOnlyList<Guid> ids)
    {
        var round = rounds.Current;
        foreach (var id in ids)
        {
            round?.Projected(id);
        }
    }

    private static void Stored(RoundHolder rounds, IReadOnlyList<Guid> ids, int consumer)
    {
        var round = rounds.Current;
        foreach (var id in ids)
        {
            round?.Stored(id, consumer);
        }
    }

    private static Action<IServiceCollection> Observe<TSqliteContext>(IInterceptor observer) where TSqliteContext : DbContext =>
        services => services.ConfigureDbContext<TSqliteContext>((_, db) => db.AddInterceptors(observer), ServiceLifetime.Singleton);

    private static async Task<WebApplication> StartHostAsync(
        ServiceUnderTest service, Dictionary<string, string?> settings, string contentRoot, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = service.Assembly.GetName().Name,
            // Not the data folder: the configuration file watchers would wake on every SQLite write.
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        service.Add(builder);
        service.Observe(builder.Services);

        var app = builder.Build();
        if (!service.IsDepartment)
        {
            // The import benchmark posts its file through the service's real HTTP pipeline (body limit, authentication).
            app.UseServicePipeline();
        }
        app.MapDefaultEndpoints();
        if (service.IsDepartment)
        {
            app.MapKnownHouseholdsApi();
        }
        else
        {
            app.MapHouseholdsApi();
            app.MapImportApi();
        }
        await app.StartAsync(cancellationToken);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        _outboxListener.Dispose();
        await Task.WhenAll(_hosts.Select(async host =>
        {
            await host.App.StopAsync(CancellationToken.None);
            await host.App.DisposeAsync();
        }));
    }

    /// <summary>An import's figures: what it stored, how long the post took, and how long until every department had it all.</summary>
    internal sealed record ImportRound(
        int Households, int Members, TimeSpan Imported, TimeSpan FannedOut, CommitSnapshot Saves, CommitSnapshot[] Departments,
        IReadOnlyList<(string Stage, TimeSpan At)> Stages);

    private sealed record ServiceUnderTest(
        string Name, Assembly Assembly, Action<IHostApplicationBuilder> Add, Action<IServiceCollection> Observe, bool IsDepartment);
}
