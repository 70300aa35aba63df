using System.Collections.Concurrent;
using System.Diagnostics;

namespace Xichou.Benchmarks;

/// <summary>
/// One round of events fanned out to <see cref="ConsumerCount"/> consumers. An event counts once it is
/// committed (or published, in the raw phase) and every consumer has it; a consumer seeing an event
/// twice counts once, and events the round did not send (left on an external broker) never count.
/// </summary>
internal sealed class FanOutRound(string name, int expected, int consumerCount)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _allConsumers = (1 << consumerCount) - 1;
    private int _completed;
    private long _lastCompletedAt;

    public string Name => name;
    public int Expected => expected;
    public int ConsumerCount => consumerCount;
    public int Completed => Volatile.Read(ref _completed);
    public long StartedAt { get; private set; }

    public Task Done => _done.Task;

    public void Start() => StartedAt = Stopwatch.GetTimestamp();

    public void Committed(Guid id)
    {
        var entry = _entries.GetOrAdd(id, static _ => new Entry());
        var now = Stopwatch.GetTimestamp();
        if (Interlocked.CompareExchange(ref entry.CommittedAt, now, 0) == 0)
        {
            Volatile.Write(ref entry.IsCommitted, 1);
            TryComplete(entry);
        }
    }

    public void Stored(Guid id, int consumer)
    {
        var entry = _entries.GetOrAdd(id, static _ => new Entry());
        var before = Interlocked.Or(ref entry.Consumers, 1 << consumer);
        if ((before | (1 << consumer)) == _allConsumers && before != _allConsumers)
        {
            entry.CompletedAt = Stopwatch.GetTimestamp();
            Volatile.Write(ref entry.IsStoredEverywhere, 1);
            TryComplete(entry);
        }
    }

    /// <summary>The command centre has the household in the overview's tables (its feed projection committed).</summary>
    public void Projected(Guid id)
    {
        var entry = _entries.GetOrAdd(id, static _ => new Entry());
        Interlocked.CompareExchange(ref entry.ProjectedAt, Stopwatch.GetTimestamp(), 0);
    }

    /// <summary>Waits until every counted event is in the overview's tables too, or the timeout passes (the result says how many were not).</summary>
    public async Task WaitForProjectionsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (_entries.Values.Any(e => e.Counted == 1 && Interlocked.Read(ref e.ProjectedAt) == 0) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private void TryComplete(Entry entry)
    {
        if (Volatile.Read(ref entry.IsCommitted) == 1 && Volatile.Read(ref entry.IsStoredEverywhere) == 1
            && Interlocked.Exchange(ref entry.Counted, 1) == 0)
        {
            var at = Math.Max(entry.CompletedAt, entry.CommittedAt);
            long seen;
            while ((seen = Interlocked.Read(ref _lastCompletedAt)) < at
                && Interlocked.CompareExchange(ref _lastCompletedAt, at, seen) != seen)
            {
            }
            if (Interlocked.Increment(ref _completed) == expected)
            {
                _done.TrySetResult();
            }
        }
    }

    public RoundResult Result(CpuSample? cpuFrom = null, CpuSample? cpuTo = null)
    {
        var latencies = _entries.Values
            .Where(e => e.Counted == 1)
            .Select(e => Stopwatch.GetElapsedTime(e.CommittedAt, Math.Max(e.CompletedAt, e.CommittedAt)).TotalMilliseconds)
            .Order()
            .ToArray();
        var counted = _entries.Values.Where(e => e.Counted == 1).ToArray();
        var lags = counted.Where(e => Interlocked.Read(ref e.ProjectedAt) != 0)
            .Select(e => Stopwatch.GetElapsedTime(e.CommittedAt, Math.Max(e.ProjectedAt, e.CommittedAt)).TotalMilliseconds)
            .Order()
            .ToArray();
        var elapsed = Stopwatch.GetElapsedTime(StartedAt, Interlocked.Read(ref _lastCompletedAt));
        var (cpu, others) = cpuFrom is not null && cpuTo is not null ? CpuMeter.Cost(cpuFrom, cpuTo, Completed) : (double.NaN, double.NaN);
        return new RoundResult(name, Completed, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.LastOrDefault(), cpu, others)
        {
            Overview = lags.Length == 0 ? null : new OverviewLag(Percentile(lags, 0.50), Percentile(lags, 0.99), lags[^1], counted.Length - lags.Length),
        };
    }

    /// <summary>How many events each consumer has, for a progress line when a round is slow.</summary>
    public int[] StoredPerConsumer()
    {
        var counts = new int[consumerCount];
        foreach (var entry in _entries.Values)
        {
            for (var c = 0; c < consumerCount; c++)
            {
                if ((entry.Consumers & (1 << c)) != 0)
                {
                    counts[c]++;
                }
            }
        }
        return counts;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed class Entry
    {
        public long CommittedAt;
        public long CompletedAt;
        public int Consumers;
        public int IsCommitted;
        public int IsStoredEverywhere;
        public int Counted;
        public long ProjectedAt;
    }
}

internal sealed record RoundResult(
    string Name, int Events, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds,
    double CpuMillisecondsPerEvent, double OthersBusyPercent)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>Registration committed → the household in the command centre's overview tables; null when the round did not watch it (raw).</summary>
    public OverviewLag? Overview { get; init; }
}

/// <summary>The command centre's lag behind the register, and how many of the round's households it had not projected when the wait ended.</summary>
internal sealed record OverviewLag(double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds, int Missing);
