using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;
using Xichou.DepartmentKit.Households;

namespace Xichou.CommandCentre.Infrastructure;

public class CommandCentreDbContext(DbContextOptions options) : DepartmentDbContext(options);

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteCommandCentreDbContext(DbContextOptions<SqliteCommandCentreDbContext> options) : CommandCentreDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerCommandCentreDbContext(DbContextOptions<SqlServerCommandCentreDbContext> options) : CommandCentreDbContext(options);

internal sealed class SqliteCommandCentreDesignTimeFactory : SqliteDesignTimeFactory<SqliteCommandCentreDbContext>;

internal sealed class SqlServerCommandCentreDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerCommandCentreDbContext>;
