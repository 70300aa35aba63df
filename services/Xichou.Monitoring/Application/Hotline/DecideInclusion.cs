using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Support;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Hotline;

/// <summary>The township's decision on one reported missed household.</summary>
public sealed record DecideInclusion(Guid Id, InclusionDecisionRequest Request, ClaimsPrincipal User);

public abstract record InclusionOutcome
{
    public sealed record Decided(InclusionCheckView Check) : InclusionOutcome;

    /// <summary>No such item within the caller's jurisdiction.</summary>
    public sealed record NotFound : InclusionOutcome;

    /// <summary>Below the township: a village reports, the township (or the county) decides.</summary>
    public sealed record Forbidden : InclusionOutcome;

    /// <summary>Decided before; a decision is not overwritten.</summary>
    public sealed record AlreadyDecided(InclusionCheckView Check) : InclusionOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : InclusionOutcome;
}

/// <summary>
/// 纳入重点监测 or not: the township checks a reported missed household and decides, with a reason; who and when are recorded
/// and audited. The county may decide too. Registering the household, if included, is the register's ordinary form.
/// </summary>
public sealed class DecideInclusionHandler(MonitoringDbContext db, ServiceSecurity security, TimeProvider time)
{
    public static bool MayDecide(Jurisdiction scope) => Access.MonitoringAccess.MayDecideInclusion(scope);

    public async Task<InclusionOutcome> HandleAsync(DecideInclusion command, CancellationToken cancellationToken)
    {
        var (id, request, user) = command;
        var scope = security.JurisdictionOf(user);
        var check = await db.InclusionChecks.Within(scope).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (check is null)
        {
            return new InclusionOutcome.NotFound();
        }
        if (!MayDecide(scope))
        {
            return new InclusionOutcome.Forbidden();
        }
        var errors = SupportValidation.Validate(request);
        if (!errors.IsEmpty)
        {
            return new InclusionOutcome.Invalid(errors.ToDictionary());
        }
        _ = InclusionDecisions.TryParseDecision(request.Decision, out var decision);
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        if (!check.Decide(decision, request.Reason!.Trim(), actor.UserName, now))
        {
            return new InclusionOutcome.AlreadyDecided(InclusionCheckView.From(check, user, security));
        }
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, details: new
        {
            inclusionCheck = check.Id, decision = InclusionDecisions.Wire(decision), reason = check.Reason,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return new InclusionOutcome.Decided(InclusionCheckView.From(check, user, security));
    }
}
