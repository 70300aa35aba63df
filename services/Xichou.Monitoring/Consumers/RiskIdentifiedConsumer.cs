using Xichou.ServiceDefaults.Http;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Visits;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.Monitoring.Consumers;

/// <summary>
/// Puts a department's finding on the risk register at village level. Idempotent twice over: the inbox claims the
/// message id, and the unique (Source, SourceId) index records one finding (its <see cref="RiskIdentified.RiskId"/>)
/// once even when it is published again under another message id.
/// </summary>
public sealed class RiskIdentifiedConsumer(MonitoringDbContext db, MonitoringPolicies policies, TimeProvider time, ILogger<RiskIdentifiedConsumer> logger)
    : IConsumer<RiskIdentified>
{
    public const string InboxName = "risk-identified";
    public const string QueueName = "monitoring-risk-identified";

    public async Task Consume(ConsumeContext<RiskIdentified> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var now = time.GetUtcNow();
        if (!await db.ClaimAsync(InboxName, context, now, ct))
        {
            return;
        }
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == message.HouseholdId, ct);
        if (household is null)
        {
            logger.LogWarning("RiskIdentified {RiskId} from {Department} names household {HouseholdId}, which is not on the register; skipped.",
                message.RiskId, message.Department, message.HouseholdId);
            await db.SaveChangesAsync(ct);
            return;
        }
        var known = await db.Risks.AnyAsync(r => r.Source == RiskSource.Department && r.SourceId == message.RiskId, ct);
        if (!known)
        {
            var found = new FoundRisk(RiskCategory.Reported, null, null, WireName.Parse<RiskSeverity>(message.Severity) ?? RiskSeverity.Medium,
                Truncate($"{message.Department}:{message.Category}", 64), Truncate(message.Description, 500));
            var risk = Risk.Open(household.Id, found, RiskSource.Department, message.RiskId, message.Department, now,
                policies.Current(time).Version);
            db.Risks.Add(risk);
            db.Audit(AuditEntry.Record(new Actor(message.Department, "service"), AuditActions.Create, now, household.Id,
                details: new { risk = risk.Id, finding = message.RiskId, rule = found.Rule }));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!known)
        {
            // The same finding under another message id may have been saved concurrently: then it is on the register once.
            if (!await IsRegisteredAsync(message.RiskId, ct))
            {
                throw;
            }
            await db.ClaimAsync(InboxName, context, now, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<bool> IsRegisteredAsync(Guid findingId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Risks.AnyAsync(r => r.Source == RiskSource.Department && r.SourceId == findingId, ct);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
