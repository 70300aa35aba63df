using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;
using Xichou.DepartmentKit.Households;

namespace Xichou.Education.Infrastructure;

public class EducationDbContext(DbContextOptions options) : DepartmentDbContext(options);

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteEducationDbContext(DbContextOptions<SqliteEducationDbContext> options) : EducationDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerEducationDbContext(DbContextOptions<SqlServerEducationDbContext> options) : EducationDbContext(options);

internal sealed class SqliteEducationDesignTimeFactory : SqliteDesignTimeFactory<SqliteEducationDbContext>;

internal sealed class SqlServerEducationDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerEducationDbContext>;
