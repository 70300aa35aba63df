using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Households;
using Xichou.Education.Infrastructure.EntityConfigurations;
using Xichou.Education.Model;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Education.Infrastructure;

/// <summary>The education bureau's database: the kit's tables (copy of the register and its school-age members, referrals, outbox, inbox, audit) and its own.</summary>
public class EducationDbContext(DbContextOptions options) : DepartmentDbContext(options)
{
    public DbSet<Student> Students => Set<Student>();

    public DbSet<EducationSubsidy> Subsidies => Set<EducationSubsidy>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new StudentConfiguration());
        modelBuilder.ApplyConfiguration(new EducationSubsidyConfiguration());
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteEducationDbContext(DbContextOptions<SqliteEducationDbContext> options) : EducationDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerEducationDbContext(DbContextOptions<SqlServerEducationDbContext> options) : EducationDbContext(options);

internal sealed class SqliteEducationDesignTimeFactory : SqliteDesignTimeFactory<SqliteEducationDbContext>;

internal sealed class SqlServerEducationDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerEducationDbContext>;
