using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Monitoring.Infrastructure;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.FunctionalTests.Monitoring.Support;

/// <summary>
/// The monitoring service's own SQLite context on a file of the test's own, migrated, with the two services its SaveChanges
/// asks for (the write gate and the outbox signal); the file and its folder go when it is disposed.
/// </summary>
public sealed class ScratchMonitoringDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly ServiceProvider _services;

    private ScratchMonitoringDatabase(string folder, ServiceProvider services, SqliteMonitoringDbContext db)
    {
        _folder = folder;
        _services = services;
        Db = db;
    }

    public SqliteMonitoringDbContext Db { get; }

    public static async Task<ScratchMonitoringDatabase> CreateAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        var services = new ServiceCollection()
            .AddSingleton(new DatabaseWriteGate(serialise: true))
            .AddSingleton<OutboxSignal>()
            .BuildServiceProvider();
        var options = new DbContextOptionsBuilder<SqliteMonitoringDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "monitoring.db")};Pooling=False")
            .AddInterceptors(new SqliteConnectionSetup())
            .UseApplicationServiceProvider(services)
            .Options;
        var scratch = new ScratchMonitoringDatabase(folder, services, new SqliteMonitoringDbContext(options));
        try
        {
            await scratch.Db.Database.MigrateAsync(cancellationToken);
            return scratch;
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
