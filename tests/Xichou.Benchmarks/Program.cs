using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Xichou.Benchmarks;

if (args.Length > 0 && args[0] == "overview") { using var cancelOverview = new CancellationTokenSource(); return await OverviewBenchmark.RunAsync(args[1..], cancelOverview.Token); }
if (args.Length > 0 && args[0] == "import")
{
    using var cancelImport = new CancellationTokenSource();
    return await ImportBenchmark.RunAsync(args[1..], cancelImport.Token);
}
if (args.Length == 0 || args[0] != "pipeline")
{
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    Console.Error.WriteLine(ImportBenchmark.Usage);
    return 2;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args[1..]);
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
RoundResult raw, platform;
try
{
    await using (var broker = await LocalBroker.StartAsync(options.BrokerPort, work, stopping.Token))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Xichou pipeline benchmark: 1 event -> {Xichou.Contracts.ServiceNames.HouseholdConsumers.Count} consuming endpoints, {options.Events} events per phase after {options.WarmUp} warm-up, {Environment.ProcessorCount} cores"));
        Console.WriteLine($"broker: {(broker.IsLocal ? $"local node on 127.0.0.1:{options.BrokerPort}" : "ConnectionStrings__rabbitmq")}");

        await using var sampler = options.Diagnostics ? new Sampler() : null;
        var cpu = new CpuMeter(broker.ProcessGroup);
        raw = await RawPipeline.RunAsync(broker.ConnectionString, options, cpu, stopping.Token);
        await using (var pipeline = await PlatformPipeline.StartAsync(broker.ConnectionString, Path.Combine(work, "data"), options, stopping.Token))
        {
            platform = await pipeline.RunAsync(options, cpu, stopping.Token);
        }
    }
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

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run took {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s"));
Console.WriteLine($"raw      (MassTransit, confirms, no database):       {Progress.Describe(raw)}");
Console.WriteLine($"platform (registration, outbox, inbox, 8 databases): {Progress.Describe(platform)}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"cpu per event (services + broker): raw {raw.CpuMillisecondsPerEvent:F2} ms, platform {platform.CpuMillisecondsPerEvent:F2} ms (cost ratio {raw.CpuMillisecondsPerEvent / platform.CpuMillisecondsPerEvent:F2}); other processes kept {raw.OthersBusyPercent:F0}% and {platform.OthersBusyPercent:F0}% of the cores busy"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pipeline/raw ratio: {platform.EventsPerSecond / raw.EventsPerSecond:F2}"));
return 0;
