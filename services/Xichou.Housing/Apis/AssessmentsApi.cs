using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Housing.Application;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Housing.Apis;

/// <summary>Safety assessments of a household's house (鉴定), under <c>/api/households/{id}/assessments</c>.</summary>
public static class AssessmentsApi
{
    public static RouteGroupBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households/{id:guid}/assessments").WithTags("Assessments");
        api.MapPost("/", RecordAssessment).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordAssessment")
            .WithSummary("Record a house's safety assessment { grade A|B|C|D, assessedOn, assessor, note }: C or D (unsafe under the policy) "
                + "publishes RiskIdentified and opens the household's remediation case; sets the survey.");
        api.MapGet("/", ListAssessments).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListAssessments")
            .WithSummary("The household's assessments, newest first.");
        api.MapGet("/{assessmentId:guid}", GetAssessment).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetAssessment")
            .WithSummary("One assessment of the household.");
        return api;
    }

    public static async Task<Results<Created<AssessmentView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RecordAssessment(
        Guid id, AssessmentRequest request, ClaimsPrincipal user, AssessmentDesk desk, CancellationToken ct) =>
        HousingResults.Answer(await desk.RecordAsync(id, request, user, ct),
            assessment => TypedResults.Created($"api/households/{id}/assessments/{assessment.Id}", assessment));

    public static async Task<Results<Ok<IReadOnlyList<AssessmentView>>, NotFound>> ListAssessments(
        Guid id, ClaimsPrincipal user, AssessmentDesk desk, CancellationToken ct) =>
        await desk.ListAsync(id, user, ct) is { } assessments ? TypedResults.Ok(assessments) : TypedResults.NotFound();

    public static async Task<Results<Ok<AssessmentView>, NotFound>> GetAssessment(
        Guid id, Guid assessmentId, ClaimsPrincipal user, AssessmentDesk desk, CancellationToken ct) =>
        await desk.FindAsync(id, assessmentId, user, ct) is { } assessment ? TypedResults.Ok(assessment) : TypedResults.NotFound();
}
