using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Risks;
using Xichou.Monitoring.Policy;

namespace Xichou.Monitoring.Infrastructure;

/// <summary>
/// The covering notice's clock: a risk still open past its escalation due date (<see cref="EscalationClock"/>) goes up one level (村 → 乡镇 → 县), with a <c>RiskEscalated</c> event in the same SaveChanges. Every replica runs
/// the sweep; <see cref="Risk.LevelSince"/> is a concurrency token, so only one of them moves a given risk.
/// </summary>
public sealed class RiskEscalator(
    IServiceScopeFactory scopes, MonitoringPolicies policies, TimeProvider time, IConfiguration configuration, ILogger<RiskEscalator> logger)
    : BackgroundService
{
    public const string SweepSetting = "Monitoring:EscalationSweep";
    public const string SystemUser = "system";

    private const int BatchSize = 100;

    public TimeSpan Sweep => configuration.GetValue<TimeSpan?>(SweepSetting) ?? TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Sweep, time);
        do
        {
            try
            {
                await EscalateDueAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The risk escalation sweep failed; it runs again in {Sweep}.", Sweep);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Escalates every open risk due at <paramref name="now"/>; returns how many this replica moved.</summary>
    public async Task<int> EscalateDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var escalated = 0;
        var skipped = new HashSet<Guid>();
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
            // DateTimeOffset cannot be compared in SQL on SQLite: candidates by status and level, the clock in memory.
            var candidates = await db.Risks.AsNoTracking()
                .Where(r => r.Status == RiskStatus.Open && r.Level != RiskLevel.County && !skipped.Contains(r.Id))
                .Select(r => new { r.Id, r.LevelSince })
                .ToListAsync(cancellationToken);
            var due = candidates.Where(r => EscalationClock.DueAt(r.LevelSince, policies) <= now).OrderBy(r => r.LevelSince).Take(BatchSize).Select(r => r.Id).ToList();
            if (due.Count == 0)
            {
                return escalated;
            }
            foreach (var id in due)
            {
                skipped.Add(id);
                if (await EscalateOneAsync(id, now, cancellationToken))
                {
                    escalated++;
                }
            }
        }
    }

    private async Task<bool> EscalateOneAsync(Guid riskId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        var risk = await db.Risks.FirstOrDefaultAsync(r => r.Id == riskId, cancellationToken);
        if (risk is null || risk.Status != RiskStatus.Open || EscalationClock.DueAt(risk.LevelSince, policies) > now)
        {
            return false;
        }
        var household = await db.Households.FirstAsync(h => h.Id == risk.HouseholdId, cancellationToken);
        var from = risk.Level;
        var reason = $"{RiskNames.Of(from)}超过{EscalationClock.DaysFor(risk.LevelSince, policies)}天未解决，自动上报{RiskNames.Of(from + 1)}";
        if (!risk.EscalateUp(automatic: true, SystemUser, reason, now))
        {
            return false;
        }
        db.RiskEscalations.Add(risk.Escalations[^1]);
        db.AddIntegrationEvent(RiskRegister.EscalatedEvent(risk, household, from, automatic: true, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another replica (or a user reporting it up) moved this risk first; its LevelSince no longer matches.
            logger.LogDebug("Risk {RiskId} was escalated elsewhere first; skipped.", riskId);
            return false;
        }
    }
}
