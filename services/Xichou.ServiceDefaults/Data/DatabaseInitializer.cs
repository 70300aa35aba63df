using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Xichou.ServiceDefaults.Data;

/// <summary>Seeds a service's database after its migrations are applied (demo data, reference data).</summary>
public interface IDatabaseSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}

/// <summary>
/// Applies the service's migrations, then its seeders, before the host reports started: the schema is
/// there before the bus delivers the first message. EF Core takes a migration lock, so several replicas
/// starting at once do not race.
/// </summary>
internal sealed partial class DatabaseInitializer<TContext>(IServiceProvider services, ILogger<DatabaseInitializer<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var started = TimeProvider.System.GetTimestamp();
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
        LogMigrated(typeof(TContext).Name, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "{Context} migrated and seeded in {Milliseconds:F0} ms")]
    private partial void LogMigrated(string context, double milliseconds);
}
