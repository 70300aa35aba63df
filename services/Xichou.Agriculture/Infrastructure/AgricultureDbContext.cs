using Microsoft.EntityFrameworkCore;
using Xichou.Agriculture.Infrastructure.EntityConfigurations;
using Xichou.Agriculture.Model;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Agriculture.Infrastructure;

/// <summary>The agriculture bureau's database: the kit's tables (copy of the register, referrals, outbox, inbox, audit) and its own.</summary>
public class AgricultureDbContext(DbContextOptions options) : DepartmentDbContext(options)
{
    public DbSet<IndustryApplication> IndustryApplications => Set<IndustryApplication>();

    public DbSet<SubsidyAccount> SubsidyAccounts => Set<SubsidyAccount>();

    public DbSet<Linkage> Linkages => Set<Linkage>();

    public DbSet<HouseholdIndustry> HouseholdIndustries => Set<HouseholdIndustry>();

    public DbSet<InsurancePolicy> InsurancePolicies => Set<InsurancePolicy>();

    public DbSet<LossClaim> LossClaims => Set<LossClaim>();

    public DbSet<AgricultureFinding> AgricultureFindings => Set<AgricultureFinding>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new IndustryApplicationConfiguration());
        modelBuilder.ApplyConfiguration(new SubsidyAccountConfiguration());
        modelBuilder.ApplyConfiguration(new LinkageConfiguration());
        modelBuilder.ApplyConfiguration(new HouseholdIndustryConfiguration());
        modelBuilder.ApplyConfiguration(new InsurancePolicyConfiguration());
        modelBuilder.ApplyConfiguration(new LossClaimConfiguration());
        modelBuilder.ApplyConfiguration(new AgricultureFindingConfiguration(Database.IsSqlServer()));
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteAgricultureDbContext(DbContextOptions<SqliteAgricultureDbContext> options) : AgricultureDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerAgricultureDbContext(DbContextOptions<SqlServerAgricultureDbContext> options) : AgricultureDbContext(options);

internal sealed class SqliteAgricultureDesignTimeFactory : SqliteDesignTimeFactory<SqliteAgricultureDbContext>;

internal sealed class SqlServerAgricultureDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerAgricultureDbContext>;
