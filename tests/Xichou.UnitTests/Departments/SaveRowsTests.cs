using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.Housing.Infrastructure;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.UnitTests.Departments;

/// <summary>
/// The department copy's quicker save (<see cref="ServiceDbContext.SaveRowsAsync"/>, prepared statements per table) on a real
/// SQLite database with housing's model: it stores exactly what SaveChanges stores, deletes, inserts and updates in one
/// transaction, fails as SaveChanges fails with nothing written, and leaves to SaveChanges what it cannot write itself.
/// </summary>
public sealed class SaveRowsTests : IDisposable
{
    private static readonly DateTimeOffset ChinaTime = new(2026, 11, 30, 9, 15, 30, 123, TimeSpan.FromHours(8));

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly WritesSeen _writes = new();
    private readonly ServiceProvider _services;

    public SaveRowsTests()
    {
        _connection.Open();
        _services = new ServiceCollection()
            .AddSingleton(new DatabaseWriteGate(serialise: true))
            .AddSingleton<OutboxSignal>()
            .AddDbContext<SqliteHousingDbContext>(options => options.UseSqlite(_connection).AddInterceptors(_writes))
            .BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SqliteHousingDbContext>().Database.EnsureCreated();
    }

    public void Dispose()
    {
        _services.Dispose();
        _connection.Dispose();
    }

    private SqliteHousingDbContext NewContext() => _services.CreateScope().ServiceProvider.GetRequiredService<SqliteHousingDbContext>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static KnownHousehold Household(Guid id)
    {
        var household = KnownHousehold.New(id, "532623101-0001", "532623101", "532623101012", "三光村", "李四", "532623198001011238", 3, ChinaTime, ChinaTime.AddMinutes(1));
        household.ChangeStatus(RegisterStatus.RiskEliminated, new DateOnly(2026, 11, 2), "收入回升", ChinaTime.AddHours(1));
        household.MembersAsOf = ChinaTime.AddSeconds(5);
        return household;
    }

    private static SharedMember Member(string name) => new()
    {
        MemberId = Guid.CreateVersion7(), Name = name, Relation = "spouse", Sex = "female", BirthDate = new DateOnly(1982, 3, 4),
        IdNumber = "532623198203041234", LabourCapacity = "able", SchoolStage = null, HealthState = "healthy",
    };

    private static void Add(HousingDbContext db, KnownHousehold household, params SharedMember[] members)
    {
        db.Households.Add(household);
        foreach (var member in members)
        {
            var kept = KnownMember.From(household.Id, member);
            household.Members.Add(kept);
        }
        db.InboxMessages.Add(new InboxMessage { MessageId = Guid.CreateVersion7(), Consumer = "household-registered", ProcessedAt = ChinaTime });
    }

