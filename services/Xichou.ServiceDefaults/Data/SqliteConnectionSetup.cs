using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Xichou.ServiceDefaults.Data;

/// <summary>
/// WAL lets readers go on while one writer commits; synchronous=NORMAL is safe with WAL (a power cut
/// can lose the last commits but never corrupts the file). The settings are per connection, so they are set
/// when a connection is opened: the journal's once per SQLite handle (EF Core opens a pooled connection for every query
/// and save, and the handle keeps them), foreign keys at every open (a migration's table rebuild turns them off for a
/// while on the handle it runs on).
/// With <paramref name="autoCheckpointPages"/> (<see cref="SqliteCheckpointer"/> running), a commit checkpoints the log only
/// once it has grown that far, a backstop should the checkpointer fall behind; otherwise SQLite's 1,000 pages.
/// </summary>
public sealed class SqliteConnectionSetup(int? autoCheckpointPages = null) : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<object, object> SetUp = [];

    private const string EveryOpen = "PRAGMA foreign_keys=ON;";

    private readonly string _firstOpen = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        + (autoCheckpointPages is { } pages
            ? string.Create(CultureInfo.InvariantCulture, $" PRAGMA wal_autocheckpoint={pages};")
            : "");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        var handle = FirstOpen(connection);
        using var command = connection.CreateCommand();
        command.CommandText = handle is null ? EveryOpen : _firstOpen;
        command.ExecuteNonQuery();
        if (handle is not null)
        {
            SetUp.AddOrUpdate(handle, handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var handle = FirstOpen(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = handle is null ? EveryOpen : _firstOpen;
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (handle is not null)
        {
            SetUp.AddOrUpdate(handle, handle);
        }
    }

    /// <summary>The connection's SQLite handle if it has not been set up yet (any connection but SQLite's: itself).</summary>
    private static object? FirstOpen(DbConnection connection)
    {
        object handle = connection is SqliteConnection { Handle: { } sqlite } ? sqlite : connection;
        return SetUp.TryGetValue(handle, out _) ? null : handle;
    }
}
