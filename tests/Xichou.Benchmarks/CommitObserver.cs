using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Xichou.Benchmarks;

/// <summary>
/// Watches a service's commits from outside its code: which <typeparamref name="TEntity"/> rows a committed
/// transaction added (whether through SaveChanges or <c>SaveInsertsAsync</c>), and how long the transaction
/// was open. Only observes; changes nothing.
/// </summary>
internal sealed class CommitObserver<TEntity>(Func<TEntity, Guid> idOf, Action<IReadOnlyList<Guid>> committed, CommitStats stats)
    : IDbTransactionInterceptor, ISaveChangesInterceptor where TEntity : class
{
    private readonly ConcurrentDictionary<DbContext, long> _started = new();
    private readonly ConcurrentDictionary<DbContext, List<Guid>> _saving = new();

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (eventData.Context is not null)
        {
            _started[eventData.Context] = Stopwatch.GetTimestamp();
        }
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is not { } context)
        {
            return;
        }
        // Still Added here: SaveChanges and SaveInsertsAsync accept the changes only after the commit.
        var ids = Added(context);
        if (_started.TryRemove(context, out var startedAt))
        {
            stats.Add(ids.Count, Stopwatch.GetElapsedTime(startedAt));
        }
        _saving.TryRemove(context, out _);
        if (ids.Count > 0)
        {
            committed(ids);
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // A SaveChanges of a single statement commits without a transaction of its own: seen here instead.
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            _saving[context] = Added(context);
        }
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavingChanges(eventData, result));

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is not null && _saving.TryRemove(eventData.Context, out var ids) && ids.Count > 0)
        {
            committed(ids);
        }
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _started.TryRemove(context, out _);
            _saving.TryRemove(context, out _);
        }
    }

    private List<Guid> Added(DbContext context)
    {
        var ids = new List<Guid>();
        var autoDetect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in context.ChangeTracker.Entries<TEntity>())
            {
                if (entry.State == EntityState.Added)
                {
                    ids.Add(idOf(entry.Entity));
                }
            }
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return ids;
    }
}

/// <summary>Commits of one database: how many, how many rows of interest each carried, how long their transactions were open.</summary>
internal sealed class CommitStats
{
    private long _commits;
    private long _rows;
    private long _ticks;
    private long _maxRows;

    public void Add(int rows, TimeSpan duration)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _ticks, duration.Ticks);
        long seen;
        while ((seen = Interlocked.Read(ref _maxRows)) < rows && Interlocked.CompareExchange(ref _maxRows, rows, seen) != seen)
        {
        }
    }

    public CommitSnapshot Take() => new(
        Interlocked.Exchange(ref _commits, 0), Interlocked.Exchange(ref _rows, 0),
        TimeSpan.FromTicks(Interlocked.Exchange(ref _ticks, 0)), Interlocked.Exchange(ref _maxRows, 0));
}

internal sealed record CommitSnapshot(long Commits, long Rows, TimeSpan Time, long MaxRows)
{
    public double RowsPerCommit => Commits == 0 ? 0 : (double)Rows / Commits;
    public double MillisecondsPerCommit => Commits == 0 ? 0 : Time.TotalMilliseconds / Commits;
}
