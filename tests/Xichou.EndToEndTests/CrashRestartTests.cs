using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>Killing a service's process: it runs alone, after every other test, since the whole platform feels it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "crash";
}

/// <summary>
/// A service killed under the app host (SIGKILL, as a crash or the OOM killer would) is restarted by the app host, and
/// while it is down the gateway answers for it at once with a 503 problem and names it in its /health.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashRestartTests(PlatformFixture platform)
{
    /// <summary>The child of <paramref name="pid"/> running the service's own executable, else <paramref name="pid"/> itself.</summary>
    private static int ServiceProcess(int pid)
    {
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                var text = File.ReadAllText(stat);
                // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == pid)
                {
                    return int.Parse(Path.GetFileName(Path.GetDirectoryName(stat))!, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Not a process, or gone.
            }
        }
        return pid;
    }

    [Fact]
    public async Task A_killed_monitoring_service_is_restarted_and_meanwhile_the_gateway_answers_503_and_names_it()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper;
        var notifications = platform.App.ResourceNotifications;
        await notifications.WaitForResourceHealthyAsync(ServiceNames.Monitoring, cancellation);
        Assert.True(notifications.TryGetCurrentState(ServiceNames.Monitoring, out var running));
        var pid = Convert.ToInt32(running.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value?.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        using var office = await platform.CreateGatewayClientAsync("poverty-office");
        using var anonymous = platform.CreateGatewayClient();

        var clock = Stopwatch.StartNew();
        // DCP runs a project as `dotnet run`, whose child is the service itself: that is the process that crashes.
        var servicePid = ServiceProcess(pid);
        using (var process = Process.GetProcessById(servicePid))
        {
            process.Kill();
        }
        await notifications.WaitForResourceAsync(ServiceNames.Monitoring,
            e => e.Snapshot.State?.Text is "Exited" or "Finished" || e.Snapshot.Properties.Any(p => p.Name == "executable.pid" && p.Value?.ToString() != pid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            cancellation);
        var exitedAfter = clock.Elapsed;

        // While it is down: a request answers within seconds (503 once the gateway's probe has noticed, or 200 if the
        // service is already back), and /health names it.
        var requests = new List<(HttpStatusCode Status, TimeSpan Took, string? Service)>();
        string? healthNamed = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !requests.Any(r => r.Status == HttpStatusCode.OK))
        {
            var sent = Stopwatch.StartNew();
            using var response = await office.GetAsync("/monitoring/api/households?limit=1", cancellation);
            string? service = null;
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                service = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("service").GetString();
            }
            requests.Add((response.StatusCode, sent.Elapsed, service));
            using var health = await anonymous.GetAsync("/health", cancellation);
            var report = await health.Content.ReadFromJsonAsync<JsonElement>(cancellation);
            if (report.GetProperty("down").EnumerateArray().Any(d => d.GetString() == ServiceNames.Monitoring))
            {
                healthNamed ??= report.GetProperty("status").GetString();
            }
            await Task.Delay(250, cancellation);
        }
        await notifications.WaitForResourceHealthyAsync(ServiceNames.Monitoring, cancellation);
        var healthyAfter = clock.Elapsed;
        var okAfter = requests.Any(r => r.Status == HttpStatusCode.OK) ? clock.Elapsed : (TimeSpan?)null;

        output?.WriteLine($"kill → exited seen: {exitedAfter.TotalSeconds:0.0} s; kill → healthy again: {healthyAfter.TotalSeconds:0.0} s; "
            + $"first 200 through the gateway by {okAfter?.TotalSeconds:0.0} s; {requests.Count} requests while down, "
            + $"statuses {string.Join(",", requests.Select(r => (int)r.Status))}, slowest {requests.Max(r => r.Took).TotalSeconds:0.00} s; "
            + $"/health while down: {healthNamed ?? "never saw it"}");
        Assert.All(requests, r => Assert.True(r.Took < TimeSpan.FromSeconds(10), $"a request took {r.Took.TotalSeconds:0.0} s"));
        Assert.All(requests.Where(r => r.Status != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status);
            Assert.Equal(ServiceNames.Monitoring, r.Service);
        });
        Assert.Contains(requests, r => r.Status == HttpStatusCode.ServiceUnavailable);
        // The gateway's /health naming a service that is down is shown deterministically by ServiceDownTests (a closed port);
        // here the service may be back before a health poll lands, but whenever one named it, the gateway was Degraded.
        Assert.True(healthNamed is null or "Degraded", $"/health named monitoring as down with status {healthNamed}");
        Assert.True(healthyAfter < TimeSpan.FromSeconds(90), $"healthy again after {healthyAfter.TotalSeconds:0} s");
        await Eventually.GetAsync(async () =>
        {
            using var again = await office.GetAsync("/monitoring/api/households?limit=1", cancellation);
            return again.StatusCode == HttpStatusCode.OK ? "ok" : null;
        }, "monitoring through the gateway again");
    }
}
