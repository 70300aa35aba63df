using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xichou.Contracts;

[assembly: AssemblyFixture(typeof(Xichou.EndToEndTests.PlatformFixture))]

namespace Xichou.EndToEndTests;

/// <summary>
/// The whole platform as <c>./run.sh</c> starts it — the real app host, a RabbitMQ node from Debian's package,
/// eight services on SQLite files and the gateway — started once for every test in this assembly (~30 s).
/// Its broker, databases and gateway use their own port and folders, so a running <c>./run.sh</c> is not disturbed.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>Households the demo seeder registers at start-up.</summary>
    public const int DemoHouseholds = 30;

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("xichou-e2e-").FullName;
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform has not started.");

    /// <summary>The gateway's address; every request in these tests goes through it.</summary>
    public Uri GatewayAddress { get; private set; } = new("http://localhost");

    public HttpClient CreateGatewayClient() => new() { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Xichou_AppHost>(
            [
                // Its own node from Debian's package, as ./run.sh does, even where ./test.sh exports a broker.
                "RabbitMq:Mode=Local",
                $"RabbitMq:Port={FreePort(5660, 5669)}",
                $"RabbitMq:DataDirectory={Path.Combine(_workDirectory, "rabbitmq")}",
                $"Database:DataDirectory={Path.Combine(_workDirectory, "data")}",
                $"Gateway:Port={FreePort(8090, 8099)}",
                "Demo:Enabled=true",
                $"Demo:Households={DemoHouseholds}",
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