    /// <summary>Every column of the row, as SQLite holds it.</summary>
    private async Task<Dictionary<string, object?>> RowAsync(string table, Guid id)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"Id\" = $id";
        command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"no {table} row {id}");
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task Rows_saved_through_prepared_statements_are_the_rows_SaveChanges_writes()
    {
        var quick = Guid.CreateVersion7();
        var usual = Guid.CreateVersion7();
        await using (var db = NewContext())
        {
            Add(db, Household(quick), Member("王芳"));
            _writes.Clear();
            Assert.Equal(3, await db.SaveRowsAsync(Ct));
            Assert.Empty(_writes.Statements);
            Assert.All(db.ChangeTracker.Entries(), entry => Assert.Equal(EntityState.Unchanged, entry.State));
        }
        await using (var db = NewContext())
        {
            Add(db, Household(usual), Member("王芳"));
            await db.SaveChangesAsync(Ct);
        }

        var quickRow = await RowAsync("Households", quick);
        var usualRow = await RowAsync("Households", usual);
        Assert.Equal(usualRow.Where(c => c.Key != "Id"), quickRow.Where(c => c.Key != "Id"));
        Assert.Equal("RiskEliminated", quickRow["Status"]);
        Assert.Equal("532623********1238", quickRow["HeadIdNumber"]);

        await using var read = NewContext();
        var quickMember = await read.Members.SingleAsync(m => m.HouseholdId == quick, Ct);
        var usualMember = await read.Members.SingleAsync(m => m.HouseholdId == usual, Ct);
        string[] own = ["Id", "HouseholdId"];
        Assert.Equal((await RowAsync("Members", usualMember.Id)).Where(c => !own.Contains(c.Key)),
            (await RowAsync("Members", quickMember.Id)).Where(c => !own.Contains(c.Key)));
        Assert.Equal("1982-03-04", (await RowAsync("Members", quickMember.Id))["BirthDate"]);
    }

    [Fact]
    public async Task A_save_of_more_rows_than_one_statement_takes_stores_every_one()
    {
        var ids = Enumerable.Range(0, 123).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var db = NewContext())
        {
            foreach (var id in ids)
            {
                Add(db, Household(id), Member("王芳"), Member("李明"));
            }
            _writes.Clear();
            Assert.Equal(123 * 4, await db.SaveRowsAsync(Ct));
            Assert.Empty(_writes.Statements);
        }

        await using var read = NewContext();
        Assert.Equal(ids.Order(), (await read.Households.Select(h => h.Id).ToListAsync(Ct)).Order());
        Assert.Equal(246, await read.Members.CountAsync(Ct));
        Assert.Equal(123, await read.InboxMessages.CountAsync(Ct));
        Assert.All(await read.Households.Include(h => h.Members).ToListAsync(Ct), h => Assert.Equal(["李明", "王芳"], h.Members.Select(m => m.Name).Order()));
    }

    [Fact]
    public async Task Replacing_a_households_members_deletes_inserts_and_updates_in_one_save()
    {
        var id = Guid.CreateVersion7();
        await using (var db = NewContext())
        {
            Add(db, Household(id), Member("王芳"), Member("李明"));
            await db.SaveRowsAsync(Ct);
        }

        await using (var db = NewContext())
        {
            var household = await db.Households.Include(h => h.Members).SingleAsync(h => h.Id == id, Ct);
            Assert.True(HouseholdCopy.ReplaceMembers(db, household, [Member("赵丽")], ChinaTime.AddDays(1)));
            _writes.Clear();
            Assert.Equal(4, await db.SaveRowsAsync(Ct));
            Assert.Empty(_writes.Statements);
        }

        await using var read = NewContext();
        var stored = await read.Households.Include(h => h.Members).SingleAsync(h => h.Id == id, Ct);
        Assert.Equal(["赵丽"], stored.Members.Select(m => m.Name));
        Assert.Equal(ChinaTime.AddDays(1), stored.MembersAsOf);
    }

    [Fact]
    public async Task A_duplicate_row_fails_as_SaveChanges_does_and_nothing_of_the_save_is_written()
    {
        var first = Guid.CreateVersion7();
        await using (var db = NewContext())
        {
            Add(db, Household(first));
            await db.SaveRowsAsync(Ct);
        }
        var households = await CountAsync("SELECT COUNT(*) FROM Households");
        var inbox = await CountAsync("SELECT COUNT(*) FROM InboxMessages");

        await using var again = NewContext();
        Add(again, Household(Guid.CreateVersion7()), Member("王芳"));
        again.AddIntegrationEvent(new Probe("rolled back"));
        again.Households.Add(Household(first));
        var refused = await Assert.ThrowsAsync<DuplicateKeyException>(() => again.SaveRowsAsync(Ct));
        // The outbox row's key, read back before the failure, is temporary again: a retry inserts it afresh.
        Assert.True(again.Entry(again.OutboxMessages.Local.Single()).Property(m => m.Sequence).IsTemporary);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM OutboxMessages"));

        Assert.Equal("PK_Households", refused.IndexName);
        Assert.Equal(households, await CountAsync("SELECT COUNT(*) FROM Households"));
        Assert.Equal(inbox, await CountAsync("SELECT COUNT(*) FROM InboxMessages"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM Members"));
    }

    [Fact]
    public async Task An_outbox_rows_sequence_is_read_back_from_the_database()
    {
        await using var db = NewContext();
        Add(db, Household(Guid.CreateVersion7()));
        db.AddIntegrationEvent(new Probe("first"));
        db.AddIntegrationEvent(new Probe("second"));
        _writes.Clear();

        Assert.Equal(4, await db.SaveRowsAsync(Ct));

        Assert.Empty(_writes.Statements);
        var rows = db.OutboxMessages.Local.OrderBy(m => m.Sequence).ToList();
        Assert.All(rows, row => Assert.Equal(EntityState.Unchanged, db.Entry(row).State));
        Assert.Equal(rows[0].Sequence + 1, rows[1].Sequence);
        Assert.Contains("first", rows[0].Body, StringComparison.Ordinal);
        Assert.Equal(rows[1].Sequence, await CountAsync("SELECT MAX(Sequence) FROM OutboxMessages"));
        Assert.Equal(rows[0].MessageId, await db.OutboxMessages.AsNoTracking().Where(m => m.Sequence == rows[0].Sequence).Select(m => m.MessageId).SingleAsync(Ct));
    }

    [Fact]
    public async Task A_row_with_a_concurrency_token_is_left_to_SaveChanges()
    {
        var id = Guid.CreateVersion7();
        await using var db = NewContext();
        Add(db, Household(id));
        db.Referrals.Add(Xichou.DepartmentKit.Referrals.Referral.Create(id, "532623101-0001", "532623101", "532623101012", "三光村",
            "monitoring", "housing", null, "核查住房", "poverty-office", ChinaTime, new DateOnly(2026, 12, 15)));
        _writes.Clear();

        Assert.Equal(3, await db.SaveRowsAsync(Ct));

        Assert.Contains(_writes.Statements, sql => sql.Contains("INSERT INTO \"Referrals\"", StringComparison.Ordinal));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM Referrals"));
    }

    [Fact]
    public void On_SQL_Server_the_statements_quote_as_SQL_Server_does_and_a_generated_key_is_left_to_SaveChanges()
    {
        // No server is needed to build the statements: the model and SQL Server's own SQL helper make them.
        var options = new DbContextOptionsBuilder<SqlServerHousingDbContext>().UseSqlServer("Server=unused;Database=unused").Options;
        using var db = new SqlServerHousingDbContext(options);
        var sql = db.GetService<ISqlGenerationHelper>();
        Add(db, Household(Guid.CreateVersion7()), Member("王芳"));

        var plan = RowWriter.TryPlan([.. db.ChangeTracker.Entries()], sql, returning: false);

        Assert.NotNull(plan);
        var households = plan.Tables[db.Model.FindEntityType(typeof(KnownHousehold))!];
        var insert = households.Insert(sql);
        Assert.StartsWith("INSERT INTO [Households] ([Id], ", insert, StringComparison.Ordinal);
        Assert.EndsWith($"@p{households.Inserted.Count - 1})", insert, StringComparison.Ordinal);
        Assert.Equal("DELETE FROM [Members] WHERE [Id] = @p0", plan.Tables[db.Model.FindEntityType(typeof(KnownMember))!].Delete(sql));
        // Principals before dependents: the household before its members.
        Assert.True(plan.Ordered.ToList().FindIndex(t => t.Table == "[Households]") < plan.Ordered.ToList().FindIndex(t => t.Table == "[Members]"));

        db.AddIntegrationEvent(new Probe("an identity column: SaveChanges reads it back with OUTPUT"));
        Assert.Null(RowWriter.TryPlan([.. db.ChangeTracker.Entries()], sql, returning: false));
    }

    private sealed record Probe(string Note);

    /// <summary>The write statements that went through EF Core's command pipeline (SaveChanges'), not the prepared path.</summary>
    private sealed class WritesSeen : DbCommandInterceptor
    {
        private readonly List<string> _statements = [];

        public IReadOnlyList<string> Statements
        {
            get
            {
                lock (_statements)
                {
                    return [.. _statements];
                }
            }
        }

        public void Clear()
        {
            lock (_statements)
            {
                _statements.Clear();
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT", StringComparison.Ordinal) || command.CommandText.Contains("UPDATE", StringComparison.Ordinal)
                || command.CommandText.Contains("DELETE", StringComparison.Ordinal))
            {
                lock (_statements)
                {
                    _statements.Add(command.CommandText);
                }
            }
            return ValueTask.FromResult(result);
        }
    }
}
