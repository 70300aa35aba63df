using System.Collections.Concurrent;
using MassTransit;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Feed;

/// <summary>
/// A subscriber of the test's own on the real broker, bound like any service's queue to the register feed's events, so a test
/// sees what was really published (not only what the outbox promised). Its queue is deleted when it stops.
/// </summary>
public sealed class FeedSubscriber : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<object> _received = new();

    private FeedSubscriber(string rabbitMq)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(rabbitMq));
            rabbit.ReceiveEndpoint($"functional-tests-feed-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<RiskRegistered>(Keep);
                endpoint.Handler<RiskClosed>(Keep);
                endpoint.Handler<RiskEscalated>(Keep);
                endpoint.Handler<HouseholdVisited>(Keep);
                endpoint.Handler<CadrePaired>(Keep);
                endpoint.Handler<SurveyRecorded>(Keep);
            });
        });
    }

    public static async Task<FeedSubscriber> StartAsync(Platform platform)
    {
        var subscriber = new FeedSubscriber(platform.RabbitMqConnectionString);
        await subscriber._bus.StartAsync(TestContext.Current.CancellationToken);
        return subscriber;
    }

    /// <summary>Every <typeparamref name="T"/> received so far that <paramref name="match"/> selects, in arrival order.</summary>
    public List<T> All<T>(Func<T, bool> match) => [.. _received.OfType<T>().Where(match)];

    /// <summary>Waits for a <typeparamref name="T"/> that <paramref name="match"/> selects, and returns the first.</summary>
    public Task<T> WaitForAsync<T>(Func<T, bool> match, string what) where T : class =>
        Eventually.GetAsync(() => Task.FromResult(_received.OfType<T>().FirstOrDefault(match)), $"{typeof(T).Name} on the broker: {what}", TimeSpan.FromMinutes(1));

    /// <summary>Waits until <paramref name="count"/> matching messages have arrived, and returns them.</summary>
    public async Task<List<T>> WaitForAsync<T>(Func<T, bool> match, int count, string what) where T : class
    {
        await Eventually.TrueAsync(() => Task.FromResult(All(match).Count >= count), $"{count} {typeof(T).Name} on the broker: {what}", TimeSpan.FromMinutes(1));
        return All(match);
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync(CancellationToken.None);

    private Task Keep<T>(ConsumeContext<T> context) where T : class
    {
        _received.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
