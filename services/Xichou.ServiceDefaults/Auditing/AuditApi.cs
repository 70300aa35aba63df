using System.Security.Claims;
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

    public const int DefaultResults = 100;

    /// <summary>
    /// <c>GET /api/audit</c>: the service's audit log, newest first, for the poverty office and admin; admin sees who did
    /// what when, without the details (<see cref="ServiceAccess.AuditDetailReaders"/>).
    /// </summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.ReadAudit);
        api.MapGet("/", SearchAuditLog)
            .WithName("SearchAuditLog")
            .WithSummary("Search the audit log (审计日志) by user, household, action and time; newest first.");
        return api;
    }

    public static Task<Results<Ok<AuditLogPage>, ValidationProblem>> SearchAuditLog(
        [AsParameters] AuditQuery query, ServiceDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        SearchAsync(query, db.AuditLog, AuditAccess.DetailFor(user), cancellationToken);

    /// <summary>
    /// The search behind every audit endpoint, whichever database keeps the log (a service's or the gateway's):
    /// a bilingual 400 naming each bad parameter, else a page of <paramref name="log"/>.
    /// </summary>
    public static Task<Results<Ok<AuditLogPage>, ValidationProblem>> SearchAsync(
        AuditQuery query, IQueryable<AuditEntry> log, CancellationToken cancellationToken) =>
        SearchAsync(query, log, AuditDetail.Shown, cancellationToken);

    /// <inheritdoc cref="SearchAsync(AuditQuery, IQueryable{AuditEntry}, CancellationToken)"/>
    public static async Task<Results<Ok<AuditLogPage>, ValidationProblem>> SearchAsync(
        AuditQuery query, IQueryable<AuditEntry> log, AuditDetail detail, CancellationToken cancellationToken)
    {
        var errors = query.Validate();
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        return TypedResults.Ok(await query.PageAsync(log, detail, cancellationToken));
    }
}

/// <summary>A search of an audit log: whose lines, which household, which action, between when, how many.</summary>
public sealed record AuditQuery(string? UserName, Guid? HouseholdId, string? Action, DateTimeOffset? From, DateTimeOffset? To, int? Limit)
{
    /// <summary>Each bad parameter, keyed by its query-string name, in Chinese and English.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Action is not null && !AuditActions.All.Contains(Action))
        {
            errors.Add("action", $"操作只能是 {string.Join('、', AuditActions.All)}", $"The action is one of {string.Join(", ", AuditActions.All)}.");
        }
        if (Limit is < 1 or > AuditApi.MaxResults)
        {
            errors.Add("limit", $"条数应在1到{AuditApi.MaxResults}之间", $"The limit is between 1 and {AuditApi.MaxResults}.");
        }
        if (From is not null && To is not null && From > To)
        {
            errors.Add("from", "开始时间不能晚于结束时间", "From must not be after to.");
        }
        return errors;
    }

    /// <summary>The matching lines of <paramref name="entries"/>, newest first, at most <see cref="Limit"/> of them.</summary>
    public IQueryable<AuditEntry> ApplyTo(IQueryable<AuditEntry> entries)
    {
        if (UserName is { Length: > 0 } userName)
        {
            entries = entries.Where(e => e.UserName == userName);
        }
        if (HouseholdId is { } householdId)
        {
            entries = entries.Where(e => e.HouseholdId == householdId);
        }
        if (Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        if (From is { } from)
        {
            var fromUtc = from.UtcDateTime;
            entries = entries.Where(e => e.At >= fromUtc);
        }
        if (To is { } to)
        {
            var toUtc = to.UtcDateTime;
            entries = entries.Where(e => e.At <= toUtc);
        }
        return entries.OrderByDescending(e => e.Id).Take(Limit ?? AuditApi.DefaultResults);
    }

    /// <summary>The page a search answers with; call <see cref="Validate"/> first.</summary>
    public Task<AuditLogPage> PageAsync(IQueryable<AuditEntry> entries, CancellationToken cancellationToken = default) =>
        PageAsync(entries, AuditDetail.Shown, cancellationToken);

    /// <summary>The page a search answers with, its lines' reasons and details left out unless <paramref name="detail"/> shows them.</summary>
    public async Task<AuditLogPage> PageAsync(IQueryable<AuditEntry> entries, AuditDetail detail, CancellationToken cancellationToken = default)
    {
        var lines = ApplyTo(entries.AsNoTracking());
        // Withheld in the query itself: the reason and the details are not even read for someone who may not see them.
        var views = detail == AuditDetail.Shown
            ? lines.Select(e => new AuditEntryView(e.Id, new DateTimeOffset(e.At, TimeSpan.Zero), e.UserName, e.Roles, e.Action,
                e.HouseholdId, e.Field, e.Reason, e.Details, e.TraceId))
            : lines.Select(e => new AuditEntryView(e.Id, new DateTimeOffset(e.At, TimeSpan.Zero), e.UserName, e.Roles, e.Action,
                e.HouseholdId, e.Field, null, null, e.TraceId) { DetailsWithheld = true });
        return new(await views.ToListAsync(cancellationToken));
    }
}

/// <summary>Whether an audit search shows each line's reason and details (names, amounts, before and after).</summary>
public enum AuditDetail
{
    Shown,
    Withheld,
}

public static class AuditAccess
{
    /// <summary>Shown to the roles in <see cref="ServiceAccess.AuditDetailReaders"/>, withheld from every other auditor.</summary>
    public static AuditDetail DetailFor(ClaimsPrincipal user) =>
        ServiceAccess.AuditDetailReaders.Any(user.IsInRole) ? AuditDetail.Shown : AuditDetail.Withheld;
}

/// <summary>
/// One audit line as a search shows it. <see cref="DetailsWithheld"/> is true when <see cref="Reason"/> and
/// <see cref="Details"/> were left out for the reader, not empty in the log.
/// </summary>
public sealed record AuditEntryView(
    long Id, DateTimeOffset At, string UserName, string Roles, string Action, Guid? HouseholdId,
    string? Field, string? Reason, string? Details, string? TraceId)
{
    public bool DetailsWithheld { get; init; }
}

public sealed record AuditLogPage(IReadOnlyList<AuditEntryView> Entries);
