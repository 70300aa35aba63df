namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>Real timers, a clock the test moves forward (for the services' sweeps: escalation, referral deadlines).</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _offsetTicks;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() =>
        start + (DateTimeOffset.UtcNow - _started) + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
