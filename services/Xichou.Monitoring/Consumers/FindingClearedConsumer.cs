using MassTransit;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.Monitoring.Consumers;

/// <summary>
/// A department's finding no longer holds (its own re-check after the referral): the register closes the risk it opened for
/// that finding (<see cref="FindingCleared.RiskId"/>), with the department's resolution and who cleared it. Idempotent: the
/// inbox claims the message id, and a risk closes once — a repeat (or a second message clearing the same finding) finds it
/// closed and changes nothing. Cleared before its <see cref="RiskIdentified"/> arrived (the two travel on separate queues),
/// the finding is put on the register already closed, so the late finding does not open it.
/// </summary>
public sealed class FindingClearedConsumer(
    MonitoringDbContext db, MonitoringPolicies policies, TimeProvider time, ILogger<FindingClearedConsumer> logger) : IConsumer<FindingCleared>
{
    public const string InboxName = "finding-cleared";
    public const string QueueName = "monitoring-finding-cleared";

    public async Task Consume(ConsumeContext<FindingCleared> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var now = time.GetUtcNow();
        if (!await db.ClaimAsync(InboxName, context, now, ct))
        {
            return;
        }
        var risk = await db.Risks.FirstOrDefaultAsync(r => r.Source == RiskSource.Department && r.SourceId == message.RiskId, ct);
        var actor = new Actor(message.Department, "service");
        var resolution = Truncate(message.Resolution, 500);
        var clearedBy = Truncate(message.ClearedBy, 64);
        if (risk is null)
        {
            if (!await db.Households.AnyAsync(h => h.Id == message.HouseholdId, ct))
            {
                logger.LogWarning("FindingCleared {RiskId} from {Department} names household {HouseholdId}, which is not on the register; skipped.",
                    message.RiskId, message.Department, message.HouseholdId);
                await db.SaveChangesAsync(ct);
                return;
            }
            var found = new FoundRisk(RiskCategory.Reported, null, null, RiskSeverity.Medium,
                Truncate($"{message.Department}:{message.Category}", 64), resolution);
            risk = Risk.Open(message.HouseholdId, found, RiskSource.Department, message.RiskId, message.Department, now, policies.Current(time).Version);
            db.Risks.Add(risk);
        }
        if (risk.CloseCleared(resolution, clearedBy, now))
        {
            db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, risk.HouseholdId,
                details: new { risk = risk.Id, finding = message.RiskId, cleared = true, message.ClearedBy, resolution }));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(risk).State == EntityState.Added)
        {
            // The finding itself arrived at the same moment and was registered first: close that one instead.
            db.ChangeTracker.Clear();
            if (!await db.ClaimAsync(InboxName, context, now, ct))
            {
                return;
            }
            var registered = await db.Risks.FirstAsync(r => r.Source == RiskSource.Department && r.SourceId == message.RiskId, ct);
            if (registered.CloseCleared(resolution, clearedBy, now))
            {
                db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, registered.HouseholdId,
                    details: new { risk = registered.Id, finding = message.RiskId, cleared = true, message.ClearedBy, resolution }));
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
