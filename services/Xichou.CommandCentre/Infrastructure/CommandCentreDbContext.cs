using Microsoft.EntityFrameworkCore;
using Xichou.CommandCentre.Feed;
using Xichou.ServiceDefaults.Data;
using Xichou.DepartmentKit.Households;

namespace Xichou.CommandCentre.Infrastructure;

/// <summary>
/// The command centre's database: the kit's copy of the register, the event table every consumed event is kept in
/// (<see cref="FeedEvents"/>) and the overview's projections of it, which <c>rebuild-projections</c> empties and replays.
/// </summary>
public class CommandCentreDbContext(DbContextOptions options) : DepartmentDbContext(options)
{
    public DbSet<FeedEvent> FeedEvents => Set<FeedEvent>();
    public DbSet<HouseholdProjection> HouseholdProjections => Set<HouseholdProjection>();
    public DbSet<MeasureFact> MeasureFacts => Set<MeasureFact>();
    public DbSet<RiskProjection> RiskProjections => Set<RiskProjection>();
    public DbSet<EscalationRecord> Escalations => Set<EscalationRecord>();
    public DbSet<ReferralProjection> ReferralProjections => Set<ReferralProjection>();
    public DbSet<PaymentProjection> PaymentProjections => Set<PaymentProjection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<FeedEvent>(e =>
        {
            e.ToTable("FeedEvents");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(x => x.MessageId).IsUnique();
            e.Property(x => x.Source).HasMaxLength(64);
            e.Property(x => x.Type).HasMaxLength(64);
        });
        modelBuilder.Entity<HouseholdProjection>(e =>
        {
            e.ToTable("OverviewHouseholds");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.HouseholdCode).HasMaxLength(64);
            e.Property(x => x.TownshipCode).HasMaxLength(16);
            e.Property(x => x.VillageKey).HasMaxLength(64);
            e.Property(x => x.Village).HasMaxLength(64);
            e.Property(x => x.HeadName).HasMaxLength(64);
            e.Property(x => x.HeadIdNumber).HasMaxLength(32);
            e.Property(x => x.Status).HasMaxLength(32);
            e.Property(x => x.CadreName).HasMaxLength(64);
            e.HasIndex(x => new { x.TownshipCode, x.VillageKey });
        });
        modelBuilder.Entity<MeasureFact>(e =>
        {
            e.ToTable("OverviewMeasureFacts");
            e.HasKey(x => new { x.HouseholdId, x.Measure });
            e.Property(x => x.Measure).HasMaxLength(64);
            e.Property(x => x.Department).HasMaxLength(64);
        });
        modelBuilder.Entity<RiskProjection>(e =>
        {
            e.ToTable("OverviewRisks");
            e.HasKey(x => x.RiskId);
            e.Property(x => x.RiskId).ValueGeneratedNever();
            e.HasIndex(x => x.FindingId);
            e.HasIndex(x => x.HouseholdId);
            e.Property(x => x.TownshipCode).HasMaxLength(16);
            e.Property(x => x.VillageKey).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(32);
            e.Property(x => x.Department).HasMaxLength(64);
            e.Property(x => x.Category).HasMaxLength(64);
            e.Property(x => x.Severity).HasMaxLength(16);
            e.Property(x => x.Level).HasMaxLength(16);
            e.Property(x => x.ClosedHow).HasMaxLength(32);
        });
        modelBuilder.Entity<EscalationRecord>(e =>
        {
            e.ToTable("OverviewEscalations");
            e.HasKey(x => x.MessageId);
            e.Property(x => x.MessageId).ValueGeneratedNever();
            e.Property(x => x.TownshipCode).HasMaxLength(16);
            e.Property(x => x.VillageKey).HasMaxLength(64);
            e.Property(x => x.FromLevel).HasMaxLength(16);
            e.Property(x => x.ToLevel).HasMaxLength(16);
        });
        modelBuilder.Entity<ReferralProjection>(e =>
        {
            e.ToTable("OverviewReferrals");
            e.HasKey(x => x.ReferralId);
            e.Property(x => x.ReferralId).ValueGeneratedNever();
            e.Property(x => x.TownshipCode).HasMaxLength(16);
            e.Property(x => x.VillageKey).HasMaxLength(64);
            e.Property(x => x.FromService).HasMaxLength(64);
            e.Property(x => x.Department).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Escalation).HasMaxLength(32);
            e.HasIndex(x => x.RiskId);
            e.HasIndex(x => x.HouseholdId);
        });
        modelBuilder.Entity<PaymentProjection>(e =>
        {
            e.ToTable("OverviewPayments");
            e.HasKey(x => x.PaymentId);
            e.HasIndex(x => x.HouseholdId);
            e.Property(x => x.PaymentId).ValueGeneratedNever();
            e.Property(x => x.TownshipCode).HasMaxLength(16);
            e.Property(x => x.VillageKey).HasMaxLength(64);
            e.Property(x => x.Department).HasMaxLength(64);
            e.Property(x => x.Measure).HasMaxLength(64);
            e.Property(x => x.KindName).HasMaxLength(64);
            e.Property(x => x.CapName).HasMaxLength(64);
            e.Property(x => x.AmountYuan).HasPrecision(18, 2);
            e.Property(x => x.CapYuan).HasPrecision(18, 2);
            e.Property(x => x.HeadroomAfterYuan).HasPrecision(18, 2);
        });
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteCommandCentreDbContext(DbContextOptions<SqliteCommandCentreDbContext> options) : CommandCentreDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerCommandCentreDbContext(DbContextOptions<SqlServerCommandCentreDbContext> options) : CommandCentreDbContext(options);

internal sealed class SqliteCommandCentreDesignTimeFactory : SqliteDesignTimeFactory<SqliteCommandCentreDbContext>;

internal sealed class SqlServerCommandCentreDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerCommandCentreDbContext>;
