using System.Globalization;

namespace Xichou.Benchmarks;

internal static class Progress
{
    /// <summary>Waits for every event of the round to reach every consumer, reporting every few seconds, failing after the timeout.</summary>
    public static async Task WaitAsync(FanOutRound round, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var finished = await Task.WhenAny(round.Done, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (finished == round.Done)
            {
                return;
            }
            var perConsumer = string.Join(' ', round.StoredPerConsumer());
            Console.WriteLine($"  {round.Name}: {round.Completed}/{round.Expected} events everywhere (per consumer: {perConsumer})");
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{round.Name}: only {round.Completed} of {round.Expected} events reached all {round.ConsumerCount} consumers within {timeout.TotalSeconds:F0} s.");
            }
        }
    }

    public static string Describe(RoundResult result) => string.Create(CultureInfo.InvariantCulture,
        $"{result.Events} events in {result.Elapsed.TotalSeconds:F2} s = {result.EventsPerSecond:F0} events/s; fan-out latency p50 {result.P50Milliseconds:F1} ms, p99 {result.P99Milliseconds:F1} ms, max {result.MaxMilliseconds:F1} ms");
}
