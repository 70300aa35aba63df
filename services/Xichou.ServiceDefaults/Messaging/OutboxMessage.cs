using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Xichou.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be published (the transactional outbox). Written in the same
/// SaveChanges as the business change; the dispatcher publishes it and stamps <see cref="SentAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxDestinationLength = 128;

    // Nulls left out: a department's members carry only its share's fields, and a row is stored until it is published.
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public long Sequence { get; private set; }

    /// <summary>Becomes the broker message id, so a republish after a crash is recognised by every inbox.</summary>
    public Guid MessageId { get; private set; }

    /// <summary>The contract's full type name in <c>Xichou.Contracts</c>.</summary>
    public string MessageType { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>
    /// The one queue the event is sent to (<c>queue:{Destination}</c>), when it is for one service alone; null when it is
    /// published to every subscriber.
    /// </summary>
    public string? Destination { get; private set; }

    /// <summary>The W3C traceparent of the request that raised the event, so the trace continues through the broker.</summary>
    public string? TraceParent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Set when the row can never be published (unknown contract, unreadable body): kept, but skipped.</summary>
    public DateTimeOffset? ParkedAt { get; private set; }

    /// <summary>A row that publishes <paramref name="integrationEvent"/>, or sends it to the queue <paramref name="destination"/> only.</summary>
    public static OutboxMessage From<TEvent>(TEvent integrationEvent, string? traceParent = null, string? destination = null)
        where TEvent : class
    {
        if (destination is not null && (string.IsNullOrWhiteSpace(destination) || destination.Length > MaxDestinationLength))
        {
            throw new ArgumentException($"A queue name is 1 to {MaxDestinationLength} characters.", nameof(destination));
        }
        return new()
        {
            MessageId = Guid.CreateVersion7(),
            // The runtime type, not TEvent: an event handed over as its base record (a ReferralEvent) is published as what it is.
            MessageType = integrationEvent.GetType().FullName!,
            Body = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), SerializerOptions),
            Destination = destination,
            TraceParent = traceParent ?? Activity.Current?.Id,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }
}

/// <summary>A message a consumer has applied: (message id, consumer) written in the consumer's own transaction.</summary>
public sealed class InboxMessage
{
    public required Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public required DateTimeOffset ProcessedAt { get; init; }
}
