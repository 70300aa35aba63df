using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Xichou.ServiceDefaults.Data;

/// <summary>
/// WAL lets readers go on while one writer commits; synchronous=NORMAL is safe with WAL (a power cut
/// can lose the last commits but never corrupts the file). synchronous is per connection, so it is set
/// on every open.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
