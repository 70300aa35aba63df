using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>What the broker holds in a queue: ready messages and consumers, asked on a connection of the test's own.</summary>
public static class BrokerQueues
{
    public sealed record QueueState(uint Messages, uint Consumers);

    /// <summary>The queue's state, or null when it does not exist (or the broker is down).</summary>
    public static async Task<QueueState?> InspectAsync(string rabbitMq, string queue)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(rabbitMq), ClientProvidedName = "functional-tests-inspect" };
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            var ok = await channel.QueueDeclarePassiveAsync(queue);
            return new QueueState(ok.MessageCount, ok.ConsumerCount);
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
        catch (BrokerUnreachableException)
        {
            return null;
        }
    }

    /// <summary>Waits until at least <paramref name="consumers"/> consumers listen on the queue (a service process has started).</summary>
    public static Task WaitForConsumersAsync(string rabbitMq, string queue, int consumers, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(async () => await InspectAsync(rabbitMq, queue) is { } state && state.Consumers >= consumers,
            $"{consumers} consumer(s) on {queue}", timeout ?? TimeSpan.FromMinutes(2));
}
