using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xichou.Gateway.Infrastructure;
using Xichou.Housing.Infrastructure;
using Xichou.ServiceDefaults.Data;
using Xichou.DepartmentKit.Households;

namespace Xichou.ArchitectureTests;

/// <summary>
/// Each service has one model and a migration set per provider; both sets must describe the model as it
/// is, or the first start on that provider would run with a schema that does not match the code.
/// </summary>
public class MigrationTests
{
    /// <summary>
    /// The provider contexts of every service (SqliteHousingDbContext, SqlServerHousingDbContext, ...) and of the
    /// gateway's user store: the contexts built from options of their own type, which is what gives each its own
    /// migration set.
    /// </summary>
    public static readonly IReadOnlyList<Type> ProviderContexts = ServiceBoundaryTests.ServiceAssemblies.Values
        .Append(typeof(GatewayDbContext).Assembly)
        .SelectMany(assembly => assembly.GetTypes())
        .Where(type => type is { IsAbstract: false, IsPublic: true }
            && (type.IsSubclassOf(typeof(ServiceDbContext)) || type.IsSubclassOf(typeof(GatewayDbContext)))
            && type.GetConstructors().Any(c => c.GetParameters() is [var options] && options.ParameterType == typeof(DbContextOptions<>).MakeGenericType(type)))
        .ToList();

    public static TheoryData<string> ProviderContextNames => new(ProviderContexts.Select(t => t.FullName!));

    [Fact]
    public void Every_service_has_one_SQLite_and_one_SQL_Server_context()
    {
        foreach (var (service, assembly) in ServiceBoundaryTests.ServiceAssemblies)
        {
            var names = ProviderContexts.Where(t => t.Assembly == assembly).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
            Assert.True(names.Count == 2, $"{service} has the provider contexts [{string.Join(", ", names)}]");
            Assert.Single(names, n => n.StartsWith("Sqlite", StringComparison.Ordinal));
            Assert.Single(names, n => n.StartsWith("SqlServer", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Gateway_has_one_SQLite_and_one_SQL_Server_context()
    {
        var names = ProviderContexts.Where(t => t.Assembly == typeof(GatewayDbContext).Assembly).Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["SqlServerGatewayDbContext", "SqliteGatewayDbContext"], names);
    }

    [Theory]
    [MemberData(nameof(ProviderContextNames))]
    public void Migrations_are_up_to_date_with_the_model(string contextName)
    {
        using var db = Create(ProviderContexts.Single(t => t.FullName == contextName));

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"{contextName} has model changes no migration covers: run scripts/add-migration.sh <Name> (add Gateway for the gateway's)");
    }

    [Theory]
    [MemberData(nameof(ProviderContextNames))]
    public void Context_uses_its_own_provider(string contextName)
    {
        using var db = Create(ProviderContexts.Single(t => t.FullName == contextName));

        var expected = contextName.Split('.')[^1].StartsWith("SqlServer", StringComparison.Ordinal)
            ? "Microsoft.EntityFrameworkCore.SqlServer"
            : "Microsoft.EntityFrameworkCore.Sqlite";
        Assert.Equal(expected, db.Database.ProviderName);
    }

    public static TheoryData<string> SqlServerContextNames =>
        new(ProviderContexts.Where(t => t.Name.StartsWith("SqlServer", StringComparison.Ordinal)).Select(t => t.FullName!));

    /// <summary>
    /// What <c>dotnet ef migrations script --idempotent</c> gives a DBA, generated offline and parsed as SQL Server 2022
    /// T-SQL, including the statements it wraps in EXEC: a migration that would not run on SQL Server fails here, not at
    /// the first production start.
    /// </summary>
    [Theory]
    [MemberData(nameof(SqlServerContextNames))]
    public void The_idempotent_SQL_Server_migration_script_is_valid_T_SQL(string contextName)
    {
        using var db = Create(ProviderContexts.Single(t => t.FullName == contextName));

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("__EFMigrationsHistory", script, StringComparison.Ordinal);
        var errors = TransactSql.Errors(script);
        Assert.True(errors.Count == 0, $"{contextName}'s idempotent script does not parse:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void The_T_SQL_check_finds_an_error_in_a_script_and_in_what_it_executes()
    {
        Assert.Empty(TransactSql.Errors("IF OBJECT_ID(N'T') IS NULL BEGIN EXEC(N'CREATE INDEX [IX] ON [T] ([A]) WHERE [A] IS NULL'); END;"));
        Assert.NotEmpty(TransactSql.Errors("CREAT TABLE [T] ([A] int);"));
        Assert.NotEmpty(TransactSql.Errors("IF OBJECT_ID(N'T') IS NULL BEGIN EXEC(N'CREATE INDEX [IX] ON [T] ([A]) WHERE'); END;"));
        // A name concatenated from a variable, as EF Core's AlterColumn writes it, is checked with a name in its place.
        Assert.Empty(TransactSql.Errors("DECLARE @var nvarchar(max); EXEC(N'ALTER TABLE [T] DROP CONSTRAINT [' + @var + '];');"));
        Assert.NotEmpty(TransactSql.Errors("DECLARE @var nvarchar(max); EXEC(N'ALTER TABLE [T] DROP CONSTRAIN [' + @var + '];');"));
    }

    [Fact]
    public void Check_sees_a_model_change_that_no_migration_covers()
    {
        var options = new DbContextOptionsBuilder<SqliteHousingDbContext>()
            .UseSqlite("Data Source=:memory:")
            .ReplaceService<IModelCustomizer, UnmigratedColumn>()
            .Options;
        using var db = new SqliteHousingDbContext(options);

        Assert.True(db.Database.HasPendingModelChanges());
    }

    /// <summary>Adds a column to the model that no migration creates.</summary>
    private sealed class UnmigratedColumn(ModelCustomizerDependencies dependencies) : ModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<KnownHousehold>().Property<string>("Unmigrated");
        }
    }

    /// <summary>Builds a provider context offline: no connection is opened to check the model.</summary>
    private static DbContext Create(Type contextType)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        if (contextType.Name.StartsWith("SqlServer", StringComparison.Ordinal))
        {
            builder.UseSqlServer("Server=none;Database=none");
        }
        else
        {
            builder.UseSqlite("Data Source=:memory:");
        }
        return (DbContext)Activator.CreateInstance(contextType, builder.Options)!;
    }
}
