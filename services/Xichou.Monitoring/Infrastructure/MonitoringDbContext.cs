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
        using var detected = DetectChangesOnce();
        List<OutboxMessage> queued = [];
        try
        {
            var changes = HouseholdChangeEvents.Collect(ChangeTracker);
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
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = DetectChangesOnce();
        List<OutboxMessage> queued = [];
        try
        {
            var changes = HouseholdChangeEvents.Collect(ChangeTracker);
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
        // One configuration class per aggregate (Infrastructure/EntityConfigurations), each named here (a scan of the
        // assembly makes EF warn at every start about the two that take the provider, whose filtered indexes are written
        // in its dialect).
        modelBuilder
            .ApplyConfiguration(new AnalysisFilingConfiguration())
            .ApplyConfiguration(new CadreConfiguration())
            .ApplyConfiguration(new ComplaintConfiguration())
            .ApplyConfiguration(new HouseholdPaymentConfiguration())
            .ApplyConfiguration(new InclusionCheckConfiguration())
            .ApplyConfiguration(new LoanConfiguration())
            .ApplyConfiguration(new TownshipReminderConfiguration())
            .ApplyConfiguration(new VisitConfiguration());
        var sqlServer = Database.IsSqlServer();
        new HouseholdConfiguration(sqlServer).Apply(modelBuilder);
        new RiskConfiguration(sqlServer).Apply(modelBuilder);
        modelBuilder.ApplyConfiguration(new ReferralConfiguration(sqlServer));
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteMonitoringDbContext(DbContextOptions<SqliteMonitoringDbContext> options) : MonitoringDbContext(options)
{
    /// <summary>Every instant as UTC text in one format (<see cref="UtcInstantText"/>), so SQLite orders and compares it in SQL.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantText>();
    }
}

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerMonitoringDbContext(DbContextOptions<SqlServerMonitoringDbContext> options) : MonitoringDbContext(options);

internal sealed class SqliteMonitoringDesignTimeFactory : SqliteDesignTimeFactory<SqliteMonitoringDbContext>;

internal sealed class SqlServerMonitoringDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerMonitoringDbContext>;
