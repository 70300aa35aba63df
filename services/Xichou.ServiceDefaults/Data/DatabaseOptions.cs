namespace Xichou.ServiceDefaults.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>SQLite (embedded default) or SqlServer (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The folder holding one SQLite file per service.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// SQLite: how often (milliseconds) <see cref="SqliteCheckpointer"/> copies the write-ahead log into the database, off
    /// the commit path; 0 leaves it to the commit that fills the log to 1,000 pages, as SQLite does by default.
    /// </summary>
    public int CheckpointIntervalMilliseconds { get; set; } = 500;
}
