using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's DbContext as <typeparamref name="TContext"/>, implemented by the provider
    /// subclass chosen in configuration (each has its own migration set), migrates it at start-up and
    /// adds it to <c>/health</c>. Call before the messaging setup so the schema exists before any
    /// message is consumed.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string serviceName)
        where TContext : ServiceDbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ConnectionStringFor(builder.Configuration, options, serviceName, builder.Environment.ContentRootPath);

        builder.Services.AddSingleton(new DatabaseWriteGate(serialise: options.Provider == DatabaseProvider.Sqlite));
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<SanitisedCommandErrors>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var checkpointInBackground = options.CheckpointIntervalMilliseconds > 0;
            builder.Services.AddDbContextPool<TContext, TSqliteContext>((services, db) => KeepValuesOutOfLogs(services, db
                .UseSqlite(connectionString))
                .AddInterceptors(new SqliteConnectionSetup(checkpointInBackground ? SqliteCheckpointer.BackstopPages : null)));
            if (checkpointInBackground)
            {
                builder.Services.AddHostedService(services => new SqliteCheckpointer(
                    connectionString, options.CheckpointIntervalMilliseconds, services.GetRequiredService<ILogger<SqliteCheckpointer>>()));
            }
        }
        else
        {
            builder.Services.AddDbContextPool<TContext, TSqlServerContext>((services, db) => KeepValuesOutOfLogs(services, db
                .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure())));
        }

        // The shared endpoints (audit log) work on any service's context.
        builder.Services.AddScoped<ServiceDbContext>(services => services.GetRequiredService<TContext>());
        builder.Services.AddHostedService<DatabaseInitializer<TContext>>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>($"{serviceName}-db");
        return builder;
    }

    /// <summary>
    /// No parameter values in EF Core's logs (sensitive data logging stays off, whatever the environment), and its lines
    /// for a failed command or save, which quote the provider's message and so a duplicate ID number, replaced by
    /// <see cref="SanitisedCommandErrors"/>'s redacted one. <see cref="ServiceDbContext"/> rethrows such a save's exception
    /// redacted too.
    /// </summary>
    public static DbContextOptionsBuilder KeepValuesOutOfLogs(IServiceProvider services, DbContextOptionsBuilder db) => db
        .EnableSensitiveDataLogging(false)
        .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.CommandError, CoreEventId.SaveChangesFailed))
        .AddInterceptors(services.GetRequiredService<SanitisedCommandErrors>());

    /// <summary>SQL Server: <c>ConnectionStrings:{name}-db</c>; SQLite: <c>{name}.db</c> in <c>Database:DataDirectory</c>, created if missing.</summary>
    public static string ConnectionStringFor(IConfiguration configuration, DatabaseOptions options, string serviceName, string contentRoot)
    {
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            return configuration.GetConnectionString($"{serviceName}-db")
                ?? throw new InvalidOperationException(
                    $"Database:Provider is SqlServer but ConnectionStrings:{serviceName}-db is not set.");
        }
        var directory = Path.GetFullPath(options.DataDirectory, contentRoot);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, serviceName + ".db")}";
    }
}
