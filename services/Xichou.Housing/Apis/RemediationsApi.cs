using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Housing.Application;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Housing.Apis;

/// <summary>Remediation cases of unsafe houses (危房改造), under <c>/api/remediations</c>.</summary>
public static class RemediationsApi
{
    public static RouteGroupBuilder MapRemediationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/remediations").WithTags("Remediations");
        api.MapGet("/", ListRemediations).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListRemediations")
            .WithSummary("Remediation cases within the caller's jurisdiction, the longest-waiting first; ?status=open|completed&householdId=&page=&pageSize=.");
        api.MapGet("/{id:guid}", GetRemediation).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetRemediation")
            .WithSummary("One remediation case with its route, responsible person, plan and progress.");
        api.MapPut("/{id:guid}/plan", SetPlan).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("SetRemediationPlan")
            .WithSummary("Set the case's route (pairing-unit-help, self-build, other-policy), its one responsible person and the plan.");
        api.MapPost("/{id:guid}/progress", AddProgress).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("AddRemediationProgress")
            .WithSummary("Record a step of the work { on, text }.");
        api.MapPost("/{id:guid}/complete", Complete).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("CompleteRemediation")
            .WithSummary("Complete the case on a re-assessment at a safe grade (A or B under the policy) once it has a plan; delivers the "
                + "household's open referrals to housing in the same transaction and lists them (409 with nothing stored when one changed meanwhile).");
        return api;
    }

    public static async Task<Results<Ok<RemediationPage>, ValidationProblem>> ListRemediations(
        [AsParameters] RemediationListQuery query, ClaimsPrincipal user, RemediationDesk desk, CancellationToken ct)
    {
        var errors = query.Validate();
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        return TypedResults.Ok(await desk.ListAsync(query, user, ct));
    }

    public static async Task<Results<Ok<RemediationCaseView>, NotFound>> GetRemediation(
        Guid id, ClaimsPrincipal user, RemediationDesk desk, CancellationToken ct) =>
        await desk.FindAsync(id, user, ct) is { } remediation ? TypedResults.Ok(remediation) : TypedResults.NotFound();

    public static async Task<Results<Ok<RemediationCaseView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> SetPlan(
        Guid id, PlanRequest request, ClaimsPrincipal user, RemediationDesk desk, CancellationToken ct) =>
        HousingResults.Answer(await desk.SetPlanAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Ok<RemediationCaseView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> AddProgress(
        Guid id, ProgressRequest request, ClaimsPrincipal user, RemediationDesk desk, CancellationToken ct) =>
        HousingResults.Answer(await desk.AddProgressAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Ok<RemediationCompletionView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Complete(
        Guid id, AssessmentRequest request, ClaimsPrincipal user, RemediationDesk desk, CancellationToken ct) =>
        HousingResults.Answer(await desk.CompleteAsync(id, request, user, ct), TypedResults.Ok);
}
