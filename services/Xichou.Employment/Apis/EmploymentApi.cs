using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Employment.Application;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Employment.Apis;

/// <summary>
/// 措施五 稳岗就业 over HTTP: a household's labourers, their training, employment status, job services and monthly checks
/// (under <c>/api/households/{id}/…</c>), the month's check list (<c>/api/migrant-checks</c>) and the open findings (<c>/api/findings</c>).
/// </summary>
public static class EmploymentApi
{
    public static IEndpointRouteBuilder MapEmploymentApi(this IEndpointRouteBuilder app)
    {
        var household = app.MapGroup("/api/households/{id:guid}").WithTags("Labourers");
        household.MapGet("/labourers", GetLabourers).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetLabourers")
            .WithSummary("The household's labourers (members 16 and over with labour capacity, from the register) with their status, trainings, job "
                + "services and monthly checks, and the household's state under measure 5 (no-labourers, pending, problem, secured).");
        household.MapPost("/trainings", RecordTraining).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordTraining")
            .WithSummary("Record a training a labourer completed { memberId, course, provider, startOn, endOn, certificate }; the household is judged "
                + "again (a finding published or cleared).");
        household.MapPut("/employment", RecordEmployment).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordEmployment")
            .WithSummary("Set a labourer's employment status { memberId, status away|local|not-employed|not-seeking, place, employer, since, "
                + "monthlyIncomeYuan, publicWelfarePost, reason }; nobody employed or nobody trained publishes RiskIdentified once, a change that "
                + "ends it publishes FindingCleared.");
        household.MapPost("/job-services", RecordJobService).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordJobService")
            .WithSummary("Record a job service offered to a labourer { memberId, kind job-fair|organised-transport|job-referral|guidance, on, note }.");
        household.MapPost("/migrant-checks", RecordMigrantCheck).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordMigrantCheck")
            .WithSummary("Record the monthly check of a migrant worker { memberId, month yyyy-MM (not in the future), checkedOn, stillEmployed, "
                + "monthlyIncomeYuan }; one per month (409 for a second); not still employed makes the labourer not employed.");

        app.MapGet("/api/migrant-checks", ListMigrantChecks).RequireAuthorization(Policies.ReadHouseholds)
            .WithTags("Migrant checks")
            .WithName("ListMigrantChecks")
            .WithSummary("The month's check list of migrant workers within the caller's jurisdiction (?month=yyyy-MM, this month by default, not in "
                + "the future): overdue first, then due, then checked.");
        app.MapGet("/api/findings", ListFindings).RequireAuthorization(Policies.ReadHouseholds)
            .WithTags("Findings")
            .WithName("ListEmploymentFindings")
            .WithSummary("Households with nobody employed or nobody trained (open findings on the county's register), the longest-open first.");
        return app;
    }

    public static async Task<Results<Ok<HouseholdEmploymentView>, NotFound>> GetLabourers(
        Guid id, ClaimsPrincipal user, EmploymentDesk desk, CancellationToken ct) =>
        await desk.HouseholdAsync(id, user, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<Results<Created<HouseholdEmploymentView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RecordTraining(
        Guid id, TrainingRequest request, ClaimsPrincipal user, EmploymentDesk desk, CancellationToken ct) =>
        EmploymentResults.Answer(await desk.RecordTrainingAsync(id, request, user, ct),
            view => TypedResults.Created($"api/households/{id}/labourers", view));

    public static async Task<Results<Ok<HouseholdEmploymentView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RecordEmployment(
        Guid id, EmploymentRequest request, ClaimsPrincipal user, EmploymentDesk desk, CancellationToken ct) =>
        EmploymentResults.Answer(await desk.RecordEmploymentAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Created<HouseholdEmploymentView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RecordJobService(
        Guid id, JobServiceRequest request, ClaimsPrincipal user, EmploymentDesk desk, CancellationToken ct) =>
        EmploymentResults.Answer(await desk.RecordJobServiceAsync(id, request, user, ct),
            view => TypedResults.Created($"api/households/{id}/labourers", view));

    public static async Task<Results<Created<HouseholdEmploymentView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RecordMigrantCheck(
        Guid id, MigrantCheckRequest request, ClaimsPrincipal user, EmploymentDesk desk, CancellationToken ct) =>
        EmploymentResults.Answer(await desk.RecordMigrantCheckAsync(id, request, user, ct),
            view => TypedResults.Created($"api/households/{id}/labourers", view));

    public static async Task<Results<Ok<MigrantCheckList>, ValidationProblem>> ListMigrantChecks(
        string? month, ClaimsPrincipal user, EmploymentDesk desk, CancellationToken ct)
    {
        var today = desk.Today;
        var errors = new ValidationErrors();
        var chosen = month is null ? Policy.EmploymentRules.MonthOf(today) : EmploymentValidation.Month(errors, month, today);
        if (chosen is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        return TypedResults.Ok(await desk.MonthlyChecksAsync(chosen.Value, user, ct));
    }

    public static async Task<Ok<IReadOnlyList<FindingView>>> ListFindings(ClaimsPrincipal user, EmploymentDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.OpenFindingsAsync(user, 500, ct));
}
