using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xichou.ServiceDefaults.Data;

namespace Xichou.UnitTests.Data;

/// <summary>
/// The write-ahead log copied into the database by <see cref="SqliteCheckpointer"/> rather than by the commit that fills it
/// (issue 13): on a real SQLite file, rows written through a connection set up as the services' are (a backstop of
/// <see cref="SqliteCheckpointer.BackstopPages"/> pages) reach the database file only once the checkpointer has run.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private static readonly SqliteConnectionSetup Setup = new(SqliteCheckpointer.BackstopPages);

    private readonly string _directory = Directory.CreateTempSubdirectory("xichou-checkpoint-").FullName;

    private string DatabasePath => Path.Combine(_directory, "test.db");

    private string ConnectionString => $"Data Source={DatabasePath};Pooling=False";

    [Fact]
    public async Task A_commit_leaves_the_log_to_the_checkpointer_which_copies_it_into_the_database()
    {
        await using var writer = await OpenAsServicesDoAsync();
        var created = new FileInfo(DatabasePath).Length;
        await WriteAsync(writer, rows: 2_000); // about 2,000 pages of log: over SQLite's default of 1,000, under the backstop

        Assert.Equal(created, new FileInfo(DatabasePath).Length); // no commit checkpointed
        Assert.True(new FileInfo(DatabasePath + "-wal").Length > 1_000 * 4096);

        using var checkpointer = new SqliteCheckpointer(ConnectionString, 20, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (new FileInfo(DatabasePath).Length < 2_000 * 4096 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }
        Assert.True(new FileInfo(DatabasePath).Length >= 2_000 * 4096, $"the database file is {new FileInfo(DatabasePath).Length} bytes");
        await using var count = writer.CreateCommand();
        count.CommandText = "SELECT count(*) FROM Rows";
        Assert.Equal(2_000L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_setup_runs_once_per_handle_and_keeps_foreign_keys_on_at_every_open()
    {
        // Pooled, as EF Core's connections are: closing and opening again gives back the same SQLite handle.
        await using var writer = await OpenAsServicesDoAsync(pooled: true);
        Assert.Equal((long)SqliteCheckpointer.BackstopPages, await ScalarAsync(writer, "PRAGMA wal_autocheckpoint"));
        Assert.Equal("wal", await ScalarAsync(writer, "PRAGMA journal_mode"));
        var handle = writer.Handle;

        await ExecuteAsync(writer, "PRAGMA foreign_keys=OFF; PRAGMA wal_autocheckpoint=77");
        await writer.CloseAsync();
        await writer.OpenAsync(TestContext.Current.CancellationToken);
        await Setup.ConnectionOpenedAsync(writer, null!, TestContext.Current.CancellationToken);

        Assert.Same(handle, writer.Handle);
        Assert.Equal(77L, await ScalarAsync(writer, "PRAGMA wal_autocheckpoint")); // not set again on this handle
        Assert.Equal(1L, await ScalarAsync(writer, "PRAGMA foreign_keys")); // but this is, at every open
    }

    private async Task<SqliteConnection> OpenAsServicesDoAsync(bool pooled = false)
    {
        var connection = new SqliteConnection(pooled ? $"Data Source={DatabasePath}" : ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await Setup.ConnectionOpenedAsync(connection, null!, TestContext.Current.CancellationToken);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS Rows (Id INTEGER PRIMARY KEY, Payload BLOB NOT NULL)");
        return connection;
    }

    /// <summary>One commit per row, each a page of its own.</summary>
    private static async Task WriteAsync(SqliteConnection connection, int rows)
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Rows (Payload) VALUES (zeroblob(3000))";
        for (var i = 0; i < rows; i++)
        {
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
