using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xichou.Contracts;
using Xichou.Testing;

[assembly: AssemblyFixture(typeof(Xichou.EndToEndTests.PlatformFixture))]

namespace Xichou.EndToEndTests;

/// <summary>
/// The whole platform as <c>./run.sh</c> starts it — the real app host, a RabbitMQ node from Debian's package,
/// eight services on SQLite files and the gateway — started once for every test in this assembly (~30 s).
/// Its broker, databases and gateway use their own port and folders, so a running <c>./run.sh</c> is not disturbed.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>Households the demo seeder registers at start-up: enough for one in every village committee.</summary>
    public const int DemoHouseholds = 90;

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("xichou-e2e-").FullName;
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform has not started.");

    /// <summary>The gateway's address; every request in these tests goes through it.</summary>
    public Uri GatewayAddress { get; private set; } = new("http://localhost");

    /// <summary>The password of every demo user (Demo:Enabled); it exists only with demo data.</summary>
    public const string DemoPassword = "Xichou#2021";

    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);

    /// <summary>
    /// A client with no credentials, as a stranger would arrive. Like every client of these tests it fails the test if
    /// a response carries a full ID number nobody asked to reveal.
    /// </summary>
    public HttpClient CreateGatewayClient() => CreateClient(GatewayAddress);

    /// <summary>A client of any address of the platform, behind the same ID number check.</summary>
    public static HttpClient CreateClient(Uri address) =>
        new(new PersonalDataGuard { InnerHandler = new HttpClientHandler() }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client signed in as a demo user through <c>POST /auth/token</c>, as an API client signs in.</summary>
    public async Task<HttpClient> CreateGatewayClientAsync(string userName)
    {
        var token = await _tokens.GetOrAdd(userName, TokenAsync);
        var client = CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> TokenAsync(string userName)
    {
        using var client = CreateGatewayClient();
        using var response = await client.PostAsJsonAsync("/auth/token", new { username = userName, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private Task<Guid>? _knownHousehold;

    /// <summary>
    /// A household registered for the tests in 三光村 once every department holds it: none of the demo's assessments,
    /// checks or cases touch it, so a test's write to it means the same every run.
    /// </summary>
    public Task<Guid> KnownHouseholdAsync() => _knownHousehold ??= RegisterKnownHouseholdAsync();

    private async Task<Guid> RegisterKnownHouseholdAsync()
    {
        using var monitoring = await CreateGatewayClientAsync("poverty-office");
        var idNumber = IdNumbers.Born(new DateOnly(1968, 3, 14));
        using var response = await monitoring.PostAsJsonAsync("/monitoring/api/households",
            new { villageCode = "532623101012", headName = "熊正华", headIdNumber = idNumber, perCapitaIncome = 7800m });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var service in ServiceNames.HouseholdConsumers.Where(s => s != ServiceNames.CommandCentre))
        {
            using var department = await CreateGatewayClientAsync(service);
            await Eventually.GetAsync(async () =>
            {
                using var get = await department.GetAsync($"/{service}/api/households/{id}");
                return get.StatusCode == HttpStatusCode.OK ? "known" : null;
            }, $"household {id} in {service}");
        }
        return id;
    }

    /// <summary>A service's own address, bypassing the gateway.</summary>
    public Uri ServiceAddress(string service) => App.GetEndpoint(service, "http");

    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Xichou_AppHost>(
            [
                // Its own node from Debian's package, as ./run.sh does, even where ./test.sh exports a broker.
                "RabbitMq:Mode=Local",
                $"RabbitMq:Port={FreePort(5660, 5669)}",
                $"RabbitMq:DataDirectory={Path.Combine(_workDirectory, "rabbitmq")}",
                $"Database:DataDirectory={Path.Combine(_workDirectory, "data")}",
                $"Gateway:Port={FreePort(8090, 8099)}",
                "Demo:Enabled=true",
                // Every test signs in; the per-address login limit is for people guessing passwords.
                "Auth:LoginRateLimit:PermitsPerMinute=1000",
                $"Demo:Households={DemoHouseholds}",
                // The crash test kills a service: its restart waits longer than the gateway's probe needs to see it down
                // (two failed /alive probes 2 s apart), so the 503 it asserts does not race a restart within seconds.
                "CrashRestarts:FirstDelay=00:00:08",
            ],
            cancellation.Token);
        // The app host's health probes fail, by design, until each resource is up: keep their stack traces out of the test log.
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error));

        _app = await builder.BuildAsync(cancellation.Token);
        await _app.StartAsync(cancellation.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(ServiceNames.Gateway, cancellation.Token);
        GatewayAddress = _app.GetEndpoint(ServiceNames.Gateway, "http");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The broker may still be flushing its files; the temp folder is left for the OS to clean.
        }
    }

    private static int FreePort(int from, int to)
    {
        for (var port = from; port <= to; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use; try the next.
            }
        }
        throw new InvalidOperationException($"No free port in {from}-{to}.");
    }
}
