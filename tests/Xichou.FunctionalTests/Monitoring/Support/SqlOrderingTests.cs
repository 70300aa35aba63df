using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Application.Loans;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;

namespace Xichou.FunctionalTests.Monitoring.Support;

/// <summary>
/// Lists order in SQL on SQLite: every DateTimeOffset is stored as UTC text in one format, so the text orders as the
/// instants do and a list returns the newest N, in order, without loading every row.
/// </summary>
public class SqlOrderingTests(Platform platform)
{
    private const string Village = "532623202001"; // 马街镇马街村

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_loan_list_returns_the_newest_500_by_status_change_in_order_when_more_exist()
    {
        using var registered = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = Village, headName = "陶正华", headIdNumber = IdNumbers.New() }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var householdId = (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();

        // A cadre paired with the household sees its loans only, whatever other tests add.
        var cadre = TestUser.Cadre($"cadre-order-{Guid.NewGuid():N}"[..24]);
        // 505 loans whose ids (recorded order) run against their status changes (years before any other test's, so no
        // county list is crowded out), every second one written in Beijing time: only ordering by the stored UTC text
        // puts them right.
        var count = LoanQueries.MaxLoans + 5;
        var recordedFrom = new DateTimeOffset(2001, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var changedFrom = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var loans = Enumerable.Range(0, count).Select(i =>
        {
            var loan = Loan.RecordNeed(householdId, $"排序测试 {i}", 1000m, recordedFrom.AddMinutes(count - i));
            var changedAt = changedFrom.AddSeconds(i * 61).AddTicks(i % 7 * 1234);
            Assert.True(loan.MoveTo(LoanStatus.Applied, Lender.CreditUnion, null, null, i % 2 == 0 ? changedAt : changedAt.ToOffset(TimeSpan.FromHours(8))));
            return loan;
        }).ToList();
        await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            (await db.Households.FindAsync([householdId], Cancellation))!.PairWith(cadre.Name);
            db.Loans.AddRange(loans);
            return await db.SaveChangesAsync(Cancellation);
        });

        using var client = Monitoring.ClientFor(cadre);
        var listed = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/loans", UriKind.Relative), Cancellation);

        var ids = listed.EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(LoanQueries.MaxLoans, ids.Count);
        var newestFirst = loans.OrderByDescending(l => l.StatusChangedAt).Take(LoanQueries.MaxLoans).Select(l => l.Id).ToList();
        Assert.Equal(newestFirst, ids);
        var times = listed.EnumerateArray().Select(l => l.GetProperty("statusChangedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        // Stored as UTC text, whatever offset the value came with.
        Assert.EndsWith("+00:00", (string)(await Monitoring.ScalarAsync("SELECT StatusChangedAt FROM Loans WHERE Id = $id",
            ("$id", loans[1].Id.ToString().ToUpperInvariant())))!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migration_rewrites_stored_instants_in_UTC_as_the_same_instant()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Cancellation);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE "T" ("C" TEXT NULL);
                INSERT INTO "T" VALUES ('2026-11-20 09:15:00+08:00'), ('2026-11-20 00:15:00.1234567+08:00'), ('2026-11-20 01:15:00.5+00:00'), (NULL);
                """;
            await create.ExecuteNonQueryAsync(Cancellation);
        }
        await using (var update = connection.CreateCommand())
        {
            update.CommandText = Xichou.Monitoring.Infrastructure.Migrations.Sqlite.UtcInstantsOnSqlite.ToUtcSql("T", "C");
            await update.ExecuteNonQueryAsync(Cancellation);
        }
        var values = new List<string?>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT \"C\" FROM \"T\" ORDER BY rowid";
            await using var reader = await read.ExecuteReaderAsync(Cancellation);
            while (await reader.ReadAsync(Cancellation))
            {
                values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
            }
        }

        Assert.Equal(["2026-11-20 01:15:00+00:00", "2026-11-19 16:15:00.1234567+00:00", "2026-11-20 01:15:00.5+00:00", null], values);
    }

    [Fact]
    public async Task The_migration_names_every_instant_column_of_the_SQLite_model()
    {
        var columns = await Monitoring.WithScopeAsync(services =>
        {
            var model = services.GetRequiredService<MonitoringDbContext>().Model;
            return Task.FromResult(model.GetEntityTypes()
                .SelectMany(e => e.GetProperties()
                    .Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(DateTimeOffset))
                    .Select(p => $"{e.GetTableName()}.{p.GetColumnName()}"))
                .Order(StringComparer.Ordinal).ToList());
        });

        var rewritten = Xichou.Monitoring.Infrastructure.Migrations.Sqlite.UtcInstantsOnSqlite.Columns
            .SelectMany(t => t.Value.Select(c => $"{t.Key}.{c}")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(rewritten, columns);
    }
}
