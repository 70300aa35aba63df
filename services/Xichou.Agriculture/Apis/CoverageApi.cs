using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Agriculture.Application;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Agriculture.Apis;

/// <summary>A household's industries, “双绑” linkage and agricultural insurance (措施四, 措施九（二）) over HTTP.</summary>
public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var household = app.MapGroup("/api/households/{id:guid}").WithTags("Coverage");
        household.MapGet("/agriculture", Get).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetHouseholdAgriculture")
            .WithSummary("What agriculture holds about the household: industries, linkages, insurance policies and claims, findings, the subsidy cap.");
        household.MapPut("/industries", Survey).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordIndustrySurvey")
            .WithSummary("Record the industries the household runs (产业摸排) { surveyedOn, industries: [{ industry, scale, unit: mu|head }] }: an unbound "
                + "household and each key industry without insurance in force become findings on the county's risk register; facts that no longer hold are cleared.");
        household.MapPost("/linkages", Bind).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("BindLinkage")
            .WithSummary("Bind the household under 双绑 { partnerName, partnerKind: cooperative|leading-enterprise, benefits: [dividends|orders|jobs], "
                + "boundOn }: clears its unbound-linkage finding.");
        household.MapPost("/insurance-policies", Insure).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordInsurancePolicy")
            .WithSummary("Record an agricultural insurance policy on a key industry { industry, scale, unit, insurer, policyNumber, startsOn, endsOn }: "
                + "clears the industry's coverage gap when in force today.");
        app.MapPost("/api/insurance-policies/{id:guid}/claims", Claim).RequireAuthorization(Policies.WriteHouseholds)
            .WithTags("Coverage")
            .WithName("RecordLossClaim")
            .WithSummary("Record a loss on an insured industry { occurredOn, cause, amountYuan }: RiskIdentified (category income) on the county's risk register.");
        return app;
    }

    public static async Task<Results<Ok<HouseholdAgricultureView>, NotFound>> Get(Guid id, ClaimsPrincipal user, CoverageDesk desk, CancellationToken ct) =>
        await desk.OfHouseholdAsync(id, user, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<Results<Ok<HouseholdAgricultureView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Survey(
        Guid id, IndustrySurveyRequest request, ClaimsPrincipal user, CoverageDesk desk, CancellationToken ct) =>
        AgricultureResults.Answer(await desk.SurveyAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Ok<HouseholdAgricultureView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Bind(
        Guid id, LinkageRequest request, ClaimsPrincipal user, CoverageDesk desk, CancellationToken ct) =>
        AgricultureResults.Answer(await desk.LinkAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Ok<HouseholdAgricultureView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Insure(
        Guid id, InsurancePolicyRequest request, ClaimsPrincipal user, CoverageDesk desk, CancellationToken ct) =>
        AgricultureResults.Answer(await desk.InsureAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Created<LossClaimView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Claim(
        Guid id, LossClaimRequest request, ClaimsPrincipal user, CoverageDesk desk, CancellationToken ct) =>
        AgricultureResults.Answer(await desk.ClaimAsync(id, request, user, ct),
            claim => TypedResults.Created($"api/insurance-policies/{id}/claims/{claim.Id}", claim));
}
