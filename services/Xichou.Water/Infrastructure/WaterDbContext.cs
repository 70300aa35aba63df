using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Data;
using Xichou.Water.Infrastructure.EntityConfigurations;
using Xichou.Water.Model.Checks;
using Xichou.Water.Model.Remediations;

namespace Xichou.Water.Infrastructure;

/// <summary>The water bureau's database: the kit's tables (copy of the register, referrals, outbox) and its checks and remediation cases.</summary>
public class WaterDbContext(DbContextOptions options) : DepartmentDbContext(options)
{
    public DbSet<WaterCheck> Checks => Set<WaterCheck>();

    public DbSet<RemediationCase> Remediations => Set<RemediationCase>();

    public DbSet<RemediationHousehold> RemediationHouseholds => Set<RemediationHousehold>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new WaterCheckConfiguration());
        modelBuilder.ApplyConfiguration(new RemediationCaseConfiguration());
        modelBuilder.ApplyConfiguration(new RemediationHouseholdConfiguration());
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteWaterDbContext(DbContextOptions<SqliteWaterDbContext> options) : WaterDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerWaterDbContext(DbContextOptions<SqlServerWaterDbContext> options) : WaterDbContext(options);

internal sealed class SqliteWaterDesignTimeFactory : SqliteDesignTimeFactory<SqliteWaterDbContext>;

internal sealed class SqlServerWaterDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerWaterDbContext>;
