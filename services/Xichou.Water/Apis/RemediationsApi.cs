using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Referrals;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;
using Xichou.Water.Application.Checks;
using Xichou.Water.Application.Remediations;
using Xichou.Water.Model.Checks;
using Xichou.Water.Model.Remediations;

namespace Xichou.Water.Apis;

/// <summary>status open|completed, page, pageSize.</summary>
public sealed record RemediationListQuery(string? Status, int? Page, int? PageSize)
{
    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? 50;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Status is not null && WireName.Parse<RemediationStatus>(Status) is null)
        {
            errors.Add("status", "状态应为 open（整改中）或 completed（已完成）", "The status is open or completed.");
        }
        if (Page is < 1)
        {
            errors.Add("page", "页码从1开始", "Pages start at 1.");
        }
        if (PageSize is < 1 or > RemediationDesk.MaxPageSize)
        {
            errors.Add("pageSize", $"每页1至{RemediationDesk.MaxPageSize}条", $"A page holds 1 to {RemediationDesk.MaxPageSize} cases.");
        }
        return errors;
    }
}

/// <summary>整改 over HTTP: <c>/api/remediations</c>.</summary>
public static class RemediationsApi
{
    public static RouteGroupBuilder MapRemediationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/remediations").WithTags("Remediations");
        api.MapPost("/", Open).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("OpenRemediation")
            .WithSummary("Open a remediation case (整改) with a measure and one responsible person, for one household or every household a supply point serves.");
        api.MapGet("/", List).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListRemediations")
            .WithSummary("Remediation cases within the caller's jurisdiction, newest first; ?status=open|completed&page=&pageSize=.");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetRemediation")
            .WithSummary("One remediation case with its households.");
        api.MapPost("/{id:guid}/complete", Complete).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("CompleteRemediation")
            .WithSummary("Complete a case with a re-check (same body as a check) every household must pass, each judged by its own village; "
                + "records the re-checks, secures the surveys and delivers every open referral to water for those households, in one transaction. "
                + "409 naming who fails, or when the case or a referral changed meanwhile.");
        return api;
    }

    public static async Task<Results<Created<RemediationView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Open(
        OpenRemediationRequest request, ClaimsPrincipal user, RemediationDesk remediations, ServiceSecurity security, CancellationToken ct) =>
        await remediations.OpenAsync(request, user, ct) switch
        {
            RemediationOutcome.Opened opened => TypedResults.Created($"api/remediations/{opened.Remediation.Id}",
                RemediationView.From(opened.Remediation, opened.Households, user, security)),
            RemediationOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            RemediationOutcome.Conflict conflict => Conflict(conflict.Title, conflict.Detail),
            RemediationOutcome.Forbidden => TypedResults.Forbid(),
            var other => throw new InvalidOperationException($"Unhandled outcome {other}."),
        };

    public static async Task<Results<Ok<RemediationPage>, ValidationProblem>> List(
        [AsParameters] RemediationListQuery query, ClaimsPrincipal user, RemediationDesk remediations, ServiceSecurity security, CancellationToken ct)
    {
        var errors = query.Validate();
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var cases = remediations.VisibleTo(user);
        if (WireName.Parse<RemediationStatus>(query.Status) is { } status)
        {
            cases = cases.Where(r => r.Status == status);
        }
        var total = await cases.CountAsync(ct);
        // Ids are version-7 GUIDs made at opening: the newest first.
        var page = await cases.OrderByDescending(r => r.Id)
            .Skip((query.PageOrDefault - 1) * query.PageSizeOrDefault).Take(query.PageSizeOrDefault).ToListAsync(ct);
        var households = await remediations.HouseholdsOfAsync(page, ct);
        return TypedResults.Ok(new RemediationPage(total, query.PageOrDefault, query.PageSizeOrDefault,
            [.. page.Select(r => RemediationView.From(r, households, user, security))]));
    }

    public static async Task<Results<Ok<RemediationView>, NotFound>> Get(
        Guid id, ClaimsPrincipal user, RemediationDesk remediations, ServiceSecurity security, CancellationToken ct) =>
        await remediations.FindAsync(id, user, ct) is { } found
            ? TypedResults.Ok(RemediationView.From(found.Remediation, found.Households, user, security))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<CompletionView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Complete(
        Guid id, CheckRequest request, ClaimsPrincipal user, RemediationDesk remediations, ServiceSecurity security, ReferralDesk desk,
        TimeProvider time, CancellationToken ct) =>
        await remediations.CompleteAsync(id, request, user, ct) switch
        {
            RemediationOutcome.Completed completed => TypedResults.Ok(new CompletionView(
                RemediationView.From(completed.Remediation, completed.Households, user, security),
                [.. completed.Checks.Select(CheckView.From)],
                [.. completed.Delivered.Select(r => ReferralView.From(r, desk.Service, time.GetUtcNow(), desk.Policy))])),
            RemediationOutcome.NotFound => TypedResults.NotFound(),
            RemediationOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            RemediationOutcome.RecheckFailed failed => Conflict(failed.Title, failed.Detail,
                new Dictionary<string, object?> { ["households"] = failed.Failing.Select(FailingHouseholdView.From).ToList() }),
            RemediationOutcome.Conflict conflict => Conflict(conflict.Title, conflict.Detail),
            RemediationOutcome.Forbidden => TypedResults.Forbid(),
            var other => throw new InvalidOperationException($"Unhandled outcome {other}."),
        };

    private static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);
}
