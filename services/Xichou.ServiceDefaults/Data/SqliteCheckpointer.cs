using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Xichou.ServiceDefaults.Data;

/// <summary>
/// Copies the service's SQLite write-ahead log into the database every <see cref="DatabaseOptions.CheckpointIntervalMilliseconds"/>
/// on a connection of its own, so no commit pays for it. Left to SQLite, the commit that brings the log to 1,000 pages
/// runs the checkpoint itself (copying every page and syncing the file) before it returns: the register's group commit
/// took 2.3 ms on average with that and 1.5 ms without (issue 13, pipeline benchmark). A passive checkpoint neither
/// waits for nor blocks a writer or a reader; pages a reader still needs are copied next time. The commits keep a
/// backstop (<see cref="SqliteConnectionSetup"/>: a log of <see cref="BackstopPages"/> pages is checkpointed by its commit).
/// </summary>
public sealed partial class SqliteCheckpointer(string connectionString, int intervalMilliseconds, ILogger<SqliteCheckpointer> logger)
    : BackgroundService
{
    /// <summary>About 40 MB of log at 4 KB pages: the commits checkpoint only if this checkpointer has not kept up.</summary>
    public const int BackstopPages = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The database is created and migrated by DatabaseInitializer: this one never creates the file.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(10, intervalMilliseconds)));
        SqliteConnection? connection = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(builder.ConnectionString);
                        await connection.OpenAsync(stoppingToken);
                    }
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (SqliteException exception)
                {
                    // Not there yet (the service is still creating it), or busy: next time.
                    CheckpointFailed(logger, exception.SqliteErrorCode, exception.Message);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "WAL checkpoint not run (SQLite error {ErrorCode}: {Message}); trying again next time")]
    private static partial void CheckpointFailed(ILogger logger, int errorCode, string message);
}
