using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Data;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>
/// The receiving department's deadline timer, shaped like the outbox dispatcher: every sweep it finds its open referrals
/// past due and moves each one step (department head, then command centre) with its <see cref="ReferralEscalated"/> in the
/// same SaveChanges. The referral's revision is a concurrency token, so with two replicas only one UPDATE wins and the
/// event is written once.
/// </summary>
public sealed partial class ReferralDeadlineSweep<TContext>(
    IServiceScopeFactory scopes, ReferralKeeping keeping, ReferralPolicy policy, WorkingCalendar calendar, TimeProvider time,
    IConfiguration configuration, ILogger<ReferralDeadlineSweep<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    public const string SweepSetting = "Referrals:DeadlineSweep";
    public const string SystemUser = "system";

    public TimeSpan Sweep => configuration.GetValue<TimeSpan?>(SweepSetting) ?? TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Sweep, time);
        do
        {
            try
            {
                await EscalateDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(exception, Sweep);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Escalates every referral to this department that is due to move now; returns how many this replica moved.</summary>
    public async Task<int> EscalateDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = Beijing.DateOf(now);
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            // Past their due day and not yet at the command centre; the step each needs is worked out per referral.
            var candidates = await db.Set<Referral>().AsNoTracking()
                .Where(r => r.ToDepartment == keeping.Service && r.DueOn < today && r.Escalation != ReferralEscalation.CommandCentre
                    && (r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted))
                .OrderBy(r => r.DueOn)
                .Select(r => new { r.Id, r.DueOn, r.Escalation })
                .ToListAsync(cancellationToken);
            due = [.. candidates.Where(r => ReferralDeadline.EscalationAt(r.DueOn, now, policy, calendar) > r.Escalation).Select(r => r.Id)];
        }
        var moved = 0;
        foreach (var id in due)
        {
            if (await EscalateOneAsync(id, now, cancellationToken))
            {
                moved++;
            }
        }
        return moved;
    }

    private async Task<bool> EscalateOneAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var referral = await db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null || !referral.EscalateTo(ReferralDeadline.EscalationAt(referral.DueOn, now, policy, calendar), now))
        {
            return false;
        }
        db.AddIntegrationEvent(new ReferralEscalated { Referral = referral.ToSnapshot(), By = SystemUser, OccurredAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another replica (or a user, or a consumer) changed it first; its revision no longer matches.
            LogMovedElsewhere(id);
            return false;
        }
    }

    [LoggerMessage(LogLevel.Error, "The referral deadline sweep failed; it runs again in {Sweep}.")]
    private partial void LogSweepFailed(Exception exception, TimeSpan sweep);

    [LoggerMessage(LogLevel.Debug, "Referral {ReferralId} was changed elsewhere first; skipped.")]
    private partial void LogMovedElsewhere(Guid referralId);
}
