using Microsoft.EntityFrameworkCore;
using Xichou.CommandCentre.Infrastructure;

namespace Xichou.CommandCentre.Feed;

/// <summary>
/// Empties the overview's projections and replays the event table into them in the order the events were applied
/// (<c>dotnet run --project services/Xichou.CommandCentre -- rebuild-projections</c>, or <c>POST /api/overview/rebuild</c>).
/// The consumers wait at the gate meanwhile, so nothing is applied twice or missed.
/// </summary>
public sealed class ProjectionRebuild(CommandCentreDbContext db, FeedGate gate, OverviewSignal signal)
{
    public const int ChunkSize = 500;

    /// <summary>The command-line argument that runs a rebuild instead of the service.</summary>
    public const string Command = "rebuild-projections";

    public sealed record Result(long Events, TimeSpan Took);

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        long replayed = 0;
        await gate.ApplyAsync(async () =>
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                using (await db.WriteGate.EnterAsync(ct))
                {
                    await db.MeasureFacts.ExecuteDeleteAsync(ct);
                    await db.Escalations.ExecuteDeleteAsync(ct);
                    await db.PaymentProjections.ExecuteDeleteAsync(ct);
                    await db.ReferralProjections.ExecuteDeleteAsync(ct);
                    await db.RiskProjections.ExecuteDeleteAsync(ct);
                    await db.HouseholdProjections.ExecuteDeleteAsync(ct);
                }
                long after = 0;
                while (true)
                {
                    db.ChangeTracker.Clear();
                    var chunk = await db.FeedEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence)
                        .Take(ChunkSize).ToListAsync(ct);
                    if (chunk.Count == 0)
                    {
                        break;
                    }
                    var events = chunk.Select(stored => (stored.MessageId, Event: Projector.Read(stored))).ToList();
                    var batch = await ProjectionBatch.LoadAsync(db, events.Select(e => e.Event), ct);
                    foreach (var (messageId, message) in events)
                    {
                        await Projector.ApplyAsync(db, messageId, message, ct, batch);
                    }
                    await db.SaveChangesAsync(ct);
                    after = chunk[^1].Sequence;
                    replayed += chunk.Count;
                }
                await transaction.CommitAsync(ct);
            }
            db.ChangeTracker.Clear();
        });
        signal.Changed();
        return new Result(replayed, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}
