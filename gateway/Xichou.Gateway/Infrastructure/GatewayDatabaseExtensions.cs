using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Gateway.Infrastructure;

public static class GatewayDatabaseExtensions
{
    /// <summary>
    /// The user store, as the services do it: SQLite file <c>gateway.db</c> under <c>Database:DataDirectory</c> by
    /// default, SQL Server (<c>ConnectionStrings:gateway-db</c>) with <c>Database:Provider=SqlServer</c>, each provider
    /// with its own migration set; migrated and seeded at start-up by <see cref="GatewayInitializer"/>.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayDatabase(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ConnectionStringFor(builder.Configuration, options, builder.Environment.ContentRootPath);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            builder.Services.AddDbContext<GatewayDbContext, SqliteGatewayDbContext>(db => db
                .UseSqlite(connectionString)
                .AddInterceptors(new SqliteConnectionSetup()));
        }
        else
        {
            builder.Services.AddDbContext<GatewayDbContext, SqlServerGatewayDbContext>(db => db
                .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
        }
        builder.Services.AddHostedService<GatewayInitializer>();
        builder.Services.AddHealthChecks().AddDbContextCheck<GatewayDbContext>($"{ServiceNames.Gateway}-db");
        return builder;
    }

    // The same rule as the services' (DatabaseExtensions.ConnectionStringFor, internal to ServiceDefaults).
    private static string ConnectionStringFor(IConfiguration configuration, DatabaseOptions options, string contentRoot)
    {
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            return configuration.GetConnectionString($"{ServiceNames.Gateway}-db")
                ?? throw new InvalidOperationException(
                    $"Database:Provider is SqlServer but ConnectionStrings:{ServiceNames.Gateway}-db is not set.");
        }
        var directory = Path.GetFullPath(options.DataDirectory, contentRoot);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, ServiceNames.Gateway + ".db")}";
    }
}
