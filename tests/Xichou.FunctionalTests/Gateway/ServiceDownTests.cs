using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Xichou.Contracts;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>
/// A service that is down, as the gateway sees it: its port closed. A request to it is a 503 problem naming the
/// service within seconds (not YARP's empty 502 or a 504 after 100 s), and the gateway's /health names it.
/// </summary>
public class ServiceDownTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// A loopback port nothing listens on, held for the test: bound and never listened on, so a connection is refused and no
    /// other test's server can take the port meanwhile (a port bound and released was once taken by one, and "monitoring"
    /// answered).
    /// </summary>
    private static Socket ClosedPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static Task<GatewayHost> GatewayWithMonitoringDownAsync(Socket closed) =>
        GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            [$"services:{ServiceNames.Monitoring}:http:0"] = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}",
        });

    [Fact]
    public async Task A_request_to_a_service_that_is_down_is_a_503_problem_naming_it_within_seconds()
    {
        using var closed = ClosedPort();
        await using var host = await GatewayWithMonitoringDownAsync(closed);
        using var client = host.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var login = await GatewayHost.LogInAsync(client, "poverty-office", Xichou.Gateway.Identity.DemoUsers.Password);

        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri("/monitoring/api/households", UriKind.Relative), Cancellation);
        watch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("monitoring", problem.GetProperty("service").GetString());
        var title = problem.GetProperty("title").GetString()!;
        Assert.Contains("监测", title, StringComparison.Ordinal);
        Assert.Contains("The monitoring service is unavailable", title, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"answered after {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task The_gateways_health_names_the_service_that_is_down_in_JSON()
    {
        using var closed = ClosedPort();
        await using var host = await GatewayWithMonitoringDownAsync(closed);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), Cancellation);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains("monitoring", health.GetProperty("down").EnumerateArray().Select(e => e.GetString()));
        var monitoring = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "monitoring");
        Assert.Equal("Degraded", monitoring.GetProperty("status").GetString());
        Assert.Contains("监测帮扶服务不可用", monitoring.GetProperty("description").GetString(), StringComparison.Ordinal);
        var database = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "gateway-db");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
    }
}
