using System.Collections.Concurrent;
using MassTransit;

namespace Xichou.ServiceDefaults.Messaging.DeadLetters;

/// <summary>
/// The service's own receive queues, learnt as MassTransit configures each endpoint: their <c>_error</c> queues are where a
/// message waits after its retries failed. Only these are read, never another service's.
/// </summary>
public sealed class DeadLetterQueues : IEndpointConfigurationObserver
{
    public const string ErrorSuffix = "_error";

    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    /// <summary>The receive queues, in name order.</summary>
    public IReadOnlyList<string> InputQueues => [.. _queues.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> ErrorQueues => [.. InputQueues.Select(queue => queue + ErrorSuffix)];

    public void Add(string queue) => _queues.TryAdd(queue, 0);

    public void EndpointConfigured<T>(T configurator) where T : IReceiveEndpointConfigurator
    {
        if (QueueOf(configurator.InputAddress) is { Length: > 0 } queue && !queue.EndsWith(ErrorSuffix, StringComparison.Ordinal))
        {
            Add(queue);
        }
    }

    /// <summary>The queue an address such as <c>rabbitmq://host/vhost/queue?bind=true</c> names.</summary>
    public static string? QueueOf(Uri? address) =>
        address is null ? null : address.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
}
