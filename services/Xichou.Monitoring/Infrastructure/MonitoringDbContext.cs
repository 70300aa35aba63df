using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Infrastructure.EntityConfigurations;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Ledger;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Infrastructure;

public class MonitoringDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<HouseholdStatusChange> StatusChanges => Set<HouseholdStatusChange>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<Risk> Risks => Set<Risk>();
    public DbSet<RiskMeasure> RiskMeasures => Set<RiskMeasure>();
    public DbSet<RiskEscalation> RiskEscalations => Set<RiskEscalation>();
    public DbSet<Cadre> Cadres => Set<Cadre>();
    public DbSet<Loan> Loans => Set<Loan>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<Model.Support.InclusionCheck> InclusionChecks => Set<Model.Support.InclusionCheck>();
    public DbSet<Model.Analysis.AnalysisFiling> AnalysisFilings => Set<Model.Analysis.AnalysisFiling>();
    public DbSet<Model.Analysis.TownshipReminder> TownshipReminders => Set<Model.Analysis.TownshipReminder>();

    /// <summary>The household ledger: every payment any department reported (<see cref="Xichou.Contracts.HouseholdPaid"/>).</summary>
    public DbSet<HouseholdPayment> HouseholdPayments => Set<HouseholdPayment>();

    /// <summary>Every referral of a household on the register, whoever sent it: the register keeps them all (closed loop, household page).</summary>
    public DbSet<Referral> Referrals => Set<Referral>();

    /// <summary>Risks of households inside <paramref name="jurisdiction"/> (an EXISTS over the scoped register).</summary>
    public IQueryable<Risk> RisksWithin(Jurisdiction jurisdiction)
    {
        var households = Households.Within(jurisdiction);
        return Risks.Where(r => households.Any(h => h.Id == r.HouseholdId));
    }

    /// <summary>Households on the register within <paramref name="jurisdiction"/>, per township code.</summary>
    public Task<Dictionary<string, int>> CountByTownshipAsync(Jurisdiction jurisdiction, CancellationToken cancellationToken = default) =>
        Households.AsNoTracking().Within(jurisdiction)
            .GroupBy(h => h.TownshipCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>
    /// Saves, with the events of every household change in it (<see cref="HouseholdChangeEvents"/>) and the register's feed
    /// (<see cref="RegisterFeedEvents"/>) in the same transaction.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        List<OutboxMessage> queued = [];
        try
        {
            var changes = Detect();
            if (!changes.IsEmpty)
            {
                queued = changes.Queue(this, StoredMembers(changes.Edited), UntrackedHouseholds(changes.Untracked), Clock);
            }
            queued.AddRange(RegisterFeedEvents.Queue(this, Clock));
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch
        {
            Forget(queued);
            throw;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        List<OutboxMessage> queued = [];
        try
        {
            var changes = Detect();
            if (!changes.IsEmpty)
            {
                queued = changes.Queue(this, await StoredMembersAsync(changes.Edited, cancellationToken),
                    await UntrackedHouseholdsAsync(changes.Untracked, cancellationToken), Clock);
            }
            queued.AddRange(await RegisterFeedEvents.QueueAsync(this, Clock, cancellationToken));
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch
        {
            Forget(queued);
            throw;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Detects changes once for the events and the save together: with thousands of staged registrations (an import)
    /// a second scan of the tracker by SaveChanges would cost as much again.
    /// </summary>
    private HouseholdChangeEvents Detect()
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }
        return HouseholdChangeEvents.Collect(ChangeTracker);
    }

    // No query at all for a save that edits no registered household (every registration): an empty IN is still a round trip.
    private List<Member> StoredMembers(List<Guid> householdIds) =>
        householdIds.Count == 0 ? [] : [.. Members.AsNoTracking().Where(m => householdIds.Contains(m.HouseholdId))];

    private async Task<List<Member>> StoredMembersAsync(List<Guid> householdIds, CancellationToken cancellationToken) =>
        householdIds.Count == 0 ? [] : await Members.AsNoTracking().Where(m => householdIds.Contains(m.HouseholdId)).ToListAsync(cancellationToken);

    private List<Household> UntrackedHouseholds(List<Guid> ids) =>
        ids.Count == 0 ? [] : [.. Households.AsNoTracking().Where(h => ids.Contains(h.Id))];

    private async Task<List<Household>> UntrackedHouseholdsAsync(List<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : await Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToListAsync(cancellationToken);

    /// <summary>A failed save leaves the events it derived out, so a retry of the same changes derives them once again.</summary>
    private void Forget(List<OutboxMessage> queued)
    {
        foreach (var message in queued)
        {
            Entry(message).State = EntityState.Detached;
        }
    }

    /// <summary>The service's clock (tests move it); the system's where the context runs without the service (tools, tests of its own).</summary>
    private TimeProvider Clock =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TimeProvider>()
        ?? TimeProvider.System;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // One configuration class per aggregate (Infrastructure/EntityConfigurations); the mappings below move there as they are touched.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MonitoringDbContext).Assembly, type => type.Namespace == typeof(EntityConfigurations.InclusionCheckConfiguration).Namespace);
        modelBuilder.Entity<Household>(household =>
        {
            household.HasKey(h => h.Id);
            household.Property(h => h.Id).ValueGeneratedNever();
            household.Property(h => h.Code).HasMaxLength(32);
            household.Property(h => h.TownshipCode).HasMaxLength(12);
            household.Property(h => h.VillageCode).HasMaxLength(12);
            household.Property(h => h.Village).HasMaxLength(64);
            household.Property(h => h.PairedCadre).HasMaxLength(64);
            household.Property(h => h.HeadName).HasMaxLength(64);
            household.Property(h => h.HeadIdNumber).HasMaxLength(18);
            household.HasIndex(h => h.Code).IsUnique();
            household.HasIndex(h => h.HeadIdNumber).IsUnique();
            household.HasIndex(h => new { h.TownshipCode, h.VillageCode });
            household.HasIndex(h => h.VillageCode);
            // 每人挂钩1户: a cadre is paired with one household.
            household.HasIndex(h => h.PairedCadre).IsUnique().HasFilter(
                Database.IsSqlServer() ? "[PairedCadre] IS NOT NULL" : "\"PairedCadre\" IS NOT NULL");
            household.Property(h => h.VillagerGroup).HasMaxLength(32);
            household.Property(h => h.PerCapitaIncome).HasPrecision(12, 2);
            household.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
            household.HasIndex(h => new { h.Status, h.LastVisitOn });
            household.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId);
            household.HasMany(h => h.StatusChanges).WithOne().HasForeignKey(c => c.HouseholdId);
        });
        modelBuilder.Entity<Member>(member =>
        {
            member.HasKey(m => m.Id);
            member.Property(m => m.Id).ValueGeneratedNever();
            member.Property(m => m.Name).HasMaxLength(64);
            member.Property(m => m.IdNumber).HasMaxLength(18);
            // One person, one household: a second household with the same member is a 409 naming the first.
            member.HasIndex(m => m.IdNumber).IsUnique();
            member.HasIndex(m => new { m.HouseholdId, m.Position });
            member.Property(m => m.Relation).HasConversion<string>().HasMaxLength(16);
            member.Property(m => m.Sex).HasConversion<string>().HasMaxLength(8);
            member.Property(m => m.LabourCapacity).HasConversion<string>().HasMaxLength(16);
            member.Property(m => m.SchoolStage).HasConversion<string>().HasMaxLength(16);
            member.Property(m => m.HealthState).HasConversion<string>().HasMaxLength(16);
            member.Property(m => m.Phone).HasMaxLength(20);
        });
        modelBuilder.Entity<HouseholdStatusChange>(change =>
        {
            change.HasKey(c => c.Id);
            change.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
            change.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
            change.Property(c => c.Reason).HasMaxLength(200);
            change.Property(c => c.ChangedBy).HasMaxLength(64);
            change.HasIndex(c => c.On);
        });
        modelBuilder.ApplyConfiguration(new VisitConfiguration());
        new RiskConfiguration(Database.IsSqlServer()).Apply(modelBuilder);
        modelBuilder.Entity<Cadre>(cadre =>
        {
            cadre.HasKey(c => c.Id);
            cadre.Property(c => c.Id).ValueGeneratedNever();
            cadre.Property(c => c.UserName).HasMaxLength(64);
            cadre.HasIndex(c => c.UserName).IsUnique();
            cadre.Property(c => c.Name).HasMaxLength(64);
            cadre.Property(c => c.WorkUnit).HasMaxLength(100);
            cadre.Property(c => c.Rank).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<Loan>(loan =>
        {
            loan.HasKey(l => l.Id);
            loan.Property(l => l.Id).ValueGeneratedNever();
            loan.Property(l => l.Purpose).HasMaxLength(200);
            loan.Property(l => l.Amount).HasPrecision(12, 2);
            loan.Property(l => l.Lender).HasConversion<string>().HasMaxLength(24);
            loan.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
            loan.Property(l => l.DeclineReason).HasMaxLength(200);
            loan.HasIndex(l => new { l.HouseholdId, l.Status });
        });
        modelBuilder.ApplyConfiguration(new ReferralConfiguration(Database.IsSqlServer()));
        modelBuilder.Entity<Complaint>(complaint =>
        {
            complaint.HasKey(c => c.Id);
            complaint.Property(c => c.Id).ValueGeneratedNever();
            complaint.Property(c => c.Content).HasMaxLength(1000);
            complaint.Property(c => c.CallerPhone).HasMaxLength(20);
            complaint.Property(c => c.RecordedBy).HasMaxLength(64);
            complaint.HasIndex(c => c.HouseholdId);
        });
        modelBuilder.ApplyConfiguration(new HouseholdPaymentConfiguration());
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteMonitoringDbContext(DbContextOptions<SqliteMonitoringDbContext> options) : MonitoringDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerMonitoringDbContext(DbContextOptions<SqlServerMonitoringDbContext> options) : MonitoringDbContext(options);

internal sealed class SqliteMonitoringDesignTimeFactory : SqliteDesignTimeFactory<SqliteMonitoringDbContext>;

internal sealed class SqlServerMonitoringDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerMonitoringDbContext>;
