using System.Globalization;
using System.Security.Claims;
using MiniExcelLibs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Application.Access;
using Xichou.Monitoring.Application.Visits;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Visits;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

public static class VisitsApi
{
    /// <summary>Writers, and pairing cadres for their own household's cadre visits (回头看、回头帮).</summary>
    public const string RecordVisitsPolicy = MonitoringAccess.RecordVisitsPolicy;

    public static IEndpointRouteBuilder MapVisitsApi(this IEndpointRouteBuilder app)
    {
        var households = app.MapGroup("/api/households/{id:guid}/visits").WithTags("Visits");
        households.MapPost("/", RecordVisit)
            .RequireAuthorization(RecordVisitsPolicy)
            .WithName("RecordVisit")
            .WithSummary("Record a visit (走访): the 两不愁三保障 checks, income, rigid expenses and the cause of an income drop, judged by the policy version in force on the visit date; the rules open risks, a verification visit meeting the exit rule closes the monitoring team's own.");
        households.MapGet("/", ListVisits)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListVisits")
            .WithSummary("A household's visits, the latest first.");

        var visits = app.MapGroup("/api/visits").WithTags("Visits");
        visits.MapGet("/cycle", GetCycle)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetVisitCycle")
            .WithSummary("This cycle's list (本轮走访清单) in the caller's jurisdiction: overdue and due households first, visited ones last.");
        visits.MapGet("/export", ExportVisits)
            .RequireSameOriginFromBrowsers()
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ExportVisits")
            .WithSummary("The visit ledger (走访台账) within the caller's jurisdiction as .xlsx, optionally ?from=&to= (visit dates); audited.");
        return app;
    }

    public static async Task<Results<Created<VisitRecordedView>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> RecordVisit(
        Guid id, RecordVisitRequest request, ClaimsPrincipal user, ServiceSecurity security, RecordVisitHandler handler,
        ReferralPolicy referralPolicy, TimeProvider time, CancellationToken cancellationToken)
    {
        // A pairing cadre (who is no writer here) records only cadre visits, and only for the household paired with them.
        if (!MonitoringAccess.MayRecordVisit(user, WireName.Parse<VisitKind>(request.Kind)))
        {
            return TypedResults.Forbid();
        }
        var outcome = await handler.HandleAsync(new RecordVisitCommand(id, request, Actor.Of(user), security.JurisdictionOf(user)), cancellationToken);
        return outcome switch
        {
            VisitOutcome.Recorded recorded => TypedResults.Created($"api/households/{id}/visits/{recorded.Visit.Id}", Masked(VisitRecordedView.From(recorded, time.GetUtcNow(), referralPolicy))),
            VisitOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            VisitOutcome.NotFound => TypedResults.NotFound(),
            VisitOutcome.Forbidden forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: forbidden.Title, detail: forbidden.Detail),
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
        };

