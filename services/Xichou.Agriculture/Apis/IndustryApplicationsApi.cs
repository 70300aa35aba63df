using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Agriculture.Application;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Agriculture.Apis;

/// <summary>产业发展奖补 (措施四) over HTTP: a household's applications, and each application's approval, payment or refusal.</summary>
public static class IndustryApplicationsApi
{
    public static IEndpointRouteBuilder MapIndustryApplicationsApi(this IEndpointRouteBuilder app)
    {
        var household = app.MapGroup("/api/households/{id:guid}/industry-applications").WithTags("Industry subsidy");
        household.MapPost("/", Apply).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("ApplyForIndustrySubsidy")
            .WithSummary("Apply for an industry subsidy { industry, plan, costYuan, atHome, wishesToDevelop }: subsidyYuan = min(50 % of the cost, "
                + "the household's headroom under 3,000 yuan), half-up to the fen; 409 with grantedYuan when the household has no headroom left.");
        household.MapGet("/", ListOfHousehold).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListIndustryApplications")
            .WithSummary("The household's industry subsidy applications, newest first.");

        var api = app.MapGroup("/api/industry-applications").WithTags("Industry subsidy");
        api.MapGet("/", ListOpen).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListOpenIndustryApplications")
            .WithSummary("Applications applied or approved and not yet paid, within the caller's jurisdiction, the oldest first.");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetIndustryApplication")
            .WithSummary("One application with the household's standing under the cap.");
        api.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("ApproveIndustryApplication")
            .WithSummary("Approve an applied application { note }: its subsidy is fixed; a second approval is 409.");
        api.MapPost("/{id:guid}/pay", Pay).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("PayIndustryApplication")
            .WithSummary("Pay an approved application { paidOn, voucher }: publishes HouseholdPaid (measure 4, industry-subsidy) with the headroom "
                + "left under the cap; a second payment is 409.");
        api.MapPost("/{id:guid}/refuse", Refuse).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RefuseIndustryApplication")
            .WithSummary("Refuse an application not yet paid { reason }: its subsidy no longer holds the household's cap.");
        return app;
    }

    public static async Task<Results<Created<ApplicationView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Apply(
        Guid id, IndustryApplicationRequest request, ClaimsPrincipal user, SubsidyDesk desk, CancellationToken ct) =>
        AgricultureResults.Answer(await desk.ApplyAsync(id, request, user, ct),
            application => TypedResults.Created($"api/industry-applications/{application.Id}", application));

    public static async Task<Results<Ok<IReadOnlyList<ApplicationView>>, NotFound>> ListOfHousehold(
        Guid id, ClaimsPrincipal user, SubsidyDesk desk, CancellationToken ct) =>
        await desk.OfHouseholdAsync(id, user, ct) is { } applications ? TypedResults.Ok(applications) : TypedResults.NotFound();

    public static async Task<Ok<OpenApplicationsPage>> ListOpen(ClaimsPrincipal user, SubsidyDesk desk, CancellationToken ct)
    {
        var (total, items) = await desk.OpenAsync(user, 500, ct);
        return TypedResults.Ok(new OpenApplicationsPage(total, items));
    }

    public static async Task<Results<Ok<ApplicationView>, NotFound>> Get(Guid id, ClaimsPrincipal user, SubsidyDesk desk, CancellationToken ct) =>
        await desk.FindAsync(id, user, ct) is { } application ? TypedResults.Ok(application) : TypedResults.NotFound();

    public static async Task<Results<Ok<ApplicationView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Approve(
        Guid id, ApproveRequest request, ClaimsPrincipal user, SubsidyDesk desk, CancellationToken ct) =>
        AgricultureResults.Answer(await desk.ApproveAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Ok<ApplicationView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Pay(
        Guid id, PayRequest request, ClaimsPrincipal user, SubsidyDesk desk, CancellationToken ct) =>
        AgricultureResults.Answer(await desk.PayAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Ok<ApplicationView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Refuse(
        Guid id, RefuseRequest request, ClaimsPrincipal user, SubsidyDesk desk, CancellationToken ct) =>
        AgricultureResults.Answer(await desk.RefuseAsync(id, request, user, ct), TypedResults.Ok);
}

/// <summary>The open applications: how many, and the oldest (at most 500).</summary>
public sealed record OpenApplicationsPage(int Total, IReadOnlyList<ApplicationView> Items);
