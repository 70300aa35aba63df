using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Households;
using Xichou.Employment.Infrastructure.EntityConfigurations;
using Xichou.Employment.Model;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Employment.Infrastructure;

/// <summary>The employment bureau's database: the kit's tables (copy of the register, referrals, outbox, inbox, audit) and its own.</summary>
public class EmploymentDbContext(DbContextOptions options) : DepartmentDbContext(options)
{
    public DbSet<Labourer> Labourers => Set<Labourer>();

    public DbSet<Training> Trainings => Set<Training>();

    public DbSet<JobService> JobServices => Set<JobService>();

    public DbSet<MigrantCheck> MigrantChecks => Set<MigrantCheck>();

    public DbSet<EmploymentFinding> Findings => Set<EmploymentFinding>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new LabourerConfiguration());
        modelBuilder.ApplyConfiguration(new TrainingConfiguration());
        modelBuilder.ApplyConfiguration(new JobServiceConfiguration());
        modelBuilder.ApplyConfiguration(new MigrantCheckConfiguration());
        modelBuilder.ApplyConfiguration(new EmploymentFindingConfiguration(Database.IsSqlServer()));
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteEmploymentDbContext(DbContextOptions<SqliteEmploymentDbContext> options) : EmploymentDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerEmploymentDbContext(DbContextOptions<SqlServerEmploymentDbContext> options) : EmploymentDbContext(options);

internal sealed class SqliteEmploymentDesignTimeFactory : SqliteDesignTimeFactory<SqliteEmploymentDbContext>;

internal sealed class SqlServerEmploymentDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerEmploymentDbContext>;
