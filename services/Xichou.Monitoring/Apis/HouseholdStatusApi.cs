using Xichou.Contracts;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>Taking a household off monitoring (退出监测) or back on; risk elimination itself comes only from a verification visit.</summary>
public static class HouseholdStatusApi
{
    public const int MaxReasonLength = 200;

    public static RouteHandlerBuilder MapHouseholdStatusApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/households/{id:guid}/status", ChangeStatus)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithTags("Households")
            .WithName("ChangeHouseholdStatus")
            .WithSummary("Exit a household from monitoring (no open risk may remain) or put it back, with the date and reason; kept for the 公示.");

    public static async Task<Results<Ok<HouseholdStatusView>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        Guid id, ChangeStatusRequest request, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        // The household page calls this handler directly when its form is posted, bypassing the endpoint's policy: the
        // role is checked here, so a forged form from a read-only user (a county leader, a pairing cadre) changes nothing.
        if (!security.CanWrite(user))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: Bilingual.Message("您不能变更农户的监测状态", "You may not change a household's monitoring status."),
                detail: Bilingual.Message("退出监测或恢复监测须由村、乡镇或县扶贫办人员办理", "Village monitors, township staff or the poverty office change it."));
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
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }

        var household = await db.Households.Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }
        if (to == HouseholdStatus.Exited && await db.Risks.AnyAsync(r => r.HouseholdId == id && r.Status == RiskStatus.Open, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: Bilingual.Message("该户仍有未消除的风险", "The household still has open risks."),
                detail: Bilingual.Message("风险经核实走访消除后才能退出监测", "Risks close on a verification visit; exit after that."));
        }
        var from = household.Status;
        var effectiveOn = request.On ?? today;
        if (!household.ChangeStatus(to!.Value, effectiveOn, reason!, Actor.Of(user).UserName))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: Bilingual.Message("该户已是此状态", "The household already has this status."));
        }
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Update, now, household.Id,
            details: new { status = new { before = from.ToString(), after = household.Status.ToString(), on = effectiveOn, reason } }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new HouseholdStatusView(household.Id, household.Code, household.Status.ToString(), household.StatusChangedOn, reason!));
    }
}

public sealed record ChangeStatusRequest(string? Status, string? Reason, DateOnly? On);

public sealed record HouseholdStatusView(Guid Id, string HouseholdCode, string Status, DateOnly StatusChangedOn, string Reason);
