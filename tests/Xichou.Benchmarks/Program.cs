using Xichou.Benchmarks;

if (args.Length > 0 && args[0] == "import")
{
    using var cancelImport = new CancellationTokenSource();
    return await ImportBenchmark.RunAsync(args[1..], cancelImport.Token);
}
if (args.Length > 0 && args[0] is "pipeline" or "fanout")
{
    return await PipelineBenchmark.RunAsync(args[0], args[1..]);
}
if (args.Length > 0 && args[0] == "gateway")
{
    return await GatewayBenchmark.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "overview")
{
    using var cancelOverview = new CancellationTokenSource();
    return await OverviewBenchmark.RunAsync(args[1..], cancelOverview.Token);
}
Console.Error.WriteLine(BenchmarkOptions.Usage);
Console.Error.WriteLine(ImportBenchmark.Usage);
Console.Error.WriteLine(GatewayBenchmark.Usage);
Console.Error.WriteLine(OverviewBenchmark.Usage);
return 2;
