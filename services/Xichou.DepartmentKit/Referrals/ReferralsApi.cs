using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>direction incoming|outgoing, status requested|accepted|delivered|rejected|withdrawn|open, householdId, page, pageSize.</summary>
public sealed record ReferralListQuery(string? Direction, string? Status, Guid? HouseholdId, int? Page, int? PageSize)
{
    public const int MaxPageSize = 200;

    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? 50;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Direction is not (null or "incoming" or "outgoing"))
        {
            errors.Add("direction", "方向应为 incoming（收到的）或 outgoing（发出的）", "The direction is incoming or outgoing.");
        }
        if (Status is not null && Status != "open" && WireName.Parse<ReferralStatus>(Status) is null)
        {
            errors.Add("status", "状态应为 requested、accepted、delivered、rejected、withdrawn 或 open",
                "The status is requested, accepted, delivered, rejected, withdrawn or open.");
        }
        if (Page is < 1)
        {
            errors.Add("page", "页码从1开始", "Pages start at 1.");
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"每页1至{MaxPageSize}条", $"A page holds 1 to {MaxPageSize} referrals.");
        }
        return errors;
    }

    /// <summary>The filters; incoming referrals oldest due first (the inbox), the rest newest first.</summary>
    public IQueryable<Referral> Apply(IQueryable<Referral> referrals, string service)
    {
        referrals = Direction switch
        {
            "incoming" => referrals.Where(r => r.ToDepartment == service),
            "outgoing" => referrals.Where(r => r.FromService == service),
            _ => referrals,
        };
        if (Status == "open")
        {
            referrals = referrals.Where(r => r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted);
        }
        else if (WireName.Parse<ReferralStatus>(Status) is { } status)
        {
            referrals = referrals.Where(r => r.Status == status);
        }
        if (HouseholdId is { } householdId)
        {
            referrals = referrals.Where(r => r.HouseholdId == householdId);
        }
        return Direction == "incoming" ? referrals.OrderBy(r => r.DueOn).ThenBy(r => r.Id) : referrals.OrderByDescending(r => r.Id);
    }
}

/// <summary>The referral endpoints every service shares (转办), under <c>/api/referrals</c>.</summary>
public static class ReferralsApi
{
    public static RouteGroupBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/referrals").WithTags("Referrals");
        api.MapPost("/", Request).RequireAuthorization(Policies.SendReferrals)
            .WithName("RequestReferral")
            .WithSummary("Refer a household to a department (转办) with a request, optionally linked to a risk; due by the department's deadline in working days.");
        api.MapGet("/", List).RequireAuthorization(Policies.ReadReferrals)
            .WithName("ListReferrals")
            .WithSummary("Referrals this service sent (outgoing) or received (incoming); incoming oldest due first, with amber and red lights.");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ReadReferrals)
            .WithName("GetReferral")
            .WithSummary("One referral as this service keeps it.");
        api.MapPost("/{id:guid}/accept", Accept).RequireAuthorization(Policies.ActOnReferrals)
            .WithName("AcceptReferral")
            .WithSummary("The receiving department takes the referral on (requested → accepted).");
        api.MapPost("/{id:guid}/deliver", Deliver).RequireAuthorization(Policies.ActOnReferrals)
            .WithName("DeliverReferral")
            .WithSummary("The receiving department did what was asked (accepted → delivered), with the outcome and any amount paid.");
        api.MapPost("/{id:guid}/reject", Reject).RequireAuthorization(Policies.ActOnReferrals)
            .WithName("RejectReferral")
            .WithSummary("The receiving department turns it down with a reason: not-eligible, duplicate, household-refused, cannot-contact or other (+ note).");
        api.MapPost("/{id:guid}/withdraw", Withdraw).RequireAuthorization(Policies.SendReferrals)
            .WithName("WithdrawReferral")
            .WithSummary("The sender takes back a referral still open.");
        return api;
    }

    public static async Task<Results<Created<ReferralView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Request(
        ReferralRequest request, ClaimsPrincipal user, ReferralDesk desk, TimeProvider time, CancellationToken ct) =>
        await desk.RequestAsync(request, user, ct) switch
        {
            ReferralOutcome.Done done => TypedResults.Created($"api/referrals/{done.Referral.Id}", View(done.Referral, desk, time)),
            ReferralOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            ReferralOutcome.Conflict conflict => Conflict(conflict),
            ReferralOutcome.Forbidden => TypedResults.Forbid(),
            var other => throw new InvalidOperationException($"Unhandled outcome {other}."),
        };

    public static async Task<Results<Ok<ReferralPage>, ValidationProblem>> List(
        [AsParameters] ReferralListQuery query, ClaimsPrincipal user, ReferralDesk desk, TimeProvider time, CancellationToken ct)
    {
        var errors = query.Validate();
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var referrals = query.Apply(desk.VisibleTo(user), desk.Service);
        var total = await referrals.CountAsync(ct);
        var page = await referrals.Skip((query.PageOrDefault - 1) * query.PageSizeOrDefault).Take(query.PageSizeOrDefault).ToListAsync(ct);
        return TypedResults.Ok(new ReferralPage(total, query.PageOrDefault, query.PageSizeOrDefault, [.. page.Select(r => View(r, desk, time))]));
    }

    public static async Task<Results<Ok<ReferralView>, NotFound>> Get(Guid id, ClaimsPrincipal user, ReferralDesk desk, TimeProvider time, CancellationToken ct) =>
        await desk.FindAsync(id, user, ct) is { } referral ? TypedResults.Ok(View(referral, desk, time)) : TypedResults.NotFound();

    public static async Task<Results<Ok<ReferralView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Accept(
        Guid id, ClaimsPrincipal user, ReferralDesk desk, TimeProvider time, CancellationToken ct) =>
        Answer(await desk.AcceptAsync(id, user, ct), desk, time);

    public static async Task<Results<Ok<ReferralView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Deliver(
        Guid id, DeliverRequest request, ClaimsPrincipal user, ReferralDesk desk, TimeProvider time, CancellationToken ct) =>
        Answer(await desk.DeliverAsync(id, request, user, ct), desk, time);

    public static async Task<Results<Ok<ReferralView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Reject(
        Guid id, RejectRequest request, ClaimsPrincipal user, ReferralDesk desk, TimeProvider time, CancellationToken ct) =>
        Answer(await desk.RejectAsync(id, request, user, ct), desk, time);

    public static async Task<Results<Ok<ReferralView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Withdraw(
        Guid id, WithdrawRequest? request, ClaimsPrincipal user, ReferralDesk desk, TimeProvider time, CancellationToken ct) =>
        Answer(await desk.WithdrawAsync(id, request ?? new WithdrawRequest(null), user, ct), desk, time);

    private static Results<Ok<ReferralView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult> Answer(
        ReferralOutcome outcome, ReferralDesk desk, TimeProvider time) => outcome switch
    {
        ReferralOutcome.Done done => TypedResults.Ok(View(done.Referral, desk, time)),
        ReferralOutcome.NotFound => TypedResults.NotFound(),
        ReferralOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
        ReferralOutcome.Conflict conflict => Conflict(conflict),
        ReferralOutcome.Forbidden => TypedResults.Forbid(),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
    };

    private static ProblemHttpResult Conflict(ReferralOutcome.Conflict conflict) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail);

    private static ReferralView View(Referral referral, ReferralDesk desk, TimeProvider time) =>
        ReferralView.From(referral, desk.Service, time.GetUtcNow(), desk.Policy);
}
