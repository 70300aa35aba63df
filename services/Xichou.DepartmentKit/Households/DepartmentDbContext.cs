using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Referrals;
using Xichou.ServiceDefaults.Data;

namespace Xichou.DepartmentKit.Households;

/// <summary>
/// The base of a department service's DbContext: the outbox, inbox and audit log (ServiceDbContext), its copy of the
/// register with the members it is told about, and its referrals. The department's own tables go in its subclass, so a
/// new housing column changes housing's migrations only.
/// </summary>
public abstract class DepartmentDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<KnownHousehold> Households => Set<KnownHousehold>();

    public DbSet<KnownMember> Members => Set<KnownMember>();

    public DbSet<Referral> Referrals => Set<Referral>();

    /// <summary>Saves, with a <see cref="Xichou.Contracts.SurveyRecorded"/> for every survey that changed (<see cref="SurveyEvents"/>) in the same transaction.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var queued = SurveyEvents.Queue(this, SurveyEvents.ClockOf(this));
        try
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            SurveyEvents.Published(queued);
            return saved;
        }
        catch
        {
            SurveyEvents.Forget(this, queued);
            throw;
        }
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Once for the survey events and the save.
        using var detected = DetectChangesOnce();
        var queued = SurveyEvents.Queue(this, SurveyEvents.ClockOf(this));
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            SurveyEvents.Published(queued);
            return saved;
        }
        catch
        {
            SurveyEvents.Forget(this, queued);
            throw;
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new KnownHouseholdConfiguration());
        modelBuilder.ApplyConfiguration(new KnownMemberConfiguration());
        modelBuilder.ApplyConfiguration(new ReferralConfiguration(Database.IsSqlServer()));
    }
}
