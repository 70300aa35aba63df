using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Xichou.Gateway.Infrastructure;

/// <summary>
/// The services' SQLite settings (Xichou.ServiceDefaults.Data.SqliteConnectionSetup, internal there): WAL so
/// readers go on while one writer commits, synchronous=NORMAL (safe with WAL), set on every open.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
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
