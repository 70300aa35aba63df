using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Households;
using Xichou.Insurance.Infrastructure.EntityConfigurations;
using Xichou.Insurance.Model;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Insurance.Infrastructure;

/// <summary>The insurance office's database: the kit's tables (copy of the register and its members, referrals, outbox, inbox, audit) and its own.</summary>
public class InsuranceDbContext(DbContextOptions options) : DepartmentDbContext(options)
{
    public DbSet<HospitalSubsidy> HospitalSubsidies => Set<HospitalSubsidy>();

    public DbSet<HospitalSubsidyYear> HospitalSubsidyYears => Set<HospitalSubsidyYear>();

    public DbSet<MedicalEnrolment> MedicalEnrolments => Set<MedicalEnrolment>();

    public DbSet<CoverageFinding> CoverageFindings => Set<CoverageFinding>();

    public DbSet<PovertyInsuranceEnrolment> PovertyInsuranceEnrolments => Set<PovertyInsuranceEnrolment>();

    public DbSet<PreventionClaim> PreventionClaims => Set<PreventionClaim>();

    public DbSet<OtherSupportPayment> OtherSupportPayments => Set<OtherSupportPayment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        var sqlServer = Database.IsSqlServer();
        modelBuilder.ApplyConfiguration(new HospitalSubsidyConfiguration());
        modelBuilder.ApplyConfiguration(new HospitalSubsidyYearConfiguration());
        modelBuilder.ApplyConfiguration(new MedicalEnrolmentConfiguration());
        modelBuilder.ApplyConfiguration(new CoverageFindingConfiguration(sqlServer));
        modelBuilder.ApplyConfiguration(new PovertyInsuranceEnrolmentConfiguration());
        modelBuilder.ApplyConfiguration(new PreventionClaimConfiguration());
        modelBuilder.ApplyConfiguration(new OtherSupportPaymentConfiguration());
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteInsuranceDbContext(DbContextOptions<SqliteInsuranceDbContext> options) : InsuranceDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerInsuranceDbContext(DbContextOptions<SqlServerInsuranceDbContext> options) : InsuranceDbContext(options);

internal sealed class SqliteInsuranceDesignTimeFactory : SqliteDesignTimeFactory<SqliteInsuranceDbContext>;

internal sealed class SqlServerInsuranceDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerInsuranceDbContext>;
