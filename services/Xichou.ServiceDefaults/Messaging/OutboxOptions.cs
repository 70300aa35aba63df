namespace Xichou.ServiceDefaults.Messaging;

/// <summary>Bound from the <c>Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Rows read and published per round; their confirms are awaited together.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often to look for rows nobody signalled (left by a crash, or written by another replica).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause after the broker failed to confirm, before the batch is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
