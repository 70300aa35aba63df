using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;
using Xichou.DepartmentKit.Households;

namespace Xichou.Insurance.Infrastructure;

public class InsuranceDbContext(DbContextOptions options) : DepartmentDbContext(options);

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteInsuranceDbContext(DbContextOptions<SqliteInsuranceDbContext> options) : InsuranceDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerInsuranceDbContext(DbContextOptions<SqlServerInsuranceDbContext> options) : InsuranceDbContext(options);

internal sealed class SqliteInsuranceDesignTimeFactory : SqliteDesignTimeFactory<SqliteInsuranceDbContext>;

internal sealed class SqlServerInsuranceDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerInsuranceDbContext>;
