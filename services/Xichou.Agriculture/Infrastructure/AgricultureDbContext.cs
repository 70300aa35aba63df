using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;
using Xichou.DepartmentKit.Households;

namespace Xichou.Agriculture.Infrastructure;

public class AgricultureDbContext(DbContextOptions options) : DepartmentDbContext(options);

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteAgricultureDbContext(DbContextOptions<SqliteAgricultureDbContext> options) : AgricultureDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerAgricultureDbContext(DbContextOptions<SqlServerAgricultureDbContext> options) : AgricultureDbContext(options);

internal sealed class SqliteAgricultureDesignTimeFactory : SqliteDesignTimeFactory<SqliteAgricultureDbContext>;

internal sealed class SqlServerAgricultureDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerAgricultureDbContext>;
