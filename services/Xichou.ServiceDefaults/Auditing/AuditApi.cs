using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.ServiceDefaults.Auditing;

public static class AuditApi
{
    public const int MaxResults = 500;

    /// <summary><c>GET /api/audit</c>: the service's audit log, newest first, for the poverty office and admin.</summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.ReadAudit);
        api.MapGet("/", SearchAuditLog)
            .WithName("SearchAuditLog")
            .WithSummary("Search the audit log (审计日志) by user, household, action and time; newest first.");
        return api;
    }

    public static async Task<Results<Ok<AuditLogPage>, ValidationProblem>> SearchAuditLog(
        [AsParameters] AuditQuery query, ServiceDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (query.Action is not null && !AuditActions.All.Contains(query.Action))
        {
            errors.Add("action", $"操作只能是 {string.Join('、', AuditActions.All)}", $"The action is one of {string.Join(", ", AuditActions.All)}.");
        }
        if (query.Limit is < 1 or > MaxResults)
        {
            errors.Add("limit", $"条数应在1到{MaxResults}之间", $"The limit is between 1 and {MaxResults}.");
        }
        if (query.From is not null && query.To is not null && query.From > query.To)
        {
            errors.Add("from", "开始时间不能晚于结束时间", "From must not be after to.");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }

        var entries = db.AuditLog.AsNoTracking();
        if (query.UserName is { Length: > 0 } userName)
        {
            entries = entries.Where(e => e.UserName == userName);
        }
        if (query.HouseholdId is { } householdId)
        {
            entries = entries.Where(e => e.HouseholdId == householdId);
        }
        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        if (query.From is { } from)
        {
            var fromUtc = from.UtcDateTime;
            entries = entries.Where(e => e.At >= fromUtc);
        }
        if (query.To is { } to)
        {
            var toUtc = to.UtcDateTime;
            entries = entries.Where(e => e.At <= toUtc);
        }
        var page = await entries.OrderByDescending(e => e.Id).Take(query.Limit ?? 100)
            .Select(e => new AuditEntryView(e.Id, new DateTimeOffset(e.At, TimeSpan.Zero), e.UserName, e.Roles, e.Action,
                e.HouseholdId, e.Field, e.Reason, e.Details, e.TraceId))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditLogPage(page));
    }
}

public sealed record AuditQuery(string? UserName, Guid? HouseholdId, string? Action, DateTimeOffset? From, DateTimeOffset? To, int? Limit);

public sealed record AuditEntryView(
    long Id, DateTimeOffset At, string UserName, string Roles, string Action, Guid? HouseholdId,
    string? Field, string? Reason, string? Details, string? TraceId);

public sealed record AuditLogPage(IReadOnlyList<AuditEntryView> Entries);
