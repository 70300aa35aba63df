using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Education.Application;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Education.Apis;

/// <summary>School-age members (学生), the survey of their schooling and their subsidies, under <c>/api/students</c>.</summary>
public static class StudentsApi
{
    public static RouteGroupBuilder MapStudentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/students").WithTags("Students");
        api.MapGet("/", ListStudents).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListStudents")
            .WithSummary("School-age members within the caller's jurisdiction, dropouts first; ?householdId=&stage=&dropout=true&due=true&page=&pageSize= "
                + "(due: owed a subsidy for the period in force and not yet granted).");
        api.MapGet("/{id:guid}", GetStudent).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetStudent")
            .WithSummary("One school-age member (the register's member id): stage, school, grade, latest survey, dropout finding, this period's subsidy.");
        api.MapPost("/{id:guid}/survey", RecordSurvey).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordSchoolSurvey")
            .WithSummary("Record the survey of a child's schooling { surveyedOn, stage, school, grade, note }: a child of compulsory age (policy) "
                + "not in school publishes RiskIdentified (education:dropout); back in school publishes FindingCleared.");
        api.MapPost("/{id:guid}/subsidies", GrantSubsidy).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("GrantEducationSubsidy")
            .WithSummary("Grant 措施六's subsidy { period: \"2026-2027\" }: preschool 500 yuan, senior high and above 2,000 yuan (policy); "
                + "a compulsory stage is 400 on stage; a second grant for the student and period is 409 naming the first. Publishes HouseholdPaid.");
        api.MapGet("/{id:guid}/subsidies", ListSubsidies).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListEducationSubsidies")
            .WithSummary("The student's subsidy grants, newest period first.");
        app.MapGet("/api/households/{id:guid}/students", HouseholdStudents).RequireAuthorization(Policies.ReadHouseholds)
            .WithTags("Students")
            .WithName("ListHouseholdStudents")
            .WithSummary("The household's school-age members, oldest first.");
        return api;
    }

    public static async Task<Results<Ok<StudentPage>, ValidationProblem>> ListStudents(
        [AsParameters] StudentListQuery query, ClaimsPrincipal user, StudentDesk desk, CancellationToken ct)
    {
        var errors = query.Validate();
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        return TypedResults.Ok(await desk.ListAsync(query, user, ct));
    }

    public static async Task<Results<Ok<StudentView>, NotFound>> GetStudent(Guid id, ClaimsPrincipal user, StudentDesk desk, CancellationToken ct) =>
        await desk.FindAsync(id, user, ct) is { } student ? TypedResults.Ok(student) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<StudentView>>, NotFound>> HouseholdStudents(
        Guid id, ClaimsPrincipal user, StudentDesk desk, CancellationToken ct) =>
        await desk.OfHouseholdAsync(id, user, ct) is { } students ? TypedResults.Ok(students) : TypedResults.NotFound();

    public static async Task<Results<Ok<SchoolSurveyView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RecordSurvey(
        Guid id, SchoolSurveyRequest request, ClaimsPrincipal user, StudentDesk desk, CancellationToken ct) =>
        EducationResults.Answer(await desk.SurveyAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Created<SubsidyView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> GrantSubsidy(
        Guid id, SubsidyRequest request, ClaimsPrincipal user, SubsidyDesk desk, CancellationToken ct) =>
        EducationResults.Answer(await desk.GrantAsync(id, request, user, ct),
            subsidy => TypedResults.Created($"api/students/{id}/subsidies/{subsidy.Id}", subsidy));

    public static async Task<Results<Ok<IReadOnlyList<SubsidyView>>, NotFound>> ListSubsidies(
        Guid id, ClaimsPrincipal user, SubsidyDesk desk, CancellationToken ct) =>
        await desk.ListAsync(id, user, ct) is { } grants ? TypedResults.Ok(grants) : TypedResults.NotFound();
}
