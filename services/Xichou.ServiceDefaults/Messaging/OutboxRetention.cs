using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xichou.ServiceDefaults.Data;

namespace Xichou.ServiceDefaults.Messaging;

/// <summary>
/// Deletes outbox rows the broker confirmed longer than <see cref="OutboxOptions.Retention"/> ago: their bodies are full
/// events (names, places) that nothing reads once sent. Unsent and parked rows stay whatever their age, because they are
/// still to be published or looked at. Inbox rows older than the retention go too: redeliveries come within minutes, so
/// a message id a week old guards against nothing. Batches of <see cref="OutboxOptions.RetentionBatchSize"/>, each its
/// own short statement; two replicas sweeping at once delete each row once (the second finds it gone).
/// </summary>
public sealed partial class OutboxRetention<TContext>(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxRetention<TContext>> logger)
    : BackgroundService
    where TContext : ServiceDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweep, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPruneFailed(exception, options.Value.RetentionSweep);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes what is past the retention; returns how many outbox and inbox rows this call deleted.</summary>
    public async Task<(int Outbox, int Inbox)> PruneAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        // Stored values are UTC; SQLite compares them as text, so the cut-off is written the same way.
        var cutoff = time.GetUtcNow().ToUniversalTime() - settings.Retention;
        var batch = Math.Max(1, settings.RetentionBatchSize);
        var outbox = await DeleteInBatchesAsync(batch, (db, ct) => db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlAsync(
                $"DELETE TOP ({batch}) FROM [OutboxMessages] WHERE [SentAt] IS NOT NULL AND [SentAt] < {cutoff}", ct)
            : db.Database.ExecuteSqlAsync(
                $"""DELETE FROM "OutboxMessages" WHERE "Sequence" IN (SELECT "Sequence" FROM "OutboxMessages" WHERE "SentAt" IS NOT NULL AND "SentAt" < {cutoff} ORDER BY "Sequence" LIMIT {batch})""", ct),
            cancellationToken);
        var inbox = await DeleteInBatchesAsync(batch, (db, ct) => db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlAsync($"DELETE TOP ({batch}) FROM [InboxMessages] WHERE [ProcessedAt] < {cutoff}", ct)
            : db.Database.ExecuteSqlAsync(
                $"""DELETE FROM "InboxMessages" WHERE ("MessageId", "Consumer") IN (SELECT "MessageId", "Consumer" FROM "InboxMessages" WHERE "ProcessedAt" < {cutoff} LIMIT {batch})""", ct),
            cancellationToken);
        if (outbox > 0 || inbox > 0)
        {
            LogPruned(outbox, inbox, settings.Retention);
        }
        return (outbox, inbox);
    }

    private async Task<int> DeleteInBatchesAsync(int batch, Func<TContext, CancellationToken, Task<int>> deleteBatch, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            using (await db.WriteGate.EnterAsync(cancellationToken))
            {
                deleted = await deleteBatch(db, cancellationToken);
            }
            total += deleted;
        }
        while (deleted >= batch);
        return total;
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Outbox} sent outbox rows and {Inbox} inbox rows older than {Retention}")]
    private partial void LogPruned(int outbox, int inbox, TimeSpan retention);

    [LoggerMessage(LogLevel.Warning, "Outbox retention sweep failed; trying again in {Sweep}")]
    private partial void LogPruneFailed(Exception exception, TimeSpan sweep);
}
