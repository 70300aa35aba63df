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

    /// <summary>
    /// How long one publish may wait for the broker's confirm before it counts as failed and is retried. RabbitMQ.Client 7
    /// can leave a publish in flight when the broker restarts waiting for a confirm that never comes
    /// (rabbitmq/rabbitmq-dotnet-client#1930), and the dispatcher waits for a whole batch: without a limit it stopped
    /// for good. A retried row keeps its message id, so an inbox drops it if the first copy did arrive.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a sent row (and an inbox row) is kept before <see cref="OutboxRetention{TContext}"/> deletes it.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan RetentionSweep { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so no sweep holds a long lock.</summary>
    public int RetentionBatchSize { get; set; } = 1000;
}
