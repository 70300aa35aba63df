using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Analysis;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

public static class NoticeApi
{
    public static RouteHandlerBuilder MapNoticeApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/notice", GetNotice)
            .WithTags("Notice")
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetPublicNotice")
            .WithSummary("公示: a village's households entering or leaving monitoring in a month (?village=&month=yyyy-MM), showing no ID number, phone, bank account or health state.");

    public static async Task<Results<Ok<PublicNotice>, NotFound, ValidationProblem>> GetNotice(
        string? village, string? month, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        var request = Validate(village, month, scope, Beijing.Today(time), out var errors);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var (villageCode, firstDay) = request.Value;
        if (!scope.Covers(Villages.TownshipOf(villageCode), villageCode))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await PublicNotices.ForAsync(db, villageCode, firstDay, name => security.NameFor(user, name), cancellationToken));
    }

    /// <summary>The village (a village monitor's own by default) and the month (this month by default); null with errors if either is wrong.</summary>
    public static (string Village, DateOnly FirstDay)? Validate(string? village, string? month, Jurisdiction scope, DateOnly today,
        out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        var villageCode = string.IsNullOrWhiteSpace(village)
            ? scope.Level == JurisdictionLevel.Village ? scope.Code : null
            : village.Trim();
        if (villageCode is null)
        {
            errors.Add("village", "请选择村委会", "The village is required.");
        }
        else if (!Villages.IsKnown(villageCode))
        {
            errors.Add("village", "不是西畴县的村委会代码", "Not a village committee code of Xichou County.");
        }
        var firstDay = new DateOnly(today.Year, today.Month, 1);
        if (!string.IsNullOrWhiteSpace(month) && !MonthlyAnalysisQuery.TryParseMonth(month, out firstDay))
        {
            errors.Add("month", "月份格式应为 yyyy-MM，如 2026-11", "The month is yyyy-MM, e.g. 2026-11.");
        }
        return errors.IsEmpty ? (villageCode!, firstDay) : null;
    }
}
