using MassTransit;
using Microsoft.EntityFrameworkCore;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.CommandCentre.Feed;

/// <summary>
/// Takes every event the overview follows, in batches: claims each in the inbox, keeps it in the event table and applies it
/// to the projections, all in one SaveChanges. The consumers take turns (<see cref="FeedGate"/>), so the order the events
/// are applied in is the order of <see cref="FeedEvent.Sequence"/>, which is the order a rebuild replays them in.
/// </summary>
public sealed class FeedConsumer<T>(CommandCentreDbContext db, FeedGate gate, OverviewSignal signal, TimeProvider time) : IConsumer<Batch<T>>
    where T : class, IHouseholdEvent
{
    private readonly string _inboxName = FeedRegistration.InboxPrefix + typeof(T).Name;

    public async Task Consume(ConsumeContext<Batch<T>> context)
    {
        await gate.ApplyAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow();
            var fresh = await db.ClaimAsync(_inboxName, context.Message, now, context.CancellationToken);
            if (fresh.Count == 0)
            {
                return;
            }
            // One message id is one event, whichever queue it came by: a copy under another consumer name is not kept twice.
            var ids = fresh.Select(m => m.MessageId!.Value).ToList();
            var kept = (await db.FeedEvents.Where(e => ids.Contains(e.MessageId)).Select(e => e.MessageId).ToListAsync(context.CancellationToken))
                .ToHashSet();
            var batch = await ProjectionBatch.LoadAsync(db, fresh.Select(m => (IHouseholdEvent)m.Message), context.CancellationToken);
            foreach (var message in fresh)
            {
                var id = message.MessageId!.Value;
                if (!kept.Add(id))
                {
                    continue;
                }
                db.FeedEvents.Add(Projector.Record(id, message.Message, now));
                await Projector.ApplyAsync(db, id, message.Message, context.CancellationToken, batch);
            }
            await db.SaveRowsAsync(context.CancellationToken);
        });
        signal.Changed();
    }
}

/// <summary>One writer of the projections at a time, so live application and replay see the same order.</summary>
public sealed class FeedGate : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task ApplyAsync(Func<Task> apply)
    {
        await _turn.WaitAsync();
        try
        {
            await apply();
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}

/// <summary>
/// Tells whoever waits (the overview's cache, the live stream) that the projections changed: a version number that only
/// grows, and a task that completes at the next change.
/// </summary>
public sealed class OverviewSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Changed()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            _version++;
            previous = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        previous.TrySetResult();
    }

    /// <summary>Completes at the next change.</summary>
    public Task NextChange
    {
        get
        {
            lock (_lock)
            {
                return _next.Task;
            }
        }
    }
}

public static class FeedRegistration
{
    public const string Queue = "command-centre-feed";

    /// <summary>The feed consumers' inbox names (<c>feed-{event}</c>), apart from the copy of the register's.</summary>
    public const string InboxPrefix = "feed-";

    public static IBusRegistrationConfigurator AddFeedConsumers(this IBusRegistrationConfigurator bus)
    {
        Add<HouseholdRegistered>(bus);
        Add<HouseholdDetailsChanged>(bus);
        Add<HouseholdStatusChanged>(bus);
        Add<RiskRegistered>(bus);
        Add<RiskClosed>(bus);
        Add<RiskIdentified>(bus);
        Add<FindingCleared>(bus);
        Add<RiskEscalated>(bus);
        Add<HouseholdVisited>(bus);
        Add<CadrePaired>(bus);
        Add<SurveyRecorded>(bus);
        Add<HouseholdPaid>(bus);
        Add<ReferralRequested>(bus);
        Add<ReferralAccepted>(bus);
        Add<ReferralDelivered>(bus);
        Add<ReferralRejected>(bus);
        Add<ReferralWithdrawn>(bus);
        Add<ReferralEscalated>(bus);
        return bus;
    }

    private static void Add<T>(IBusRegistrationConfigurator bus) where T : class, IHouseholdEvent =>
        bus.AddConsumer<FeedConsumer<T>>(consumer => consumer.Options<BatchOptions>(batch => batch
                .SetMessageLimit(100)
                .SetTimeLimit(TimeSpan.FromMilliseconds(25))
                .SetTimeLimitStart(BatchTimeLimitStart.FromFirst)
                .SetConcurrencyLimit(1)))
            .Endpoint(endpoint => endpoint.Name = Queue);
}
