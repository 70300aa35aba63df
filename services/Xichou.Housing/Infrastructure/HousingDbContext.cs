using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;
using Xichou.DepartmentKit.Households;

namespace Xichou.Housing.Infrastructure;

public class HousingDbContext(DbContextOptions options) : DepartmentDbContext(options);

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteHousingDbContext(DbContextOptions<SqliteHousingDbContext> options) : HousingDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerHousingDbContext(DbContextOptions<SqlServerHousingDbContext> options) : HousingDbContext(options);

internal sealed class SqliteHousingDesignTimeFactory : SqliteDesignTimeFactory<SqliteHousingDbContext>;

internal sealed class SqlServerHousingDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerHousingDbContext>;
