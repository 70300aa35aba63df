using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Contracts;
using Xichou.Insurance.Application;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Insurance.Apis;

/// <summary>防贫保险 (措施九（一）): enrolment with the premium split, its gaps, and claims through their lifecycle.</summary>
public static class PovertyInsuranceApi
{
    public static IEndpointRouteBuilder MapPovertyInsuranceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/households/{id:guid}/poverty-insurance", Enrol).RequireAuthorization(Policies.WriteHouseholds)
            .WithTags("Poverty-prevention insurance")
            .WithName("EnrolPovertyInsurance")
            .WithSummary("Enrol a household in the year's poverty-prevention insurance (防贫保险) { year, enrolledOn, pairingUnit, pairingUnitShareYuan, "
                + "countyShareYuan }: the premium shared by the pairing unit and county pooling; 409 when already enrolled that year.");
        app.MapGet("/api/poverty-insurance", Report).RequireAuthorization(Policies.ReadHouseholds)
            .WithTags("Poverty-prevention insurance")
            .WithName("GetPovertyInsuranceCoverage")
            .WithSummary("The year's poverty-prevention insurance coverage (target every household) and the households not enrolled (?year=&township=&village=&page=&pageSize=).");
        app.MapPost("/api/households/{id:guid}/claims", ReportClaim).RequireAuthorization(Policies.WriteHouseholds)
            .WithTags("Poverty-prevention insurance")
            .WithName("ReportPreventionClaim")
            .WithSummary("Report a claim { kind: income|housing|medical|education|accident-property|natural-disaster|sudden-accident, description }.");
        var claims = app.MapGroup("/api/claims").WithTags("Poverty-prevention insurance");
        claims.MapGet("/", ListClaims).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListPreventionClaims")
            .WithSummary("Claims within the caller's jurisdiction, reported then assessed first (?status=open|reported|assessed|paid|refused&householdId=&page=&pageSize=).");
        claims.MapGet("/{id:guid}", GetClaim).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetPreventionClaim")
            .WithSummary("One claim.");
        claims.MapPost("/{id:guid}/assess", Assess).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("AssessPreventionClaim")
            .WithSummary("Assess a reported claim { amountYuan, note }.");
        claims.MapPost("/{id:guid}/pay", Pay).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("PayPreventionClaim")
            .WithSummary("Pay an assessed claim { paidOn, voucher }: publishes HouseholdPaid (insurance-claim).");
        claims.MapPost("/{id:guid}/refuse", Refuse).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RefusePreventionClaim")
            .WithSummary("Refuse a reported or assessed claim { reason }.");
        return app;
    }

    public static async Task<Results<Created<PovertyInsuranceView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Enrol(
        Guid id, PovertyInsuranceRequest request, ClaimsPrincipal user, PovertyInsuranceDesk desk, CancellationToken ct) =>
        InsuranceResults.Answer(await desk.EnrolAsync(id, request, user, ct),
            enrolment => TypedResults.Created($"api/poverty-insurance?year={enrolment.Year}", enrolment));

    public static async Task<Results<Ok<PovertyInsuranceReport>, ValidationProblem>> Report(
        int? year, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, PovertyInsuranceDesk desk, TimeProvider time,
        CancellationToken ct)
    {
        var places = new HouseholdListQuery(township, village, page, pageSize);
        var errors = places.Validate(PovertyInsuranceDesk.MaxPageSize);
        if (year is < 2000 or > 2100)
        {
            errors.Add("year", "年度应为四位数年份", "The year is a four-digit year.");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        return TypedResults.Ok(await desk.ReportAsync(year ?? Beijing.Today(time).Year, places, user, ct));
    }

    public static async Task<Results<Created<ClaimView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ReportClaim(
        Guid id, ClaimRequest request, ClaimsPrincipal user, PovertyInsuranceDesk desk, CancellationToken ct) =>
        InsuranceResults.Answer(await desk.ReportClaimAsync(id, request, user, ct), claim => TypedResults.Created($"api/claims/{claim.Id}", claim));

    public static async Task<Results<Ok<ClaimPage>, ValidationProblem>> ListClaims(
        string? status, Guid? householdId, int? page, int? pageSize, ClaimsPrincipal user, PovertyInsuranceDesk desk, CancellationToken ct)
    {
        var errors = new HouseholdListQuery(null, null, page, pageSize).Validate(PovertyInsuranceDesk.MaxPageSize);
        if (status is not null && !PovertyInsuranceDesk.Statuses.Contains(status))
        {
            errors.Add("status", "状态只能是 open、reported、assessed、paid 或 refused", "The status is open, reported, assessed, paid or refused.");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        return TypedResults.Ok(await desk.ListClaimsAsync(status, householdId, page ?? 1, pageSize ?? 50, user, ct));
    }

    public static async Task<Results<Ok<ClaimView>, NotFound>> GetClaim(Guid id, ClaimsPrincipal user, PovertyInsuranceDesk desk, CancellationToken ct) =>
        await desk.FindClaimAsync(id, user, ct) is { } claim ? TypedResults.Ok(claim) : TypedResults.NotFound();

    public static async Task<Results<Ok<ClaimView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Assess(
        Guid id, AssessClaimRequest request, ClaimsPrincipal user, PovertyInsuranceDesk desk, CancellationToken ct) =>
        InsuranceResults.Answer(await desk.AssessAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Ok<ClaimView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Pay(
        Guid id, PayClaimRequest request, ClaimsPrincipal user, PovertyInsuranceDesk desk, CancellationToken ct) =>
        InsuranceResults.Answer(await desk.PayAsync(id, request, user, ct), TypedResults.Ok);

    public static async Task<Results<Ok<ClaimView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Refuse(
        Guid id, RefuseClaimRequest request, ClaimsPrincipal user, PovertyInsuranceDesk desk, CancellationToken ct) =>
        InsuranceResults.Answer(await desk.RefuseAsync(id, request, user, ct), TypedResults.Ok);
}

/// <summary>Other support (措施八 综合性保障政策) per household under <c>/api/households/{id}/other-support</c>.</summary>
public static class OtherSupportApi
{
    public static RouteGroupBuilder MapOtherSupportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households/{id:guid}/other-support").WithTags("Other support");
        api.MapPost("/", Record).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordOtherSupport")
            .WithSummary("Record support paid to the household { kind: cultivated-land|public-welfare-forest|grain-for-green|minimum-living|"
                + "disability-certificate|temporary-assistance, amountYuan, paidOn, voucher }: publishes HouseholdPaid (other-support).");
        api.MapGet("/", List).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListOtherSupport")
            .WithSummary("The household's other support, newest first.");
        return api;
    }

    public static async Task<Results<Created<OtherSupportView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Record(
        Guid id, OtherSupportRequest request, ClaimsPrincipal user, OtherSupportDesk desk, CancellationToken ct) =>
        InsuranceResults.Answer(await desk.RecordAsync(id, request, user, ct),
            payment => TypedResults.Created($"api/households/{id}/other-support", payment));

    public static async Task<Results<Ok<IReadOnlyList<OtherSupportView>>, NotFound>> List(
        Guid id, ClaimsPrincipal user, OtherSupportDesk desk, CancellationToken ct) =>
        await desk.OfHouseholdAsync(id, user, ct) is { } payments ? TypedResults.Ok(payments) : TypedResults.NotFound();
}
