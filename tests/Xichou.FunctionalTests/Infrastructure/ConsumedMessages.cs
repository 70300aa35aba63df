using System.Collections.Concurrent;
using MassTransit;
using Xichou.Contracts;

namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>
/// Counts, by message id, the deliveries announcing a registration (<see cref="HouseholdRegistered"/>, or the
/// <see cref="HouseholdMembersShared"/> a department told about members hears it from) a service has finished consuming
/// (its batch committed and the message acknowledged) and those that faulted, so a test knows a redelivery
/// was really consumed rather than assuming it.
/// </summary>
public sealed class ConsumedMessages(string? ignoredQueue = null) : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> _completed = new();
    private readonly ConcurrentDictionary<Guid, int> _faulted = new();

    public int CompletedCount(Guid messageId) => _completed.GetValueOrDefault(messageId);

    public int FaultedCount(Guid messageId) => _faulted.GetValueOrDefault(messageId);

    /// <summary>Every delivery consumed to the end, redeliveries included.</summary>
    public int CompletedTotal => _completed.Values.Sum();

    /// <summary>The distinct messages consumed: <see cref="CompletedTotal"/> less this is how many repeats the inbox dropped.</summary>
    public int CompletedDistinct => _completed.Count;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Record(_completed, context);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Record(_faulted, context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Counts the deliveries of the household's events, except on <c>ignoredQueue</c> (the command centre also takes every
    /// event through its feed queue, a second consumer of the same message).
    /// </summary>
    private void Record<T>(ConcurrentDictionary<Guid, int> counts, ConsumeContext<T> context) where T : class
    {
        if (ignoredQueue is not null && context.ReceiveContext.InputAddress?.AbsolutePath.EndsWith($"/{ignoredQueue}", StringComparison.Ordinal) == true)
        {
            return;
        }
        if (context.Message is HouseholdRegistered or HouseholdMembersShared && context.MessageId is { } id)
        {
            counts.AddOrUpdate(id, 1, (_, count) => count + 1);
        }
    }
}
