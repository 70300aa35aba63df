using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.Monitoring.Application.Analysis;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Analysis;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

public static class AnalysisApi
{
    public static RouteGroupBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/analysis").WithTags("Analysis");
        api.MapGet("/monthly", GetMonthlyAnalysis)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetMonthlyAnalysis")
            .WithSummary("每月分析研判: new, closed and open risks, overdue visits, escalations and unvisited households for a month, within the caller's jurisdiction (?month=yyyy-MM&township=&village= narrow it).");
        api.MapGet("/monthly/export", ExportMonthlyAnalysis)
            .RequireSameOriginFromBrowsers()
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ExportMonthlyAnalysis")
            .WithSummary("The monthly analysis as .xlsx (names as the caller sees them, no ID numbers); audited as an export.");
        api.MapPost("/monthly/filings", FileMonthlyAnalysis)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("FileMonthlyAnalysis")
            .WithSummary("村、乡镇每月分析研判: the caller's village or township files its month's analysis (month yyyy-MM, what was decided), once (409 after), with the month's figures as they stand; audited.");
        api.MapGet("/monthly/filings", GetFilingStatus)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetMonthlyFilingStatus")
            .WithSummary("Who has filed the month's analysis within the caller's jurisdiction and who has not (each township, then its villages), with the county's reminders (?month=yyyy-MM, default this month).");
        api.MapPost("/monthly/reminders", RemindTownship)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RemindTownshipOfMonthlyAnalysis")
            .WithSummary("及时提醒乡镇: the county reminds a township of a month's analysis (month, townshipCode, optional message; by default one naming who has not filed); recorded, shown to the township, audited.");
        api.MapGet("/monthly/reminders", ListReminders)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListMonthlyAnalysisReminders")
            .WithSummary("The county's reminders to the townships within the caller's jurisdiction, newest first (?month=yyyy-MM narrows).");
        return api;
    }

    public static async Task<Results<Ok<MonthlyAnalysis>, ValidationProblem>> GetMonthlyAnalysis(
        [AsParameters] MonthlyAnalysisParameters parameters, ClaimsPrincipal user, MonthlyAnalysisReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(parameters, user, cancellationToken) switch
        {
            AnalysisOutcome.Computed computed => TypedResults.Ok(computed.Analysis),
            AnalysisOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            _ => throw new InvalidOperationException("Every outcome is mapped."),
        };

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportMonthlyAnalysis(
        [AsParameters] MonthlyAnalysisParameters parameters, ClaimsPrincipal user, MonthlyAnalysisReader reader, MonitoringDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var outcome = await reader.ReadAsync(parameters, user, cancellationToken);
        if (outcome is AnalysisOutcome.Invalid invalid)
        {
            return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
        }
        var (analysis, query, scope) = (AnalysisOutcome.Computed)outcome;

        var sheets = new Dictionary<string, object>
        {
            ["分析研判"] = Summary(analysis),
            ["未销号风险"] = analysis.OpenRisksByCategory.Select(r => new Dictionary<string, object?>
            {
                ["风险类别"] = r.CategoryName,
                ["责任层级"] = r.LevelName,
                ["户数"] = r.Count,
            }).ToList(),
            ["本月未走访农户"] = analysis.WithoutVisit.Select(h => new Dictionary<string, object?>
            {
                ["户编号"] = h.HouseholdCode,
                ["村委会"] = h.Village,
                ["户主姓名"] = h.HeadName,
                ["最近走访"] = h.LastVisitOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "从未走访",
            }).ToList(),
        };
        using var file = new MemoryStream();
        await file.SaveAsAsync(sheets, cancellationToken: cancellationToken);

        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Export, time.GetUtcNow(),
            details: new { report = "monthly-analysis", analysis.Month, scope = scope.DisplayName, query.Township, query.Village, households = analysis.WithoutVisit.Count }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(file.ToArray(), HouseholdsApi.XlsxContentType, $"每月分析研判-{analysis.ScopeName}-{analysis.Month}.xlsx");
    }

    public static async Task<Results<Created<FilingView>, ValidationProblem, ProblemHttpResult>> FileMonthlyAnalysis(
        FileAnalysisRequest request, ClaimsPrincipal user, FileMonthlyAnalysisHandler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(new FileMonthlyAnalysis(request, user), cancellationToken) switch
        {
            FilingOutcome.Filed filed => TypedResults.Created($"api/analysis/monthly/filings?month={filed.Filing.Month}", filed.Filing),
            FilingOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            FilingOutcome.AlreadyFiled already => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: Bilingual.Message($"{already.Filing.UnitName}{already.Filing.Month}月分析研判已填报", $"{already.Filing.Month} has been filed already."),
                detail: Bilingual.Message($"{already.Filing.FiledBy}于{already.Filing.FiledAt.ToOffset(Beijing.Offset):yyyy-MM-dd HH:mm}填报",
                    $"Filed by {already.Filing.FiledBy} at {already.Filing.FiledAt:O}.")),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: Bilingual.Message("每月分析研判由村委会、乡镇填报，县级汇总", "A village committee or a township files its analysis; the county collects them.")),
        };

    public static async Task<Results<Ok<MonthlyFilingStatus>, ValidationProblem>> GetFilingStatus(
        string? month, ClaimsPrincipal user, MonthlyDuties duties, CancellationToken cancellationToken)
    {
        var (parsed, errors) = duties.MonthOf(month);
        return parsed is null
            ? TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle)
            : TypedResults.Ok(await duties.StatusAsync(user, parsed, cancellationToken));
    }

    public static async Task<Results<Created<ReminderView>, ValidationProblem, ProblemHttpResult>> RemindTownship(
        RemindTownshipRequest request, ClaimsPrincipal user, RemindTownshipHandler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(new RemindTownship(request, user), cancellationToken) switch
        {
            ReminderOutcome.Sent sent => TypedResults.Created($"api/analysis/monthly/reminders?month={sent.Reminder.Month}", sent.Reminder),
            ReminderOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: Bilingual.Message("提醒乡镇由县级作出", "Only the county reminds townships.")),
        };

    public static async Task<Results<Ok<List<ReminderView>>, ValidationProblem>> ListReminders(
        string? month, ClaimsPrincipal user, MonthlyDuties duties, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(month))
        {
            return TypedResults.Ok(await duties.RemindersAsync(user, null, cancellationToken));
        }
        var (parsed, errors) = duties.MonthOf(month);
        return parsed is null
            ? TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle)
            : TypedResults.Ok(await duties.RemindersAsync(user, parsed, cancellationToken));
    }

    private static List<Dictionary<string, object?>> Summary(MonthlyAnalysis analysis) =>
    [
        Line("月份", analysis.Month),
        Line("范围", analysis.ScopeName),
        Line("监测户数", analysis.Households),
        Line("本月新增风险", analysis.NewRisks),
        Line("本月销号风险", analysis.ClosedRisks),
        Line("未销号风险", analysis.OpenRisks),
        Line($"逾期未走访户（截至 {analysis.OverdueOn:yyyy-MM-dd}）", analysis.OverdueVisits),
        Line("收到上报", analysis.EscalationsReceived),
        Line("向上报送", analysis.EscalationsSent),
        Line("本月未走访户", analysis.HouseholdsWithoutVisit),
    ];

    private static Dictionary<string, object?> Line(string item, object value) => new() { ["指标"] = item, ["数值"] = value };
}
