using System.Globalization;
using System.Security.Claims;
using MiniExcelLibs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Risks;
using Xichou.Monitoring.Model.Visits;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>Filters of the risk register: status open|closed, level village|township|county, category (camelCase RiskCategory).</summary>
public sealed record RiskListQuery(string? Status, string? Level, string? Category, int? Page, int? PageSize)
{
    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? 50;

    public ValidationErrors Validate(int maxPageSize)
    {
        var errors = new ValidationErrors();
        if (Status is not null && WireName.Parse<RiskStatus>(Status) is null)
        {
            errors.Add("status", "状态应为 open 或 closed", "The status is open or closed.");
        }
        if (Level is not null && WireName.Parse<RiskLevel>(Level) is null)
        {
            errors.Add("level", "层级应为 village、township 或 county", "The level is village, township or county.");
        }
        if (Category is not null && WireName.Parse<RiskCategory>(Category) is null)
        {
            errors.Add("category", "类别应为 basicNeedUnmet、expenseSpike、incomeDrop、incomeBelowLine 或 reported",
                "The category is basicNeedUnmet, expenseSpike, incomeDrop, incomeBelowLine or reported.");
        }
        if (Page is < 1)
        {
            errors.Add("page", "页码从1开始", "Pages start at 1.");
        }
        if (PageSize is < 1 || PageSize > maxPageSize)
        {
            errors.Add("pageSize", $"每页1至{maxPageSize}条", $"A page holds 1 to {maxPageSize} risks.");
        }
        return errors;
    }

    public IQueryable<Risk> Apply(IQueryable<Risk> risks)
    {
        if (WireName.Parse<RiskStatus>(Status) is { } status)
        {
            risks = risks.Where(r => r.Status == status);
        }
        if (WireName.Parse<RiskLevel>(Level) is { } level)
        {
            risks = risks.Where(r => r.Level == level);
        }
        if (WireName.Parse<RiskCategory>(Category) is { } category)
        {
            risks = risks.Where(r => r.Category == category);
        }
        return risks;
    }
}

