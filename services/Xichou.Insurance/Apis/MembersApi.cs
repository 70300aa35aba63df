using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.Insurance.Application;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Insurance.Apis;

/// <summary>
/// Members (every member of every household insurance knows, 措施八 covers each person) under <c>/api/members</c>: the list,
/// a member's hospital subsidies and medical-insurance enrolment.
/// </summary>
public static class MembersApi
{
    public static RouteGroupBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/members").WithTags("Members");
        api.MapGet("/", ListMembers).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListInsuranceMembers")
            .WithSummary("Every member insurance knows within the caller's jurisdiction, a page at a time (?township=&village=&householdId=&page=&pageSize=); "
                + "ID numbers masked unless ?reveal=idNumber&reason=… with X-Xichou-Reveal: 1 (audited), health state to insurance's own staff only.");
        api.MapPost("/{id:guid}/hospital-subsidies", GrantHospitalSubsidy).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("GrantHospitalSubsidy")
            .WithSummary("Grant a hospital self-pay subsidy (住院自付费用补助) for a bill { billDate, hospital, totalYuan, selfPaidYuan }: "
                + "min(80 % of the self-paid part, what is left of 50,000 yuan for the person in the bill's year), to the fen; publishes HouseholdPaid. "
                + "409 with grantedThisYearYuan when the cap is reached.");
        api.MapPut("/{id:guid}/enrolment", RecordEnrolment).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordMedicalEnrolment")
            .WithSummary("Record a member's basic medical and critical-illness insurance for a year { year, basicMedical, criticalIllness, note }: "
                + "a household with a member outside either is one finding on the register (no-medical-insurance), cleared once all are in both.");
        return api;
    }

    public static async Task<Results<Ok<InsuranceMemberPage>, ValidationProblem, ForbidHttpResult>> ListMembers(
        [AsParameters] MemberListQuery query, [AsParameters] RevealQuery reveal, ClaimsPrincipal user, ServiceSecurity security,
        Department department, MembersDesk desk, CancellationToken ct)
    {
        var errors = query.Places.Validate(MembersDesk.MaxPageSize);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var decision = PersonalData.Decide(reveal, user, security, HouseholdsApi.FieldsHeldBy(department));
        switch (decision)
        {
            case RevealDecision.Forbidden:
                return TypedResults.Forbid();
            case RevealDecision.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
        }
        return TypedResults.Ok(await desk.ListAsync(query, decision, user, ct));
    }

    public static async Task<Results<Created<HospitalSubsidyView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> GrantHospitalSubsidy(
        Guid id, HospitalSubsidyRequest request, ClaimsPrincipal user, HospitalSubsidyDesk desk, CancellationToken ct) =>
        InsuranceResults.Answer(await desk.GrantAsync(id, request, user, ct),
            subsidy => TypedResults.Created($"api/members/{id}/hospital-subsidies/{subsidy.Id}", subsidy));

    public static async Task<Results<Ok<EnrolmentView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RecordEnrolment(
        Guid id, EnrolmentRequest request, ClaimsPrincipal user, EnrolmentDesk desk, CancellationToken ct) =>
        InsuranceResults.Answer(await desk.RecordAsync(id, request, user, ct), TypedResults.Ok);
}

/// <summary><c>GET /api/medical-insurance?year=</c>: the year's coverage by village and its gaps.</summary>
public static class MedicalInsuranceApi
{
    public static RouteHandlerBuilder MapMedicalInsuranceApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/medical-insurance", GetCoverage).RequireAuthorization(Policies.ReadHouseholds)
            .WithTags("Medical insurance")
            .WithName("GetMedicalInsuranceCoverage")
            .WithSummary("The year's basic medical and critical-illness coverage (target 100 %) by village within the caller's jurisdiction, "
                + "and its gaps (members recorded without either, then members not recorded), a page at a time (?year=&township=&village=&page=&pageSize=).");

    public static async Task<Results<Ok<CoverageReport>, ValidationProblem>> GetCoverage(
        int? year, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, EnrolmentDesk desk, TimeProvider time,
        CancellationToken ct)
    {
        var places = new HouseholdListQuery(township, village, page, pageSize);
        var errors = places.Validate(MembersDesk.MaxPageSize);
        var today = Beijing.Today(time);
        if (year is < 2000 or > 2100)
        {
            errors.Add("year", "年度应为四位数年份", "The year is a four-digit year.");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        return TypedResults.Ok(await desk.ReportAsync(year ?? today.Year, places, user, ct));
    }
}
