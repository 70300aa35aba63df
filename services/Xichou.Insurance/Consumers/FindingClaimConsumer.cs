using MassTransit;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Insurance.Infrastructure;
using Xichou.Insurance.Model;
using Xichou.Insurance.Policy;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.Insurance.Consumers;

/// <summary>
/// 措施九（一）: a department's finding in a covered kind (a grade-D house is 住房保障, …; the mapping is policy data) opens a
/// poverty-prevention insurance claim in reported state for the insurance office to review. Once per finding: the inbox drops a
/// repeated delivery and the claim's source finding is unique, so a finding published again (a house re-assessed unsafe) opens
/// nothing more. Insurance's own findings and findings of households it does not know are left alone.
/// </summary>
public sealed class FindingClaimConsumer(InsuranceDbContext db, InsurancePolicy policy, TimeProvider time) : IConsumer<RiskIdentified>
{
    public const string QueueName = "insurance-findings";
    internal const string InboxName = "finding-claims";

    public async Task Consume(ConsumeContext<RiskIdentified> context)
    {
        var finding = context.Message;
        if (finding.Department == ServiceNames.Insurance
            || InsuranceRules.ClaimKindForFinding(finding.Department, finding.Category, policy) is not { } kind)
        {
            return;
        }
        var ct = context.CancellationToken;
        var now = time.GetUtcNow();
        if (!await db.ClaimAsync(InboxName, context, now, ct))
        {
            return;
        }
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == finding.HouseholdId, ct);
        if (household is not null && !household.HasExited
            && !await db.PreventionClaims.AnyAsync(c => c.SourceFindingId == finding.RiskId, ct))
        {
            var description = $"{Departments.ByKey(finding.Department).Name}发现（{finding.Category}）：{finding.Description}";
            db.PreventionClaims.Add(PreventionClaim.Report(household.Id, kind,
                description.Length > PreventionClaim.MaxTextLength ? string.Concat(description.AsSpan(0, PreventionClaim.MaxTextLength - 1), "…") : description,
                "system", now, finding.RiskId, finding.Department));
        }
        // The inbox row alone when nothing opens; a concurrent delivery of the same finding collides on the keys and is retried.
        await db.SaveChangesAsync(ct);
    }
}
