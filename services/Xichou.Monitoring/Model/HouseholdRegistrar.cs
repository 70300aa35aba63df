using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Xichou.Contracts;
using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure;
using Xichou.ServiceDefaults.Auditing;

namespace Xichou.Monitoring.Model;

/// <summary>
/// Registrations that arrive together are committed together (group commit). Callers queue a validated
/// request; one writer takes everything waiting and saves it — households and their outbox rows — in one
/// transaction, then answers each caller. A lone request is saved at once, so nobody waits for a batch to fill;
/// under load a commit serves many. If the batch collides with the register (an ID number already there, or
/// the same number twice in it), nothing of it was saved, and each registration is saved alone so only the
/// duplicate is refused.
/// </summary>
public sealed partial class HouseholdRegistrar(IServiceScopeFactory scopes, TimeProvider time, ILogger<HouseholdRegistrar> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;

    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(2);

    // Named after the service's assembly, which the service defaults already trace.
    private static readonly ActivitySource ActivitySource = new(typeof(HouseholdRegistrar).Assembly.GetName().Name!);

    // A caller's write resumes the idle writer on the caller's own thread (no wait in the pool's queue), and the writer at
    // once hands that thread back, queueing itself on it to run next (WaitForWorkAsync).
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });

    public async Task<RegistrationOutcome> RegisterAsync(RegisterHouseholdRequest request, Actor actor, CancellationToken cancellationToken)
    {
        request = request.Normalized();
        var errors = HouseholdRegistration.Validate(request, Beijing.Today(time));
        if (!errors.IsEmpty)
        {
            return new RegistrationOutcome.Invalid(errors.ToDictionary());
        }
        // The request's trace travels with it, so the event still continues the caller's trace.
        var pending = new Pending(request, actor, Activity.Current?.Id);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The household registrar has stopped.");
        }
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        var expected = 1;
        try
        {
            while (await WaitForWorkAsync(stoppingToken))
            {
                Take(batch, MaxBatch);
                if (batch.Count < expected)
                {
                    await GatherAsync(batch, expected, stoppingToken);
                }
                await CommitAsync(batch, stoppingToken);
                expected = batch.Count;
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nobody waiting is left hanging.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var waiting))
            {
                batch.Add(waiting);
            }
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetCanceled(stoppingToken);
            }
        }
    }

    /// <summary>
    /// Until a registration is waiting (false: none will come). Resumed by a caller's write, the writer would otherwise run
    /// its commit on that caller's thread, keeping the caller (a request) until the queue empties; it requeues itself
    /// first, on that thread's own queue of the pool, which the thread takes next once the caller has gone on to wait for
    /// its outcome. Woken through the pool's shared queue instead, the writer waited behind the department consumers'
    /// work items about 2.5 ms of each 6.3 ms cycle with eight services on two cores (issue 13). A wait ended by its token
    /// (the linger's timer, the service stopping) is left the same way, so no commit runs on the thread that cancelled it.
    /// </summary>
    private async ValueTask<bool> WaitForWorkAsync(CancellationToken cancellationToken)
    {
        var wait = _queue.Reader.WaitToReadAsync(cancellationToken);
        if (wait.IsCompleted)
        {
            return await wait;
        }
        var ended = wait.AsTask();
        await ((Task)ended).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await default(NextOnThisThread);
        return await ended;
    }

    /// <summary>Continues as the next work item of the current pool thread (its local queue), not inline.</summary>
    private readonly struct NextOnThisThread : ICriticalNotifyCompletion
    {
        public NextOnThisThread GetAwaiter() => this;

        public bool IsCompleted => false;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) =>
            ThreadPool.QueueUserWorkItem(static run => run(), continuation, preferLocal: true);

        public void UnsafeOnCompleted(Action continuation) =>
            ThreadPool.UnsafeQueueUserWorkItem(static run => run(), continuation, preferLocal: true);
    }

    private void Take(List<Pending> batch, int upTo)
    {
        while (batch.Count < upTo && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    /// <summary>
    /// Fewer are waiting than the last commit served: the callers it answered are on their way back, each with its next
    /// registration. Waiting up to <see cref="Linger"/> for them (PostgreSQL's commit_delay) commits them together instead
    /// of committing the first alone and the rest after it. A lone caller (the last commit served one) never waits.
    /// </summary>
    private async Task GatherAsync(List<Pending> batch, int expected, CancellationToken stoppingToken)
    {
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        linger.CancelAfter(Linger);
        try
        {
            while (batch.Count < expected && await WaitForWorkAsync(linger.Token))
            {
                Take(batch, expected);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Waited long enough: commit those here.
        }
    }

    private async Task CommitAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        // The shared commit belongs to the first caller's trace and links every other caller's, so each request's
        // trace shows the transaction that saved it.
        ActivityContext.TryParse(batch[0].TraceParent, null, out var parent);
        using var activity = ActivitySource.StartActivity(
            ActivityKind.Internal, parent, links: ActivitySource.HasListeners() ? LinksOf(batch) : null, name: "register households");
        activity?.SetTag("xichou.registrations", batch.Count);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
            var now = time.GetUtcNow();
            var households = batch.ConvertAll(p => HouseholdRegistration.Stage(db, p.Request, p.Actor, now, p.TraceParent));
            try
            {
                await db.SaveRowsAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                LogBatchCollided(batch.Count);
                foreach (var pending in batch)
                {
                    pending.Outcome.TrySetResult(await HouseholdRegistration.RegisterAsync(
                        db, pending.Request, pending.Actor, time, cancellationToken, pending.TraceParent));
                    db.ChangeTracker.Clear();
                }
                return;
            }
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Outcome.TrySetResult(new RegistrationOutcome.Registered(households[i]));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(exception);
            }
        }
    }

    private static List<ActivityLink> LinksOf(List<Pending> batch)
    {
        var links = new List<ActivityLink>(batch.Count - 1);
        for (var i = 1; i < batch.Count; i++)
        {
            if (ActivityContext.TryParse(batch[i].TraceParent, null, out var context))
            {
                links.Add(new ActivityLink(context));
            }
        }
        return links;
    }

    [LoggerMessage(LogLevel.Information, "A batch of {Count} registrations collided with the register; saving them one by one")]
    private partial void LogBatchCollided(int count);

    private sealed record Pending(RegisterHouseholdRequest Request, Actor Actor, string? TraceParent)
    {
        public TaskCompletionSource<RegistrationOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
