using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Monitoring.Application.Hotline;
using Xichou.Monitoring.Model.Support;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>
/// The 两不愁三保障 hotline (举报电话): a complaint about a household is recorded and becomes a risk to check; one about a
/// household missed by the register (漏评) becomes a check-for-inclusion item for its township.
/// </summary>
public static class HotlineApi
{
    public const int MaxComplaints = HotlineQueries.MaxItems;

    public static IEndpointRouteBuilder MapHotlineApi(this IEndpointRouteBuilder app)
    {
        var hotline = app.MapGroup("/api/hotline").WithTags("Hotline");
        hotline.MapPost("/", Receive)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("ReceiveHotlineComplaint")
            .WithSummary("Record a hotline complaint about a household (by code or id): an open village-level risk to check; or, with a villageCode and no household, about a household not on the register (漏评): a check-for-inclusion item for the township. One transaction; the caller's phone is masked; audited.");
        hotline.MapGet("/", List)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListHotlineComplaints")
            .WithSummary("Hotline complaints about households within the caller's jurisdiction, newest first; callers' phones masked.");
        hotline.MapGet("/inclusion", ListInclusionChecks)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListInclusionChecks")
            .WithSummary("Reported missed households (漏评) within the caller's jurisdiction, undecided first (?decision=pending|included|notIncluded narrows); callers' phones masked.");
        hotline.MapPost("/inclusion/{id:guid}/decision", DecideInclusion)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("DecideInclusion")
            .WithSummary("The township's (or the county's) decision on a reported missed household: included (纳入重点监测) or notIncluded, with a reason; who and when recorded; decided once (409 after); audited.");
        return app;
    }

    public static async Task<Results<Created<ComplaintView>, Created<InclusionCheckView>, NotFound, ValidationProblem>> Receive(
        HotlineComplaintRequest request, ClaimsPrincipal user, ReceiveComplaintHandler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(new ReceiveComplaint(request, user), cancellationToken) switch
        {
            ComplaintOutcome.Received received => TypedResults.Created($"api/hotline/{received.Complaint.Id}", received.Complaint),
            ComplaintOutcome.InclusionOpened opened => TypedResults.Created($"api/hotline/inclusion/{opened.Check.Id}", opened.Check),
            ComplaintOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Ok<List<ComplaintView>>> List(ClaimsPrincipal user, HotlineQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ComplaintsAsync(user, cancellationToken));

    public static async Task<Results<Ok<List<InclusionCheckView>>, ValidationProblem>> ListInclusionChecks(
        string? decision, ClaimsPrincipal user, HotlineQueries queries, CancellationToken cancellationToken)
    {
        InclusionDecision? only = null;
        if (!string.IsNullOrWhiteSpace(decision))
        {
            if (decision.Trim().Equals("pending", StringComparison.OrdinalIgnoreCase))
            {
                only = InclusionDecision.Pending;
            }
            else if (InclusionDecisions.TryParseDecision(decision, out var parsed))
            {
                only = parsed;
            }
            else
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["decision"] = [Bilingual.Message("核查结论须为 pending、included 或 notIncluded", "The decision is pending, included or notIncluded.")],
                }, title: Bilingual.ValidationTitle);
            }
        }
        return TypedResults.Ok(await queries.InclusionChecksAsync(user, only, cancellationToken));
    }

    public static async Task<Results<Ok<InclusionCheckView>, NotFound, ValidationProblem, ProblemHttpResult>> DecideInclusion(
        Guid id, InclusionDecisionRequest request, ClaimsPrincipal user, DecideInclusionHandler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(new DecideInclusion(id, request, user), cancellationToken) switch
        {
            InclusionOutcome.Decided decided => TypedResults.Ok(decided.Check),
            InclusionOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            InclusionOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: Bilingual.Message("漏评核查由乡镇（或县）作出结论", "A township (or the county) decides on a reported missed household.")),
            InclusionOutcome.AlreadyDecided already => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: Bilingual.Message($"该户已核查：{already.Check.DecisionName}", $"Already decided: {already.Check.Decision}."),
                detail: Bilingual.Message("核查结论不能更改", "A decision is not changed."),
                extensions: new Dictionary<string, object?> { ["decision"] = already.Check.Decision }),
            _ => TypedResults.NotFound(),
        };
}
