using System.Diagnostics;
using Xichou.Contracts;
using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Import;

public abstract record ImportOutcome
{
    public sealed record Stored(int Households, int Members) : ImportOutcome;

    public sealed record Rejected(IReadOnlyList<ImportError> Errors) : ImportOutcome;

    /// <summary>The file as a whole is refused before its rows are read (too many rows, a zip bomb, formulas, not an .xlsx).</summary>
    public sealed record Refused(XlsxRefusal Why) : ImportOutcome;

    /// <summary>Another import is running in this replica.</summary>
    public sealed record Busy : ImportOutcome;

    /// <summary>The file holds more ID numbers registered outside the caller's jurisdiction than they may be told about now.</summary>
    public sealed record Limited(TimeSpan Window) : ImportOutcome;

    public static readonly string BusyTitle = Bilingual.Message("另一个导入正在进行", "Another import is running.");

    public static readonly string BusyDetail = Bilingual.Message("请等它完成后再上传（通常不超过一分钟）", "Upload again when it has finished (usually within a minute).");
}

/// <summary>How many imports may run at once in this replica (<see cref="ImportLimits.MaxConcurrentImports"/>): each holds a file and its households in memory.</summary>
public sealed class ImportGate(ImportLimits limits) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, limits.MaxConcurrentImports));

    /// <summary>A slot, or null at once when every slot is taken: a second import is refused, not queued behind a long one.</summary>
    public IDisposable? TryEnter() => _slots.Wait(0) ? new Slot(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>
/// Imports a register file all or nothing. Everything is checked first (the file, then its ID numbers against the
/// register in one query); only a file without a single error is stored, through the same
/// <see cref="HouseholdRegistration.Stage"/> as a registration, so each household has its members, its
/// <see cref="Contracts.HouseholdRegistered"/> outbox row and its audit line.
/// </summary>
public sealed class HouseholdImporter(
    MonitoringDbContext db, ImportProgressStore progress, ImportGate gate, ImportLimits limits, MonitoringPolicy policy,
    DuplicateIdNumbers duplicates, TimeProvider time)
{
    public async Task<ImportOutcome> ImportAsync(Stream xlsx, Jurisdiction jurisdiction, Actor actor, string? importId,
        CancellationToken cancellationToken)
    {
        using var slot = gate.TryEnter();
        if (slot is null)
        {
            return new ImportOutcome.Busy();
        }
        progress.Report(importId, actor.UserName, ImportStage.Reading, 0, 0);
        if (XlsxInspection.Inspect(xlsx, policy.ImportMaxRows, limits) is { } refusal)
        {
            progress.Report(importId, actor.UserName, ImportStage.Rejected, 0, 0);
            await AuditRefusedAsync(actor, new { refusal = refusal.Chinese }, cancellationToken);
            return new ImportOutcome.Refused(refusal);
        }
        var (households, errors) = HouseholdImport.Read(xlsx, jurisdiction, Beijing.Today(time), policy.ImportMaxRows);
        progress.Report(importId, actor.UserName, ImportStage.Validating, households.Count, 0);
        if (errors.Count == 0)
        {
            var registered = await AlreadyRegisteredAsync(households, jurisdiction, actor, cancellationToken);
            if (registered is ImportOutcome.Limited limited)
            {
                progress.Report(importId, actor.UserName, ImportStage.Rejected, households.Count, 0);
                return limited;
            }
            errors.AddRange(((ImportOutcome.Rejected)registered).Errors);
        }
        if (errors.Count > 0)
        {
            progress.Report(importId, actor.UserName, ImportStage.Rejected, households.Count, 0);
            await AuditRefusedAsync(actor, new { households = households.Count, errors = errors.Count, first = errors[0].Message }, cancellationToken);
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
            var collisions = await AlreadyRegisteredAsync(households, jurisdiction, actor, cancellationToken);
            if (collisions is ImportOutcome.Rejected { Errors.Count: 0 })
            {
                progress.Report(importId, actor.UserName, ImportStage.Failed, households.Count, 0);
                throw;
            }
            progress.Report(importId, actor.UserName, ImportStage.Rejected, households.Count, 0);
            return collisions;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        progress.Report(importId, actor.UserName, ImportStage.Stored, households.Count, households.Count);
        return new ImportOutcome.Stored(households.Count, members);
    }

    /// <summary>
    /// The file's ID numbers already on the register, each reported at its cell: with the household holding it when the
    /// caller's jurisdiction covers that household, else without saying where (<see cref="DuplicateIdNumbers"/>). Each is an
    /// audit line; numbers held elsewhere count against the caller's limit, and a file holding more of them than the caller
    /// has left is <see cref="ImportOutcome.Limited"/> and names no row at all.
    /// </summary>
    private async Task<ImportOutcome> AlreadyRegisteredAsync(
        List<ImportedHousehold> households, Jurisdiction jurisdiction, Actor actor, CancellationToken cancellationToken)
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
        var holders = new Dictionary<string, RegisteredHolder>(StringComparer.Ordinal);
        foreach (var chunk in cells.Keys.Chunk(5000))
        {
            foreach (var (idNumber, holder) in await HouseholdRegistration.HoldersAsync(db, chunk, cancellationToken))
            {
                holders.TryAdd(idNumber, holder);
            }
        }
        if (holders.Count == 0)
        {
            return new ImportOutcome.Rejected([]);
        }
        var elsewhere = holders.Count(h => !h.Value.IsWithin(jurisdiction));
        DuplicateAnswer hidden = elsewhere == 0 || await duplicates.RemainingAsync(db, actor, cancellationToken) >= elsewhere
            ? new DuplicateAnswer.Hidden()
            : new DuplicateAnswer.Limited(duplicates.Limits.Window);
        var errors = new List<ImportError>(holders.Count);
        foreach (var (idNumber, holder) in holders)
        {
            var within = holder.IsWithin(jurisdiction);
            var answer = within ? new DuplicateAnswer.Named(holder.Code) : hidden;
            duplicates.Audit(db, actor, holder, idNumber, "import", answer);
            errors.Add(new ImportError(cells[idNumber], HouseholdImport.IdNumber,
                within ? $"身份证号已在农户 {holder.Code} 中登记" : DuplicateIdNumbers.HiddenCellMessage));
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return hidden is DuplicateAnswer.Limited limited
            ? new ImportOutcome.Limited(limited.Window)
            : new ImportOutcome.Rejected([.. errors.OrderBy(e => e.Row)]);
    }

    /// <summary>A rejected import: who, when, why (the file's problem or how many errors), in the audit log.</summary>
    private async Task AuditRefusedAsync(Actor actor, object details, CancellationToken cancellationToken)
    {
        db.Audit(AuditEntry.Record(actor, AuditActions.Refuse, time.GetUtcNow(), reason: "import", details: details));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
