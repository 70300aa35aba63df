using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Application.Access;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Households;

public sealed record ChangeStatusRequest(string? Status, string? Reason, DateOnly? On);

public sealed record HouseholdStatusView(Guid Id, string HouseholdCode, string Status, DateOnly StatusChangedOn, string Reason);

/// <summary>Change <see cref="HouseholdId"/>'s monitoring status as <see cref="Request"/> asks, as <see cref="User"/>.</summary>
public sealed record ChangeHouseholdStatus(Guid HouseholdId, ChangeStatusRequest Request, ClaimsPrincipal User);

public abstract record StatusOutcome
{
    public sealed record Changed(HouseholdStatusView Status) : StatusOutcome;

    /// <summary>No such household within the caller's jurisdiction.</summary>
    public sealed record NotFound : StatusOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : StatusOutcome;

    /// <summary>A read-only user (a county leader, a pairing cadre).</summary>
    public sealed record Forbidden : StatusOutcome
    {
        public static readonly string Title = Bilingual.Message("您不能变更农户的监测状态", "You may not change a household's monitoring status.");

        public static readonly string Detail = Bilingual.Message("退出监测或恢复监测须由村、乡镇或县扶贫办人员办理", "Village monitors, township staff or the poverty office change it.");
    }

    /// <summary>Risks still open, or the status is already the one asked for; bilingual title and detail.</summary>
    public sealed record Conflict(string Title, string? Detail) : StatusOutcome;
}

/// <summary>Taking a household off monitoring (退出监测) or back on; risk elimination itself comes only from a verification visit.</summary>
public sealed class ChangeHouseholdStatusHandler(MonitoringDbContext db, ServiceSecurity security, TimeProvider time)
{
    public const int MaxReasonLength = 200;

    public async Task<StatusOutcome> HandleAsync(ChangeHouseholdStatus command, CancellationToken cancellationToken)
    {
        var (id, request, user) = command;
        // The household page calls this handler when its form is posted, bypassing the endpoint's policy: the role is
        // checked here, so a forged form from a read-only user (a county leader, a pairing cadre) changes nothing.
        if (!MonitoringAccess.MayWrite(user))
        {
            return new StatusOutcome.Forbidden();
        }
        var errors = new ValidationErrors();
        HouseholdStatus? to = request.Status?.Trim().ToLowerInvariant() switch
        {
            "exited" => HouseholdStatus.Exited,
            "monitored" => HouseholdStatus.Monitored,
            _ => null,
        };
        if (to is null)
        {
            errors.Add("status", "状态只能是 exited（退出监测）或 monitored（恢复监测）；风险消除须经核实走访",
                "The status is exited or monitored; risk elimination comes from a verification visit.");
        }
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", "须填写原因", "A reason is required.");
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors.Add("reason", $"原因不能超过{MaxReasonLength}个字", $"The reason is at most {MaxReasonLength} characters.");
        }
        var now = time.GetUtcNow();
        var today = Beijing.DateOf(now);
        if (request.On is { } on && on > today)
        {
            errors.Add("on", "日期不能晚于今天", "The date cannot be in the future.");
        }
        if (!errors.IsEmpty)
        {
            return new StatusOutcome.Invalid(errors.ToDictionary());
        }

        var household = await db.Households.Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return new StatusOutcome.NotFound();
        }
        if (to == HouseholdStatus.Exited && await db.Risks.AnyAsync(r => r.HouseholdId == id && r.Status == RiskStatus.Open, cancellationToken))
        {
            return new StatusOutcome.Conflict(
                Bilingual.Message("该户仍有未消除的风险", "The household still has open risks."),
                Bilingual.Message("风险经核实走访消除后才能退出监测", "Risks close on a verification visit; exit after that."));
        }
        var from = household.Status;
        var effectiveOn = request.On ?? today;
        if (!household.ChangeStatus(to!.Value, effectiveOn, reason!, Actor.Of(user).UserName))
        {
            return new StatusOutcome.Conflict(Bilingual.Message("该户已是此状态", "The household already has this status."), null);
        }
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Update, now, household.Id,
            details: new { status = new { before = from.ToString(), after = household.Status.ToString(), on = effectiveOn, reason } }));
        await db.SaveChangesAsync(cancellationToken);
        return new StatusOutcome.Changed(new HouseholdStatusView(household.Id, household.Code, household.Status.ToString(), household.StatusChangedOn, reason!));
    }
}
