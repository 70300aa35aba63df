using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;
using Xichou.DepartmentKit.Households;

namespace Xichou.Employment.Infrastructure;

public class EmploymentDbContext(DbContextOptions options) : DepartmentDbContext(options);

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteEmploymentDbContext(DbContextOptions<SqliteEmploymentDbContext> options) : EmploymentDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerEmploymentDbContext(DbContextOptions<SqlServerEmploymentDbContext> options) : EmploymentDbContext(options);

internal sealed class SqliteEmploymentDesignTimeFactory : SqliteDesignTimeFactory<SqliteEmploymentDbContext>;

internal sealed class SqlServerEmploymentDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerEmploymentDbContext>;
