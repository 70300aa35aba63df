using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;
using Xichou.DepartmentKit.Households;

namespace Xichou.Water.Infrastructure;

public class WaterDbContext(DbContextOptions options) : DepartmentDbContext(options);

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteWaterDbContext(DbContextOptions<SqliteWaterDbContext> options) : WaterDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerWaterDbContext(DbContextOptions<SqlServerWaterDbContext> options) : WaterDbContext(options);

internal sealed class SqliteWaterDesignTimeFactory : SqliteDesignTimeFactory<SqliteWaterDbContext>;

internal sealed class SqlServerWaterDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerWaterDbContext>;
