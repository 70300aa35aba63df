using System.Diagnostics;
using System.Globalization;
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

/// <summary>How many imports may run at once in this replica (<see cref="ImportLimits.MaxConcurrentImports"/>): each holds its file in memory and the database's write gate while it stores.</summary>
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
/// Imports a register file all or nothing, without holding it: the sheet is streamed once to check every household
/// (<see cref="HouseholdImport.CheckGrouped"/>, keeping only the ID numbers and their rows; a file whose households' rows are
/// apart takes a pass more, <see cref="HouseholdImport.Scan"/>), the ID numbers are then asked of the register, and only a
/// file without a single error is streamed again into the database: <see cref="ImportLimits.BatchHouseholds"/> households per SaveChanges,
/// all inside one transaction, each through the same <see cref="HouseholdRegistration.Stage"/> as a registration, so each
/// household has its members, its <see cref="Contracts.HouseholdRegistered"/> outbox row and its audit line, and each save
/// its members messages to the departments.
/// </summary>
public sealed class HouseholdImporter(
    MonitoringDbContext db, ImportProgressStore progress, ImportGate gate, ImportLimits limits, MonitoringPolicy policy,
    DuplicateIdNumbers duplicates, TimeProvider time)
{
    private const int ProgressEvery = 1000;

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
        var today = Beijing.Today(time);
        var errors = new List<ImportError>();
        var households = 0;
        var idNumberRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var sheet = HouseholdImport.CheckGrouped(xlsx, policy.ImportMaxRows, jurisdiction, today, errors, idNumberRows, _ => households++, out var apart);
        if (apart)
        {
            // A household's rows apart in the file: a pass for where each ends, then the check with it.
            households = 0;
            sheet = HouseholdImport.Scan(xlsx, policy.ImportMaxRows, errors);
            if (sheet is not null)
            {
                progress.Report(importId, actor.UserName, ImportStage.Validating, sheet.Households, 0);
                foreach (var _ in HouseholdImport.Households(xlsx, sheet, jurisdiction, today, errors, idNumberRows))
                {
                    if (++households % ProgressEvery == 0)
                    {
                        progress.Report(importId, actor.UserName, ImportStage.Validating, sheet.Households, households);
                    }
                }
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        progress.Report(importId, actor.UserName, ImportStage.Validating, households, households);
        errors = HouseholdImport.Sorted(errors);
        if (errors.Count == 0)
        {
            var registered = await AlreadyRegisteredAsync(idNumberRows, jurisdiction, actor, cancellationToken);
            if (registered is ImportOutcome.Limited limited)
            {
                progress.Report(importId, actor.UserName, ImportStage.Rejected, households, 0);
                return limited;
            }
            errors.AddRange(((ImportOutcome.Rejected)registered).Errors);
        }
        if (errors.Count > 0)
        {
            progress.Report(importId, actor.UserName, ImportStage.Rejected, households, 0);
            await AuditRefusedAsync(actor, new { households, errors = errors.Count, first = errors[0].Message }, cancellationToken);
            return new ImportOutcome.Rejected(errors);
        }

        progress.Report(importId, actor.UserName, ImportStage.Saving, households, 0);
        int members;
        try
        {
            members = await StoreAsync(xlsx, sheet!, jurisdiction, today, actor, households, importId, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone registered one of these ID numbers since the check: the transaction rolled back, nothing was stored.
            var collisions = await AlreadyRegisteredAsync(idNumberRows, jurisdiction, actor, cancellationToken);
            if (collisions is ImportOutcome.Rejected { Errors.Count: 0 })
            {
                progress.Report(importId, actor.UserName, ImportStage.Failed, households, 0);
                throw;
            }
            progress.Report(importId, actor.UserName, ImportStage.Rejected, households, 0);
            return collisions;
        }
        catch
        {
            progress.Report(importId, actor.UserName, ImportStage.Failed, households, 0);
            throw;
        }
        progress.Report(importId, actor.UserName, ImportStage.Stored, households, households);
        return new ImportOutcome.Stored(households, members);
    }

    /// <summary>
    /// Streams the checked file into the register: a SaveChanges per batch, the tracker cleared after each so that memory
    /// holds one batch, all in one transaction that holds the database's write gate, so a failure anywhere stores nothing.
    /// SQLite keeps the uncommitted pages in its WAL file, which grows with the file until the commit's checkpoint.
    /// </summary>
    private async Task<int> StoreAsync(Stream xlsx, ImportSheet sheet, Jurisdiction jurisdiction, DateOnly today, Actor actor,
        int households, string? importId, CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(1, limits.BatchHouseholds);
        var now = time.GetUtcNow();
        var traceParent = Activity.Current?.Id;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        // Staging only adds: the save's own single DetectChanges (MonitoringDbContext) is not needed either.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var members = 0;
        var staged = 0;
        try
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var cache = await WidenSqliteCacheAsync(cancellationToken);
            try
            {
                var errors = new List<ImportError>();
                foreach (var household in HouseholdImport.Households(xlsx, sheet, jurisdiction, today, errors, new Dictionary<string, int>(StringComparer.Ordinal)))
                {
                    members += HouseholdRegistration.Stage(db, household.Request, actor, now, traceParent).Members.Count;
                    if (++staged % batchSize == 0)
                    {
                        await SaveBatchAsync();
                    }
                }
                if (errors.Count > 0 || staged != households)
                {
                    // The same bytes read twice the same way: only a reader that changed its mind gets here, and nothing is kept.
                    throw new InvalidOperationException(
                        $"The file read differently the second time: {staged} households and {errors.Count} errors after {households} and none.");
                }
                db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, details: new { import = households, members }));
                await SaveBatchAsync();
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                if (cache is { } previous)
                {
                    // The connection goes back to the pool: without this it would keep the import's cache while idle.
                    await db.Database.ExecuteSqlRawAsync(CacheSize(previous), CancellationToken.None);
                }
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return members;

        // SQLite's page cache is 2 MB a connection: a transaction writing a prefecture's register spills its pages to the WAL
        // and reads them back for every index insert. Widened for this connection while it stores; the previous size is returned.
        async Task<long?> WidenSqliteCacheAsync(CancellationToken ct)
        {
            if (!db.Database.IsSqlite() || limits.SqliteCacheMegabytes <= 0)
            {
                return null;
            }
            var previous = await db.Database.SqlQueryRaw<long>("SELECT cache_size AS Value FROM pragma_cache_size").SingleAsync(ct);
            await db.Database.ExecuteSqlRawAsync(CacheSize(-1024L * limits.SqliteCacheMegabytes), ct);
            return previous;
        }

        async Task SaveBatchAsync()
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            progress.Report(importId, actor.UserName, ImportStage.Saving, households, staged);
        }
    }

    /// <summary>A PRAGMA takes no parameters: a number (negative: KiB), formatted here and nothing else.</summary>
    private static string CacheSize(long pages) => "PRAGMA cache_size = " + pages.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The file's ID numbers already on the register (<paramref name="idNumberRows"/>, each with its first row), each reported
    /// at its cell: with the household holding it when the caller's jurisdiction covers that household, else without saying
    /// where (<see cref="DuplicateIdNumbers"/>). Each is an audit line; numbers held elsewhere count against the caller's
    /// limit, and a file holding more of them than the caller has left is <see cref="ImportOutcome.Limited"/> and names no row.
    /// </summary>
    private async Task<ImportOutcome> AlreadyRegisteredAsync(
        Dictionary<string, int> idNumberRows, Jurisdiction jurisdiction, Actor actor, CancellationToken cancellationToken)
    {
        var cells = idNumberRows;
        var holders = new Dictionary<string, RegisteredHolder>(StringComparer.Ordinal);
        // 500 a query, not thousands: SQLite binds each parameter by looking its name up among the statement's, so a query's
        // binding costs the square of its list (a prefecture's 400,000 numbers in lists of 5,000 took longer than reading the file).
        foreach (var chunk in cells.Keys.Chunk(500))
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
