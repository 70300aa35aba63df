using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Xichou.Benchmarks;

/// <summary>
/// Watches a service's SaveChanges from outside its code: which <typeparamref name="TEntity"/> rows a commit
/// added, reported once the commit succeeded, and how long the commit took. Only observes; changes nothing.
/// </summary>
internal sealed class CommitObserver<TEntity>(Func<TEntity, Guid> idOf, Action<IReadOnlyList<Guid>> committed, CommitStats stats)
    : SaveChangesInterceptor where TEntity : class
{
    private readonly ConcurrentDictionary<DbContext, (List<Guid> Ids, long StartedAt)> _saving = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Report(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Report(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is not null)
        {
            _saving.TryRemove(eventData.Context, out _);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var ids = new List<Guid>();
        foreach (var entry in context.ChangeTracker.Entries<TEntity>())
        {
            if (entry.State == EntityState.Added)
            {
                ids.Add(idOf(entry.Entity));
            }
        }
        _saving[context] = (ids, Stopwatch.GetTimestamp());
    }

    private void Report(DbContext? context)
    {
        if (context is not null && _saving.TryRemove(context, out var saving))
        {
            stats.Add(saving.Ids.Count, Stopwatch.GetElapsedTime(saving.StartedAt));
            if (saving.Ids.Count > 0)
            {
                committed(saving.Ids);
            }
        }
    }
}

/// <summary>Commits of one database: how many, how many rows of interest each carried, how long they took.</summary>
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
