using System.Diagnostics;
using System.Globalization;

namespace Xichou.Benchmarks;

/// <summary>With <c>--diagnostics</c>: once a second, this process's CPU use and the thread pool's state.</summary>
internal sealed class Sampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public Sampler() => _loop = RunAsync(_stop.Token);

    private static async Task RunAsync(CancellationToken cancellationToken)
    {
        var process = Process.GetCurrentProcess();
        var lastCpu = process.TotalProcessorTime;
        var lastAt = Stopwatch.GetTimestamp();
        var lastContention = Monitor.LockContentionCount;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var elapsed = Stopwatch.GetElapsedTime(lastAt);
                var contention = Monitor.LockContentionCount;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    [sample] cpu {(cpu - lastCpu).TotalSeconds / elapsed.TotalSeconds * 100:F0}% threads {ThreadPool.ThreadCount} pending {ThreadPool.PendingWorkItemCount} completed {ThreadPool.CompletedWorkItemCount} lock contention {contention - lastContention}"));
                lastCpu = cpu;
                lastAt = Stopwatch.GetTimestamp();
                lastContention = contention;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
