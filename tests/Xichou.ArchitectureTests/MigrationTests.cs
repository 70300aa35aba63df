using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Xichou.ServiceDefaults.Data;

namespace Xichou.ArchitectureTests;

/// <summary>
/// Each service has one model and a migration set per provider; both sets must describe the model as it
/// is, or the first start on that provider would run with a schema that does not match the code.
/// </summary>
public class MigrationTests
{
    /// <summary>The provider contexts (SqliteHousingDbContext, SqlServerHousingDbContext, ...) of every service.</summary>
    public static readonly IReadOnlyList<Type> ProviderContexts = ServiceBoundaryTests.ServiceAssemblies.Values
        .SelectMany(assembly => assembly.GetTypes())
        .Where(type => type is { IsAbstract: false, IsPublic: true } && type.IsSubclassOf(typeof(ServiceDbContext)))
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

    [Theory]
    [MemberData(nameof(ProviderContextNames))]
    public void Migrations_are_up_to_date_with_the_model(string contextName)
    {
        using var db = Create(ProviderContexts.Single(t => t.FullName == contextName));

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"{contextName} has model changes no migration covers: run scripts/add-migration.sh <Name>");
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