public static class RisksApi
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapRisksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/risks").WithTags("Risks");
        api.MapGet("/", ListRisks)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListRisks")
            .WithSummary("The risk register (风险台账) within the caller's jurisdiction; ?status=&level=&category=&page=&pageSize=.");
        api.MapGet("/inbox", GetInbox)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetRiskInbox")
            .WithSummary("Open risks owned at the caller's level (village, township, county), escalated ones first.");
        api.MapGet("/export", ExportRisks)
            .RequireSameOriginFromBrowsers()
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ExportRisks")
            .WithSummary("The risk ledger within the caller's jurisdiction as .xlsx, with the same filters; audited.");
        api.MapGet("/{id:guid}", GetRisk)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetRisk")
            .WithSummary("A risk with the rule that fired and its numbers, its measures (措施台账) and escalations.");
        api.MapPost("/{id:guid}/measures", AddMeasure)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("AddRiskMeasure")
            .WithSummary("Add a measure taken against an open risk (帮扶措施).");
        api.MapPost("/{id:guid}/report-up", ReportUp)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("ReportRiskUp")
            .WithSummary("Report a risk the caller's level cannot resolve to the next level (村 → 乡镇 → 县), with a reason; publishes RiskEscalated.");
        api.MapPost("/{id:guid}/close", CloseRisk)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("CloseRisk")
            .WithSummary("Always 409: a risk closes only on a verification visit that meets the exit rule (POST /api/households/{id}/visits, kind=verification).");
        return api;
    }

    public static async Task<Results<Ok<RiskPage>, ValidationProblem>> ListRisks(
        [AsParameters] RiskListQuery query, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, CancellationToken cancellationToken)
    {
        var errors = query.Validate(MaxPageSize);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var risks = query.Apply(db.RisksWithin(security.JurisdictionOf(user)).AsNoTracking());
        var total = await risks.CountAsync(cancellationToken);
        // Ids are version-7 GUIDs made at opening: the newest first.
        var page = await risks.OrderByDescending(r => r.Id)
            .Skip((query.PageOrDefault - 1) * query.PageSizeOrDefault).Take(query.PageSizeOrDefault).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RiskPage(total, query.PageOrDefault, query.PageSizeOrDefault,
            await ViewsAsync(db, page, user, security, cancellationToken)));
    }

    public static async Task<Ok<IReadOnlyList<RiskView>>> GetInbox(
        ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, CancellationToken cancellationToken)
    {
        var risks = await RiskRegister.InboxOf(db, security.JurisdictionOf(user)).AsNoTracking().ToListAsync(cancellationToken);
        var views = await ViewsAsync(db, risks, user, security, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RiskView>>([.. views
            .OrderByDescending(v => v.Escalated)
            .ThenByDescending(v => WireName.Parse<RiskSeverity>(v.Severity))
            .ThenBy(v => v.LevelSince)]);
    }

    public static async Task<Results<Ok<RiskDetail>, NotFound>> GetRisk(
        Guid id, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, MonitoringPolicies policies, ReferralPolicy referralPolicy,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (risk, household) = await RiskRegister.FindAsync(db, id, security.JurisdictionOf(user), cancellationToken);
        return risk is null || household is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await RiskDetail.LoadAsync(db, risk, household, security.NameFor(user, household.HeadName), policies, referralPolicy,
                time.GetUtcNow(), cancellationToken));
    }

    public static async Task<Results<Ok<RiskDetail>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> AddMeasure(
        Guid id, AddMeasureRequest request, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, MonitoringPolicies policies,
        ReferralPolicy referralPolicy, TimeProvider time, CancellationToken cancellationToken) =>
        await AnswerAsync(await RiskRegister.AddMeasureAsync(db, id, request, Actor.Of(user), security.JurisdictionOf(user), time, cancellationToken),
            db, user, security, policies, referralPolicy, time, cancellationToken);

    public static async Task<Results<Ok<RiskDetail>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> ReportUp(
        Guid id, ReportUpRequest request, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, MonitoringPolicies policies,
        ReferralPolicy referralPolicy, TimeProvider time, CancellationToken cancellationToken) =>
        await AnswerAsync(await RiskRegister.ReportUpAsync(db, id, request, Actor.Of(user), security.JurisdictionOf(user), time, cancellationToken),
            db, user, security, policies, referralPolicy, time, cancellationToken);

    public static async Task<Results<NotFound, ProblemHttpResult>> CloseRisk(
        Guid id, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.RisksWithin(security.JurisdictionOf(user)).AnyAsync(r => r.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: RiskRegister.CloseRefusedTitle, detail: RiskRegister.CloseRefusedDetail);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportRisks(
        [AsParameters] RiskListQuery query, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = (query with { Page = null, PageSize = null }).Validate(MaxPageSize);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var scope = security.JurisdictionOf(user);
        var risks = await query.Apply(db.RisksWithin(scope).AsNoTracking()).Include(r => r.Measures).AsSplitQuery()
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var households = await HouseholdsOfAsync(db, risks, cancellationToken);
        static string Time(DateTimeOffset? at) =>
            at?.ToOffset(Beijing.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
        var rows = risks.Select(r =>
        {
            var h = households[r.HouseholdId];
            return new Dictionary<string, object?>
            {
                ["户编号"] = h.Code,
                ["乡镇"] = Townships.NameOf(h.TownshipCode),
                ["村委会"] = h.Village,
                ["户主姓名"] = security.NameFor(user, h.HeadName),
                ["风险类别"] = RiskNames.Of(r.Category),
                ["致险原因"] = r.Cause is { } cause ? RiskRules.NameOf(cause) : r.Need is { } need ? $"{RiskRules.NameOf(need)}未保障" : "",
                ["严重程度"] = RiskNames.Of(r.Severity),
                ["触发规则"] = r.Rule,
                ["风险说明"] = r.Explanation,
                ["来源"] = RiskNames.Of(r.Source),
                ["责任层级"] = RiskNames.Of(r.Level),
                ["状态"] = RiskNames.Of(r.Status),
                ["发现时间"] = Time(r.OpenedAt),
                ["帮扶措施"] = string.Join("；", r.Measures.OrderBy(m => m.At).Select(m => $"{Time(m.At)} {m.By}：{m.Text}")),
                ["消除时间"] = Time(r.ClosedAt),
                ["核实人"] = r.VerifiedBy,
            };
        });
        using var file = new MemoryStream();
        await file.SaveAsAsync(rows, sheetName: "风险台账", cancellationToken: cancellationToken);

        var now = time.GetUtcNow();
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Export, now,
            details: new { ledger = "risks", risks = risks.Count, scope = scope.DisplayName, query.Status, query.Level, query.Category }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(file.ToArray(), HouseholdsApi.XlsxContentType,
            $"风险台账-{scope.DisplayName}-{now.ToOffset(Beijing.Offset):yyyyMMdd}.xlsx");
    }

    private static async Task<Results<Ok<RiskDetail>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> AnswerAsync(
        RiskOutcome outcome, MonitoringDbContext db, ClaimsPrincipal user, ServiceSecurity security, MonitoringPolicies policies,
        ReferralPolicy referralPolicy, TimeProvider time, CancellationToken ct) => outcome switch
    {
        RiskOutcome.Done done => TypedResults.Ok(await RiskDetail.LoadAsync(db, done.Risk, done.Household,
            security.NameFor(user, done.Household.HeadName), policies, referralPolicy, time.GetUtcNow(), ct)),
        RiskOutcome.NotFound => TypedResults.NotFound(),
        RiskOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
        RiskOutcome.Forbidden forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: forbidden.Title, detail: forbidden.Detail),
        RiskOutcome.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
    };

    /// <summary>List views of <paramref name="risks"/> with their households and whether each was ever escalated.</summary>
    public static async Task<IReadOnlyList<RiskView>> ViewsAsync(
        MonitoringDbContext db, IReadOnlyList<Risk> risks, ClaimsPrincipal user, ServiceSecurity security, CancellationToken cancellationToken)
    {
        var households = await HouseholdsOfAsync(db, risks, cancellationToken);
        var ids = risks.Select(r => r.Id).ToList();
        var escalated = (await db.RiskEscalations.Where(e => ids.Contains(e.RiskId)).Select(e => e.RiskId).Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        return [.. risks.Select(r => RiskView.From(r, households[r.HouseholdId],
            security.NameFor(user, households[r.HouseholdId].HeadName), escalated.Contains(r.Id)))];
    }

    private static async Task<Dictionary<Guid, Household>> HouseholdsOfAsync(
        MonitoringDbContext db, IReadOnlyList<Risk> risks, CancellationToken cancellationToken)
    {
        var ids = risks.Select(r => r.HouseholdId).Distinct().ToList();
        return await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, cancellationToken);
    }
}
