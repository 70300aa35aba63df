using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Data;

namespace Xichou.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox rows. Each round reads a batch of unsent rows, publishes them all at once
/// so their publisher confirms are in flight together, then stamps the confirmed ones sent in one
/// UPDATE. A row is only read after its transaction committed, so nothing uncommitted is published; a
/// row is only stamped after the broker confirmed it, so a crash at any point republishes rather than
/// loses (the stable message id lets every inbox drop the repeat). A row with a <see cref="OutboxMessage.Destination"/> is
/// sent to that one queue instead of published; its confirm is awaited with the rest of the batch.
/// </summary>
internal sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private static readonly ConcurrentDictionary<string, Type> ContractTypes = new(StringComparer.Ordinal);

    private static readonly TimeSpan StallReportInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Task<ISendEndpoint>> _sendEndpoints = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Rounds in which the broker confirmed nothing: said once a minute, so that a stalled outbox is seen in the log.
        DateTimeOffset? failingSince = null;
        var reported = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (read, failed) = await DispatchBatchAsync(settings.BatchSize, stoppingToken);
                var now = time.GetUtcNow();
                failingSince = failed > 0 && failed == read ? failingSince ?? now : null;
                if (failingSince is { } since && now - since >= StallReportInterval && now - reported >= StallReportInterval)
                {
                    LogStalled(now - since, read);
                    reported = now;
                }
                if (failed > 0)
                {
                    await Task.Delay(settings.RetryDelay, time, stoppingToken);
                }
                else if (read < settings.BatchSize)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogDispatchFailed(exception);
                await Task.Delay(settings.RetryDelay, time, stoppingToken);
            }
        }
    }

    private async Task<(int Read, int Failed)> DispatchBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.ParkedAt == null)
            .OrderBy(m => m.Sequence)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return (0, 0);
        }

        Dispatch[] outcomes;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.Value.PublishTimeout);
            outcomes = await Task.WhenAll(pending.Select(message => PublishAsync(message, timeout.Token, cancellationToken)));
        }
        var sent = new List<long>(pending.Count);
        var parked = new List<long>();
        for (var i = 0; i < pending.Count; i++)
        {
            if (outcomes[i] == Dispatch.Sent)
            {
                sent.Add(pending[i].Sequence);
            }
            else if (outcomes[i] == Dispatch.Unpublishable)
            {
                parked.Add(pending[i].Sequence);
            }
        }

        if (sent.Count > 0 || parked.Count > 0)
        {
            var now = time.GetUtcNow();
            using (await db.WriteGate.EnterAsync(cancellationToken))
            {
                if (sent.Count > 0)
                {
                    await db.OutboxMessages
                        .Where(m => sent.Contains(m.Sequence))
                        .ExecuteUpdateAsync(update => update.SetProperty(m => m.SentAt, now), cancellationToken);
                }
                if (parked.Count > 0)
                {
                    await db.OutboxMessages
                        .Where(m => parked.Contains(m.Sequence))
                        .ExecuteUpdateAsync(update => update.SetProperty(m => m.ParkedAt, now), cancellationToken);
                }
            }
        }
        return (pending.Count, pending.Count - sent.Count - parked.Count);
    }

    /// <param name="publishing">Cancelled when the batch's <see cref="OutboxOptions.PublishTimeout"/> is up, or the service stops.</param>
    private async Task<Dispatch> PublishAsync(OutboxMessage message, CancellationToken publishing, CancellationToken stopping)
    {
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = OutboxDiagnostics.ActivitySource.StartActivity("outbox dispatch", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.MessageId);
        object payload;
        Type type;
        try
        {
            type = ContractTypes.GetOrAdd(message.MessageType, ResolveContract);
            payload = JsonSerializer.Deserialize(message.Body, type, OutboxMessage.SerializerOptions)
                ?? throw new JsonException("The body is empty.");
        }
        catch (Exception exception) when (exception is InvalidOperationException or JsonException or NotSupportedException)
        {
            // No retry will ever publish it: keep the row (nothing committed is lost) but out of the dispatcher's
            // way, so one bad row cannot hold back every event behind it.
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogUnpublishable(exception, message.MessageId, message.MessageType);
            return Dispatch.Unpublishable;
        }
        if (message.Destination is { } destination)
        {
            activity?.SetTag("messaging.destination.name", destination);
        }
        try
        {
            // The timeout is enforced here, not only handed to the transport: after a broker restart RabbitMQ.Client 7.2
            // can leave a publish (or the channel it waits for) pending, and one such publish held the whole batch, and
            // every row behind it, for good.
            if (message.Destination is { } queue)
            {
                var resolving = SendEndpointAsync(queue);
                await Bounded(resolving, publishing);
                var endpoint = await resolving;
                await Bounded(endpoint.Send(payload, type, context => context.MessageId = message.MessageId, publishing), publishing);
            }
            else
            {
                await Bounded(bus.Publish(payload, type, context => context.MessageId = message.MessageId, publishing), publishing);
            }
            OutboxDiagnostics.Published.Add(1);
            return Dispatch.Sent;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            OutboxDiagnostics.Failed.Add(1);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogPublishFailed(exception, message.MessageId, message.MessageType);
            return Dispatch.Failed;
        }
    }

    /// <summary>
    /// Waits for <paramref name="task"/>, given up on when <paramref name="publishing"/> is cancelled even if the task itself
    /// goes on; a failure it ends with later is observed (the row is retried, there is nothing more to report).
    /// </summary>
    private static async Task Bounded(Task task, CancellationToken publishing)
    {
        try
        {
            await task.WaitAsync(publishing);
        }
        catch (OperationCanceledException) when (!task.IsCompleted)
        {
            _ = task.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>The send endpoint of a queue, made once per queue; one that failed to resolve is tried again next time.</summary>
    private async Task<ISendEndpoint> SendEndpointAsync(string queue)
    {
        var endpoint = _sendEndpoints.GetOrAdd(queue, name => bus.GetSendEndpoint(new Uri($"queue:{name}")));
        try
        {
            return await endpoint;
        }
        catch
        {
            _sendEndpoints.TryRemove(new KeyValuePair<string, Task<ISendEndpoint>>(queue, endpoint));
            throw;
        }
    }

    private static Type ResolveContract(string typeName) =>
        typeof(IHouseholdEvent).Assembly.GetType(typeName, throwOnError: false)
        ?? throw new InvalidOperationException($"'{typeName}' is not a contract in Xichou.Contracts.");

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} ({MessageType}) was not confirmed by the broker; it will be retried")]
    private partial void LogPublishFailed(Exception exception, Guid messageId, string messageType);

    [LoggerMessage(LogLevel.Error,
        "Outbox message {MessageId} ({MessageType}) cannot be published and is parked (ParkedAt set); clear ParkedAt to retry it")]
    private partial void LogUnpublishable(Exception exception, Guid messageId, string messageType);

    [LoggerMessage(LogLevel.Error,
        "The broker has confirmed none of the outbox's rows for {Duration} (the oldest {Pending} waiting); they are retried, nothing is lost")]
    private partial void LogStalled(TimeSpan duration, int pending);

    [LoggerMessage(LogLevel.Error, "Outbox dispatch round failed; retrying")]
    private partial void LogDispatchFailed(Exception exception);
}

internal enum Dispatch
{
    Sent,

    /// <summary>The broker did not confirm it: retried.</summary>
    Failed,

    /// <summary>Its contract is unknown or its body unreadable: no retry can succeed.</summary>
    Unpublishable,
}