        VisitRecordedView Masked(VisitRecordedView view) => view with
        {
            OpenedRisks = [.. view.OpenedRisks.Select(r => r with { HeadName = security.NameFor(user, r.HeadName) })],
            ClosedRisks = [.. view.ClosedRisks.Select(r => r with { HeadName = security.NameFor(user, r.HeadName) })],
            StayedOpen = [.. view.StayedOpen.Select(s => s with { Risk = s.Risk with { HeadName = security.NameFor(user, s.Risk.HeadName) } })],
        };
    }

    public static async Task<Results<Ok<IReadOnlyList<VisitView>>, NotFound>> ListVisits(
        Guid id, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        if (!await db.Households.Within(scope).AnyAsync(h => h.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var visits = await db.Visits.AsNoTracking().Where(v => v.HouseholdId == id)
            .OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<VisitView>>([.. visits.Select(VisitView.From)]);
    }

    public static async Task<Ok<CycleList>> GetCycle(
        ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, MonitoringPolicy policy, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        var list = await CycleOnAsync(db, scope, policy, Beijing.Today(time), cancellationToken);
        return TypedResults.Ok(list with { Items = [.. list.Items.Select(i => i with { HeadName = security.NameFor(user, i.HeadName) })] });
    }

    /// <summary>
    /// The cycle's list on <paramref name="today"/> (Beijing): households still monitored (not exited), overdue ones first,
    /// then those due, each by the day they were due; visited ones last.
    /// </summary>
    public static async Task<CycleList> CycleOnAsync(
        MonitoringDbContext db, Jurisdiction scope, MonitoringPolicy policy, DateOnly today, CancellationToken cancellationToken)
    {
        var households = await db.Households.AsNoTracking().Within(scope).Where(h => h.Status != HouseholdStatus.Exited)
            .Select(h => new { h.Id, h.Code, h.HeadName, h.Village, h.VillagerGroup, h.LastVisitOn, h.RegisteredAt })
            .ToListAsync(cancellationToken);
        var openRisks = await db.RisksWithin(scope).Where(r => r.Status == RiskStatus.Open)
            .GroupBy(r => r.HouseholdId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var items = households.Select(h =>
        {
            var registered = Beijing.DateOf(h.RegisteredAt);
            var state = VisitCycle.StateOn(today, h.LastVisitOn, registered, policy);
            return new CycleItem(h.Id, h.Code, h.HeadName, h.Village, h.VillagerGroup, WireName.Of(state), state == CycleState.Overdue,
                h.LastVisitOn, VisitCycle.DueBy(h.LastVisitOn, registered, policy),
                today.DayNumber - (h.LastVisitOn ?? registered).DayNumber, openRisks.GetValueOrDefault(h.Id));
        })
            .OrderBy(i => i.State switch { "overdue" => 0, "due" => 1, _ => 2 })
            .ThenBy(i => i.DueBy).ThenBy(i => i.HouseholdCode, StringComparer.Ordinal)
            .ToList();
        return new CycleList(today, policy.VisitCycleDays, scope.DisplayName,
            items.Count(i => i.State == "due"), items.Count(i => i.Overdue), items.Count(i => i.State == "visited"), items);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportVisits(
        DateOnly? from, DateOnly? to, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (from is { } start && to is { } end && end < start)
        {
            var errors = new ValidationErrors();
            errors.Add("to", "结束日期不能早于开始日期", "The end date cannot be before the start date.");
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var scope = security.JurisdictionOf(user);
        var query = from v in db.Visits.AsNoTracking()
                    join h in db.Households.AsNoTracking().Within(scope) on v.HouseholdId equals h.Id
                    select new { Visit = v, h.Code, h.TownshipCode, h.Village, h.HeadName };
        if (from is not null)
        {
            query = query.Where(x => x.Visit.VisitedOn >= from);
        }
        if (to is not null)
        {
            query = query.Where(x => x.Visit.VisitedOn <= to);
        }
        var visits = await query.OrderBy(x => x.Code).ThenBy(x => x.Visit.VisitedOn).ToListAsync(cancellationToken);
        var rows = visits.Select(x => new Dictionary<string, object?>
        {
            ["户编号"] = x.Code,
            ["乡镇"] = Townships.NameOf(x.TownshipCode),
            ["村委会"] = x.Village,
            ["户主姓名"] = security.NameFor(user, x.HeadName),
            ["走访日期"] = x.Visit.VisitedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["走访类型"] = KindName(x.Visit.Kind),
            ["走访人员"] = x.Visit.Visitors,
            ["吃"] = YesNo(x.Visit.FoodSecured),
            ["穿"] = YesNo(x.Visit.ClothingSecured),
            ["义务教育"] = YesNo(x.Visit.CompulsorySchoolingSecured),
            ["基本医疗"] = YesNo(x.Visit.MedicalCareSecured),
            ["住房安全"] = YesNo(x.Visit.HousingSecured),
            ["饮水安全"] = YesNo(x.Visit.DrinkingWaterSecured),
            ["人均纯收入（元）"] = x.Visit.PerCapitaIncome,
            ["上次人均纯收入（元）"] = x.Visit.PreviousPerCapitaIncome,
            ["骤减原因"] = x.Visit.IncomeDropCause is { } dropCause ? RiskRules.NameOf(dropCause) : null,
            ["刚性支出"] = string.Join("；", x.Visit.Expenses.Select(e =>
                $"{RiskRules.NameOf(e.Cause)} {e.Amount.ToString("0.##", CultureInfo.InvariantCulture)} 元{(e.Note is null ? "" : $"（{e.Note}）")}")),
            ["备注"] = x.Visit.Notes,
            ["判定政策版本"] = x.Visit.PolicyVersion,
            ["录入人"] = x.Visit.RecordedBy,
            ["录入时间"] = x.Visit.RecordedAt.ToOffset(Beijing.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        });
        using var file = new MemoryStream();
        await file.SaveAsAsync(rows, sheetName: "走访台账", cancellationToken: cancellationToken);

        var now = time.GetUtcNow();
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Export, now,
            details: new { ledger = "visits", visits = visits.Count, scope = scope.DisplayName, from, to }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(file.ToArray(), HouseholdsApi.XlsxContentType,
            $"走访台账-{scope.DisplayName}-{now.ToOffset(Beijing.Offset):yyyyMMdd}.xlsx");
    }

    public static string KindName(VisitKind kind) => Names.VisitKinds.Label(kind);

    private static string YesNo(bool secured) => secured ? "已保障" : "未保障";
}
