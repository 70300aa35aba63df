using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Xichou.Contracts;

namespace Xichou.Benchmarks;

/// <summary>
/// <c>pipeline</c>: the raw baseline and the platform in one process against one broker, warmed up, then
/// <c>--rounds</c> pairs of rounds alternating raw, platform, raw, platform…, so both phases see the same machine at
/// nearly the same time; every round is printed, and the figure is the median of the rounds' platform/raw ratios.
/// <c>fanout</c>: the platform alone, registrations at a fixed rate (<c>--rate</c>, default 200/s), printing the fan-out
/// latency from a registration's commit to its presence in all seven department services.
/// </summary>
internal static class PipelineBenchmark
{
    public static async Task<int> RunAsync(string mode, string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        using var stopping = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopping.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });

        var started = Stopwatch.GetTimestamp();
        var work = Directory.CreateTempSubdirectory("xichou-benchmark-").FullName;
        try
        {
            await using var broker = await LocalBroker.StartAsync(options.BrokerPort, work, stopping.Token);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Xichou {mode} benchmark: 1 event -> {ServiceNames.HouseholdConsumers.Count} consuming endpoints, {options.Events} events per round after {options.WarmUp} warm-up, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
            Console.WriteLine($"broker: {(broker.IsLocal ? $"local node on 127.0.0.1:{options.BrokerPort}" : "ConnectionStrings__rabbitmq")}");
            await using var sampler = options.Diagnostics ? new Sampler() : null;
            var cpu = new CpuMeter(broker.ProcessGroup);
            var status = mode == "fanout"
                ? await FanOutAsync(broker, work, options, cpu, stopping.Token)
                : await PipelineAsync(broker, work, options, cpu, stopping.Token);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run took {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s"));
            return status;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopped");
            return 130;
        }
        finally
        {
            if (options.Keep)
            {
                Console.WriteLine($"kept {work}");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> PipelineAsync(LocalBroker broker, string work, BenchmarkOptions options, CpuMeter cpu, CancellationToken cancellationToken)
    {
        Console.WriteLine("platform: households registered through the register's real path (validation, group commit of household, head member, audit line and outbox rows, the outbox dispatcher), until all seven department services have stored them through their real consumers (inbox, batch, their own SQLite files)");
        await using var raw = await RawPipeline.StartAsync(broker.ConnectionString, options, cancellationToken);
        await using var platform = await PlatformPipeline.StartAsync(broker.ConnectionString, Path.Combine(work, "data"), options, cancellationToken);
        if (options.WarmUp > 0)
        {
            await raw.RunRoundAsync("raw warm-up", options.WarmUp, options, cpu, cancellationToken);
            await platform.RunRoundAsync("platform warm-up", options.WarmUp, options, cpu, 0, cancellationToken);
        }
        var rounds = new List<(RoundResult Raw, RoundResult Platform)>();
        for (var r = 1; r <= options.Rounds; r++)
        {
            var rawRound = await raw.RunRoundAsync($"raw {r}", options.Events, options, cpu, cancellationToken);
            var platformRound = await platform.RunRoundAsync($"platform {r}", options.Events, options, cpu, 0, cancellationToken);
            rounds.Add((rawRound, platformRound));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {r}: raw {rawRound.EventsPerSecond:F0} events/s, platform {platformRound.EventsPerSecond:F0} events/s (p50 {platformRound.P50Milliseconds:F0} ms, p99 {platformRound.P99Milliseconds:F0} ms), ratio {platformRound.EventsPerSecond / rawRound.EventsPerSecond:F2}"));
        }
        await platform.VerifyCountsAsync(cancellationToken);

        Console.WriteLine();
        Console.WriteLine("round  raw events/s  platform events/s  platform p50/p99 ms  cpu ms/event raw/platform  ratio");
        foreach (var (rawRound, platformRound, index) in rounds.Select((pair, i) => (pair.Raw, pair.Platform, i + 1)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{index,5}  {rawRound.EventsPerSecond,12:F0}  {platformRound.EventsPerSecond,17:F0}  {platformRound.P50Milliseconds,9:F0} / {platformRound.P99Milliseconds,-7:F0}  {rawRound.CpuMillisecondsPerEvent,12:F2} / {platformRound.CpuMillisecondsPerEvent,-11:F2}  {platformRound.EventsPerSecond / rawRound.EventsPerSecond:F2}"));
        }
        var ratios = rounds.Select(pair => pair.Platform.EventsPerSecond / pair.Raw.EventsPerSecond).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pipeline/raw ratio: {Median(ratios):F2} (median of {ratios.Length} round{(ratios.Length == 1 ? "" : "s")}; min {ratios.Min():F2}, max {ratios.Max():F2}; load average {LoadAverage()})"));
        PrintOverviewLag([.. rounds.Select(pair => pair.Platform)]);
        return 0;
    }

    private static async Task<int> FanOutAsync(LocalBroker broker, string work, BenchmarkOptions options, CpuMeter cpu, CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fanout: households registered through the register's real path at a steady {options.Rate:F0}/s; latency is from a registration's commit to the moment the last of the seven department services has stored it"));
        await using var platform = await PlatformPipeline.StartAsync(broker.ConnectionString, Path.Combine(work, "data"), options, cancellationToken);
        if (options.WarmUp > 0)
        {
            await platform.RunRoundAsync("fanout warm-up", options.WarmUp, options, cpu, options.Rate, cancellationToken);
        }
        var results = new List<RoundResult>();
        for (var r = 1; r <= options.Rounds; r++)
        {
            results.Add(await platform.RunRoundAsync($"fanout {r}", options.Events, options, cpu, options.Rate, cancellationToken));
        }
        await platform.VerifyCountsAsync(cancellationToken);
        Console.WriteLine();
        foreach (var (result, index) in results.Select((result, i) => (result, i + 1)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fanout {index} at {options.Rate:F0}/s: {result.Events} events, fan-out latency p50 {result.P50Milliseconds:F1} ms, p99 {result.P99Milliseconds:F1} ms, max {result.MaxMilliseconds:F1} ms; cpu {result.CpuMillisecondsPerEvent:F2} ms/event"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fan-out p99 at {options.Rate:F0}/s: {Median([.. results.Select(r => r.P99Milliseconds)]):F1} ms (median of {results.Count}; load average {LoadAverage()})"));
        PrintOverviewLag(results);
        return 0;
    }

    /// <summary>The command centre's overview behind the register over the platform's rounds: the worst round's p99 and every miss.</summary>
    private static void PrintOverviewLag(IReadOnlyList<RoundResult> rounds)
    {
        var lags = rounds.Select(r => r.Overview).OfType<OverviewLag>().ToArray();
        if (lags.Length == 0)
        {
            Console.WriteLine("command centre overview lag: no household was projected");
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"command centre overview lag p99: {lags.Max(l => l.P99Milliseconds):F1} ms (worst of {lags.Length} round{(lags.Length == 1 ? "" : "s")}; max {lags.Max(l => l.MaxMilliseconds):F1} ms; {lags.Sum(l => l.Missing)} not projected)"));
    }

    internal static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
