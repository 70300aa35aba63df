using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Benchmarks;

/// <summary>
/// Each mode of tests/Xichou.Benchmarks, CI-sized, run as the built program exactly as the README's commands run it
/// (its own private broker, its own processes): the run ends with exit code 0 and prints its figure line. Nothing here
/// asserts a time or a rate: the figures are the benchmark's to print, not the suite's to judge on a shared machine.
/// </summary>
public sealed class BenchmarkSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_pipeline_mode_alternates_raw_and_platform_rounds_and_prints_the_median_ratio()
    {
        var printed = await RunAsync("pipeline", "--rounds", "2", "--events", "100", "--warmup", "20");

        Assert.Contains("round 1: raw", printed, StringComparison.Ordinal);
        Assert.Contains("round 2: raw", printed, StringComparison.Ordinal);
        Assert.Contains("all 8 services report 220 households", printed, StringComparison.Ordinal); // 20 warm-up + 2 × 100
        Assert.Matches(@"pipeline/raw ratio: [0-9.]+ \(median of 2 rounds", printed);
        Assert.Matches(@"command centre overview lag p99: [0-9.]+ ms \(worst of 2 rounds; max [0-9.]+ ms; 0 not projected\)", printed);
    }

    [Fact]
    public async Task The_fanout_mode_registers_at_a_fixed_rate_and_prints_the_latency_percentiles()
    {
        var printed = await RunAsync("fanout", "--rate", "50", "--events", "100", "--warmup", "20");

        Assert.Contains("100 registrations at a fixed 50/s", printed, StringComparison.Ordinal);
        Assert.Matches(@"fanout 1 at 50/s: 100 events, fan-out latency p50 [0-9.]+ ms, p99 [0-9.]+ ms", printed);
        Assert.Contains("fan-out p99 at 50/s:", printed, StringComparison.Ordinal);
        Assert.Matches(@"command centre overview lag p99: [0-9.]+ ms \(worst of 1 round; max [0-9.]+ ms; 0 not projected\)", printed);
    }

    [Fact]
    public async Task The_gateway_mode_measures_the_same_read_through_the_gateway_and_directly()
    {
        var printed = await RunAsync("gateway", "--rounds", "1", "--duration", "1", "--connections", "2");

        Assert.Matches(@"round 1: gateway [0-9]+ req/s, p50 [0-9.]+ ms, p99 [0-9.]+ ms; direct [0-9]+ req/s", printed);
        Assert.DoesNotContain("non-2xx", printed, StringComparison.Ordinal);
        Assert.Contains("gateway/direct ratio:", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_mode_stores_a_generated_file_fans_it_out_and_prints_its_times_and_memory()
    {
        var printed = await RunAsync("import", "--households", "200", "--batch", "64");

        Assert.Matches(@"import: 200 households, [0-9,]+ members stored in [0-9.]+ s", printed);
        Assert.Matches(@"fan-out: every household stored by all 7 departments [0-9.]+ s after the post", printed);
        Assert.Matches(@"during the import, managed heap peak [0-9,]+ MB", printed);
        Assert.Matches(@"peak working set of the whole process .*: [0-9,]+ MB before the import, [0-9,]+ MB at the end", printed);
        Assert.Contains("all 8 services report 200 households", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_mode_generates_a_county_and_prints_the_percentiles_of_each_request()
    {
        var printed = await RunAsync("overview", "--households", "2000", "--rounds", "20");

        Assert.Contains("overview benchmark: 2,000 households", printed, StringComparison.Ordinal);
        Assert.Matches(@"GET /api/overview \(county, cells warm\): p50 [0-9.]+ ms, p95 [0-9.]+ ms, max [0-9.]+ ms \(20 rounds\)", printed);
        Assert.Matches(@"GET /api/overview/households\?measure=overdue-visits&township= \(drill-down to households\): p50 [0-9.]+ ms, p95 [0-9.]+ ms", printed);
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var configuration = typeof(BenchmarkSmokeTests).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().First().Configuration;
        var program = Path.Combine(RepositoryRoot.Path, "tests", "Xichou.Benchmarks", "bin", configuration, "net10.0", "Xichou.Benchmarks");
        Assert.True(File.Exists(program), $"{program} is not built (./test.sh builds the solution)");
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Its own node, as a person runs it: the suite's shared broker carries other tests' services and queues.
        start.Environment.Remove("ConnectionStrings__rabbitmq");
        if (arguments[0] != "overview") // the overview's benchmark reads SQLite only
        {
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(FreeBrokerPort().ToString(CultureInfo.InvariantCulture));
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var standardOutput = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var printed = await standardOutput;
        output.WriteLine($"$ Xichou.Benchmarks {string.Join(' ', start.ArgumentList)}");
        output.WriteLine(printed);
        var errors = await standardError;
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {errors}");
        return printed;
    }

    /// <summary>A port in 5693-5699 whose distribution (+10000) and epmd (+21000) ports are free too.</summary>
    private static int FreeBrokerPort()
    {
        for (var port = 5693; port <= 5699; port++)
        {
            if (Free(port) && Free(port + 10000) && Free(port + 21000))
            {
                return port;
            }
        }
        throw new InvalidOperationException("No free broker port in 5693-5699.");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
