using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Households;
using Xichou.Housing.Infrastructure.EntityConfigurations;
using Xichou.Housing.Model;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Housing.Infrastructure;

/// <summary>The housing bureau's database: the kit's tables (copy of the register, referrals, outbox, inbox, audit) and its own.</summary>
public class HousingDbContext(DbContextOptions options) : DepartmentDbContext(options)
{
    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<RemediationCase> RemediationCases => Set<RemediationCase>();

    public DbSet<RemediationProgress> RemediationProgress => Set<RemediationProgress>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new AssessmentConfiguration());
        modelBuilder.ApplyConfiguration(new RemediationCaseConfiguration(Database.IsSqlServer()));
        modelBuilder.ApplyConfiguration(new RemediationProgressConfiguration());
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteHousingDbContext(DbContextOptions<SqliteHousingDbContext> options) : HousingDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerHousingDbContext(DbContextOptions<SqlServerHousingDbContext> options) : HousingDbContext(options);

internal sealed class SqliteHousingDesignTimeFactory : SqliteDesignTimeFactory<SqliteHousingDbContext>;

internal sealed class SqlServerHousingDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerHousingDbContext>;
