using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Import;

public abstract record ImportOutcome
{
    public sealed record Stored(int Households, int Members) : ImportOutcome;

    public sealed record Rejected(IReadOnlyList<ImportError> Errors) : ImportOutcome;
}

/// <summary>
/// Imports a register file all or nothing. Everything is checked first (the file, then its ID numbers against the
/// register in one query); only a file without a single error is stored, through the same
/// <see cref="HouseholdRegistration.Stage"/> as a registration, so each household has its members, its
/// <see cref="Contracts.HouseholdRegistered"/> outbox row and its audit line.
/// </summary>
public sealed class HouseholdImporter(MonitoringDbContext db, ImportProgressStore progress, TimeProvider time)
{
    public async Task<ImportOutcome> ImportAsync(Stream xlsx, Jurisdiction jurisdiction, Actor actor, string? importId,
        CancellationToken cancellationToken)
    {
        progress.Report(importId, actor.UserName, ImportStage.Reading, 0, 0);
        var (households, errors) = HouseholdImport.Read(xlsx, jurisdiction);
        progress.Report(importId, actor.UserName, ImportStage.Validating, households.Count, 0);
        if (errors.Count == 0)
        {
            errors.AddRange(await AlreadyRegisteredAsync(households, cancellationToken));
        }
        if (errors.Count > 0)
        {
            progress.Report(importId, actor.UserName, ImportStage.Rejected, households.Count, 0);
            return new ImportOutcome.Rejected(errors);
        }

        // One SaveChanges is one transaction: a failure anywhere stores nothing. Chunks in one explicit transaction
        // would release the database write gate between chunks while SQLite's write lock is still held, and the next
        // writer through the gate would wait on that lock while this import waits on the gate.
        var now = time.GetUtcNow();
        var traceParent = Activity.Current?.Id;
        var members = 0;
        for (var i = 0; i < households.Count; i++)
        {
            var household = HouseholdRegistration.Stage(db, households[i].Request, actor, now, traceParent);
            members += household.Members.Count;
            if (i % 500 == 499)
            {
                progress.Report(importId, actor.UserName, ImportStage.Saving, households.Count, (i + 1) / 2);
            }
        }
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, details: new { import = households.Count, members }));
        progress.Report(importId, actor.UserName, ImportStage.Saving, households.Count, households.Count / 2);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone registered one of these ID numbers since the check: nothing of the file was stored.
            db.ChangeTracker.Clear();
            var collisions = await AlreadyRegisteredAsync(households, cancellationToken);
            if (collisions.Count == 0)
            {
                progress.Report(importId, actor.UserName, ImportStage.Failed, households.Count, 0);
                throw;
            }
            progress.Report(importId, actor.UserName, ImportStage.Rejected, households.Count, 0);
            return new ImportOutcome.Rejected(collisions);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        progress.Report(importId, actor.UserName, ImportStage.Stored, households.Count, households.Count);
        return new ImportOutcome.Stored(households.Count, members);
    }

    /// <summary>The file's ID numbers already on the register, each reported at its cell with the household holding it.</summary>
    private async Task<List<ImportError>> AlreadyRegisteredAsync(List<ImportedHousehold> households, CancellationToken cancellationToken)
    {
        var cells = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var household in households)
        {
            var members = household.Request.Members!;
            for (var i = 0; i < members.Count; i++)
            {
                cells.TryAdd(members[i].IdNumber!, household.MemberRows[i]);
            }
        }
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in cells.Keys.Chunk(5000))
        {
            var idNumbers = chunk.ToList();
            foreach (var holder in await db.Members.AsNoTracking().Where(m => idNumbers.Contains(m.IdNumber))
                .Join(db.Households, m => m.HouseholdId, h => h.Id, (m, h) => new { m.IdNumber, h.Code }).ToListAsync(cancellationToken))
            {
                holders.TryAdd(holder.IdNumber, holder.Code);
            }
            // Households registered before members were kept hold their head's number only on the household.
            foreach (var holder in await db.Households.AsNoTracking().Where(h => idNumbers.Contains(h.HeadIdNumber))
                .Select(h => new { h.HeadIdNumber, h.Code }).ToListAsync(cancellationToken))
            {
                holders.TryAdd(holder.HeadIdNumber, holder.Code);
            }
        }
        return [.. holders.Select(h => new ImportError(cells[h.Key], HouseholdImport.IdNumber, $"身份证号已在农户 {h.Value} 中登记"))
            .OrderBy(e => e.Row)];
    }
}
