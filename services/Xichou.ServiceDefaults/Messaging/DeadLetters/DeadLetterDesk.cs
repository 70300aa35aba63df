using System.Globalization;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;

namespace Xichou.ServiceDefaults.Messaging.DeadLetters;

/// <summary>
/// Reads and replays the messages in this service's <c>_error</c> queues, for the operations page and API, on a RabbitMQ
/// connection of its own (opened per call: an operator acts rarely, and MassTransit's connection is not shared).
/// Reading never removes a message: each is taken without acknowledgement and all are handed back (nack, requeue) in one
/// go, so they keep their places. A replay republishes the message to the queue it failed on (the fault's input address),
/// waits for the broker's confirm, writes the audit line, and only then acknowledges the error queue's copy: a failure in
/// between leaves at worst a second copy, which the consumer's inbox drops.
/// </summary>
public sealed class DeadLetterDesk(string serviceName, Uri broker, DeadLetterQueues queues, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>How far a replay searches a queue for the message.</summary>
    public const int ReplaySearchLimit = 5000;

    private const string FaultHeaderPrefix = "MT-Fault-";

    public string ServiceName { get; } = serviceName;

    public async Task<DeadLetterList> ListAsync(int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var connection = await ConnectAsync(cancellationToken);
        var messages = new List<DeadLetter>();
        var counts = new List<ErrorQueueCount>();
        foreach (var queue in queues.ErrorQueues)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            if (await CountAsync(channel, queue, cancellationToken) is not { } count)
            {
                continue;
            }
            counts.Add(new ErrorQueueCount(queue, count));
            ulong? lastTag = null;
            while (messages.Count < limit && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } result)
            {
                lastTag = result.DeliveryTag;
                messages.Add(Describe(queue, result));
            }
            if (lastTag is { } tag)
            {
                await channel.BasicNackAsync(tag, multiple: true, requeue: true, cancellationToken);
            }
        }
        return new DeadLetterList([.. messages.OrderByDescending(m => m.FaultedAt)], counts, limit);
    }

    /// <summary>
    /// Sends the message back to its queue and removes it from the error queue, with an audit line in
    /// <paramref name="db"/>; null when no error queue of this service holds it.
    /// </summary>
    public async Task<DeadLetterReplayed?> ReplayAsync(Guid messageId, Actor actor, ServiceDbContext db, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        foreach (var queue in queues.ErrorQueues)
        {
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            if (await CountAsync(channel, queue, cancellationToken) is not > 0)
            {
                continue;
            }
            ulong? lastPassed = null;
            try
            {
                for (var searched = 0; searched < ReplaySearchLimit; searched++)
                {
                    if (await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is not { } result)
                    {
                        break;
                    }
                    var letter = Describe(queue, result);
                    if (letter.MessageId != messageId)
                    {
                        lastPassed = result.DeliveryTag;
                        continue;
                    }
                    var properties = new BasicProperties(result.BasicProperties) { Persistent = true };
                    if (properties.Headers is { } headers)
                    {
                        properties.Headers = headers
                            .Where(h => !h.Key.StartsWith(FaultHeaderPrefix, StringComparison.Ordinal) && h.Key != "MT-Reason")
                            .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
                    }
                    await channel.BasicPublishAsync("", letter.InputQueue, mandatory: true, properties, result.Body.ToArray(), cancellationToken);
                    db.Audit(AuditEntry.Record(actor, AuditActions.Replay, time.GetUtcNow(), letter.HouseholdId, details: new
                    {
                        messageId, messageType = letter.MessageType, from = queue, to = letter.InputQueue,
                        exceptionType = letter.ExceptionType, exceptionMessage = letter.ExceptionMessage,
                    }));
                    await db.SaveChangesAsync(cancellationToken);
                    await channel.BasicAckAsync(result.DeliveryTag, multiple: false, cancellationToken);
                    return new DeadLetterReplayed(messageId, queue, letter.InputQueue, letter.MessageType);
                }
            }
            finally
            {
                if (lastPassed is { } tag && channel.IsOpen)
                {
                    // Hand back every message passed over, in its place (the replayed one is acknowledged on its own).
                    await channel.BasicNackAsync(tag, multiple: true, requeue: true, CancellationToken.None);
                }
            }
        }
        return null;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = $"{ServiceName}-dead-letters" };
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    /// <summary>The queue's message count, or null when it does not exist (no message has failed there yet).</summary>
    private static async Task<uint?> CountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
    }

    private static DeadLetter Describe(string errorQueue, BasicGetResult result)
    {
        var headers = result.BasicProperties.Headers;
        string? Header(string name) => headers is not null && headers.TryGetValue(name, out var value) ? Text(value) : null;

        var (envelopeId, messageType, householdId) = ReadEnvelope(result.Body);
        var messageId = Guid.TryParse(result.BasicProperties.MessageId, out var id) ? id : envelopeId ?? Guid.Empty;
        var input = DeadLetterQueues.QueueOf(Uri.TryCreate(Header(FaultHeaderPrefix + "InputAddress"), UriKind.Absolute, out var address) ? address : null)
            ?? errorQueue[..^DeadLetterQueues.ErrorSuffix.Length];
        return new DeadLetter(
            messageId,
            errorQueue,
            input,
            messageType ?? Header(FaultHeaderPrefix + "MessageType") ?? "",
            householdId,
            Header(FaultHeaderPrefix + "ExceptionType") ?? "",
            DeadLetterText.Masked(Header(FaultHeaderPrefix + "Message")),
            Header(FaultHeaderPrefix + "ConsumerType"),
            DateTimeOffset.TryParse(Header(FaultHeaderPrefix + "Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            int.TryParse(Header(FaultHeaderPrefix + "RetryCount"), CultureInfo.InvariantCulture, out var retries) ? retries : null);
    }

    /// <summary>From MassTransit's JSON envelope: its message id, the message's type (short name) and the household it names.</summary>
    private static (Guid? MessageId, string? MessageType, Guid? HouseholdId) ReadEnvelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            Guid? messageId = root.TryGetProperty("messageId", out var idElement) && idElement.TryGetGuid(out var id) ? id : null;
            string? type = null;
            if (root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
            {
                var urn = types[0].GetString() ?? "";
                type = urn[(urn.LastIndexOf(':') + 1)..];
            }
            Guid? householdId = root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("householdId", out var household) && household.TryGetGuid(out var hid) ? hid : null;
            return (messageId, type, householdId);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
