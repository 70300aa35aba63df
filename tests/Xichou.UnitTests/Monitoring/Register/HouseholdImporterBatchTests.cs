using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Import;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;
using Xichou.ServiceDefaults.Security;
using Catalogue = Xichou.Contracts.Departments;

namespace Xichou.UnitTests.Monitoring.Register;

/// <summary>
/// The importer's storing in batches, on an in-memory SQLite database with the write gate serialising as it does on SQLite,
/// three households per SaveChanges: a file one household over a batch is two saves in one transaction with every
/// household's rows and events, and a failure in the second save or an error in the last row stores nothing.
/// </summary>
public sealed class HouseholdImporterBatchTests : IDisposable
{
    private const int Batch = 3;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, Beijing.Offset);
    private static readonly Actor Office = new("poverty-office", "poverty-office");

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceProvider _services;
    private readonly SaveCounter _saves = new();
    private readonly ImportProgressStore _progress;

    public HouseholdImporterBatchTests()
    {
        _connection.Open();
        var clock = new FixedClock(Now);
        _progress = new ImportProgressStore(clock);
        _services = new ServiceCollection()
            .AddSingleton(new DatabaseWriteGate(serialise: true))
            .AddSingleton<OutboxSignal>()
            .AddSingleton<TimeProvider>(clock)
            .BuildServiceProvider();
        using var db = Context(counted: false);
        db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        _services.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public async Task A_file_one_household_over_the_batch_is_stored_in_two_saves_of_one_transaction_with_every_households_events()
    {
        var rows = Households(Batch + 1);

        var outcome = await ImportAsync(rows);

        Assert.Equal(new ImportOutcome.Stored(Batch + 1, rows.Count), outcome);
        Assert.Equal((2, 1), (_saves.Saves, _saves.Transactions));
        using var db = Context();
        Assert.Equal(Batch + 1, await db.Households.CountAsync(Cancellation));
        Assert.Equal(rows.Count, await db.Members.CountAsync(Cancellation));
        Assert.Equal(Batch + 1, await db.OutboxMessages.CountAsync(m => m.MessageType == typeof(HouseholdRegistered).FullName, Cancellation));
        // One members message per department told about members, per save: the last save carries the one household over.
        var shared = await db.OutboxMessages.Where(m => m.MessageType == typeof(HouseholdMembersShared).FullName).ToListAsync(Cancellation);
        var sharing = Catalogue.All.Where(d => !d.MemberShare.IsEmpty).ToList();
        Assert.Equal(2 * sharing.Count, shared.Count);
        Assert.All(sharing, d => Assert.Equal(2, shared.Count(m => m.Destination == d.MembersQueue)));
        // An audit line per household and one for the import.
        Assert.Equal(Batch + 2, await db.AuditLog.CountAsync(a => a.Action == AuditActions.Create, Cancellation));
        Assert.Equal(ImportStage.Stored, _progress.Get("batch", Office.UserName)!.Stage);
    }

    [Fact]
    public async Task A_failure_in_the_second_save_rolls_back_the_first()
    {
        var rows = Households(Batch + 1);
        // The last household's head cannot be inserted: the database refuses it once the first batch is saved.
        rows[^2]["姓名"] = "拒绝";
        using (var db = Context())
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON Households WHEN NEW.HeadName = '拒绝' BEGIN SELECT RAISE(ABORT, 'refused'); END",
                Cancellation);
        }

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => ImportAsync(rows));

        Assert.Equal(2, _saves.Saves);
        using var check = Context();
        Assert.Equal(0, await check.Households.CountAsync(Cancellation));
        Assert.Equal(0, await check.Members.CountAsync(Cancellation));
        Assert.Equal(0, await check.OutboxMessages.CountAsync(Cancellation));
        Assert.Equal(0, await check.AuditLog.CountAsync(a => a.Action == AuditActions.Create, Cancellation));
        Assert.Equal(ImportStage.Failed, _progress.Get("batch", Office.UserName)!.Stage);
        // The gate was given back: the next write gets through.
        check.Audit(AuditEntry.Record(Office, AuditActions.Refuse, Now, reason: "test"));
        await check.SaveChangesAsync(Cancellation);
    }

    [Fact]
    public async Task An_error_in_the_last_row_stores_nothing_and_names_that_cell()
    {
        var rows = Households(Batch + 1);
        rows[^1]["联系电话"] = "12345";
        var lastRow = rows.Count + 1;

        var outcome = await ImportAsync(rows);

        var rejected = Assert.IsType<ImportOutcome.Rejected>(outcome);
        Assert.Equal([new ImportError(lastRow, "联系电话", "联系电话应为11位手机号或带区号的固定电话")], rejected.Errors);
        Assert.Equal(0, _saves.Saves);
        using var db = Context();
        Assert.Equal(0, await db.Households.CountAsync(Cancellation));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(Cancellation));
    }

    [Fact]
    public async Task A_household_whose_rows_are_apart_in_the_file_is_stored_whole_with_its_head_first()
    {
        var rows = Households(Batch + 1);
        // Household 1's child moved to the end of the file: household 1 is complete only at the last row.
        var child = rows[1];
        rows.RemoveAt(1);
        rows.Add(child);

        var outcome = await ImportAsync(rows);

        Assert.Equal(new ImportOutcome.Stored(Batch + 1, rows.Count), outcome);
        using var db = Context();
        var first = await db.Households.Include(h => h.Members).SingleAsync(h => h.HeadName == "王0", Cancellation);
        Assert.Equal(["王0", "王小0"], first.Members.OrderBy(m => m.Position).Select(m => m.Name));
    }

    [Fact]
    public void A_file_whose_household_comes_back_is_checked_again_from_the_start_and_each_error_reported_once()
    {
        var rows = Households(2);
        rows[0]["联系电话"] = "12345";
        var child = rows[1];
        rows.RemoveAt(1);
        rows.Add(child);
        using var file = new MemoryStream();
        file.SaveAs(rows, sheetName: "农户成员");
        file.Position = 0;

        var (households, errors) = HouseholdImport.Read(file, Jurisdiction.County, Beijing.DateOf(Now));

        Assert.Equal([new ImportError(2, "联系电话", "联系电话应为11位手机号或带区号的固定电话")], errors);
        Assert.Equal(2, households.Count);
        Assert.Equal(["王0", "王小0"], households.Single(h => h.Key == "1").Request.Members!.Select(m => m.Name));
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary><paramref name="count"/> households of two members each (head, child), the last row the last household's child.</summary>
    private static List<Dictionary<string, object?>> Households(int count)
    {
        var rows = new List<Dictionary<string, object?>>();
        for (var h = 0; h < count; h++)
        {
            rows.Add(HouseholdImport.Row(h + 1, "兴街镇", "三光村", "一组", "户主", $"王{h}",
                IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1970, 1, 1 + h), 111), "有劳动力", "非在校生", "健康", null, 5000m));
            rows.Add(HouseholdImport.Row(h + 1, "兴街镇", "三光村", "一组", "子女", $"王小{h}",
                IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(2010, 1, 1 + h), 131), "无劳动力", "小学", "健康", null, null));
        }
        return rows;
    }

    private async Task<ImportOutcome> ImportAsync(List<Dictionary<string, object?>> rows)
    {
        using var file = new MemoryStream();
        file.SaveAs(rows, sheetName: "农户成员");
        file.Position = 0;
        var clock = _services.GetRequiredService<TimeProvider>();
        var limits = new ImportLimits { BatchHouseholds = Batch };
        using var gate = new ImportGate(limits);
        using var db = Context();
        var importer = new HouseholdImporter(db, _progress, gate, limits, new MonitoringPolicy(),
            new DuplicateIdNumbers(new DuplicateAnswerLimits(), clock), clock);
        // A save that waited on a gate it already holds would never end: the timeout makes that a failure, not a hang.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return await importer.ImportAsync(file, Jurisdiction.County, Office, "batch", timeout.Token);
    }

    private SqliteMonitoringDbContext Context(bool counted = true)
    {
        var options = new DbContextOptionsBuilder<SqliteMonitoringDbContext>().UseSqlite(_connection).UseApplicationServiceProvider(_services);
        return new(counted ? options.AddInterceptors(_saves).Options : options.Options);
    }

    /// <summary>Counts the saves that wrote households and the transactions begun.</summary>
    private sealed class SaveCounter : SaveChangesInterceptor, IDbTransactionInterceptor
    {
        public int Saves { get; private set; }

        public int Transactions { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<Household>().Any())
            {
                Saves++;
            }
            return ValueTask.FromResult(result);
        }

        public ValueTask<System.Data.Common.DbTransaction> TransactionStartedAsync(System.Data.Common.DbConnection connection,
            TransactionEndEventData eventData, System.Data.Common.DbTransaction result, CancellationToken cancellationToken = default)
        {
            Transactions++;
            return ValueTask.FromResult(result);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
