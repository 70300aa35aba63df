using System.Security.Claims;
using MiniExcelLibs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

public static class HouseholdsApi
{
    public const int MaxPageSize = 200;
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly IReadOnlyList<string> FieldsHeld = [PersonalData.IdNumber];

    public static RouteGroupBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("Households");
        api.MapPost("/", RegisterHousehold)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RegisterHousehold")
            .WithSummary("Register a household on the monitoring register (登记边缘易致贫户) in the caller's jurisdiction and tell every department.");
        api.MapGet("/", ListHouseholds)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListHouseholds")
            .WithSummary("The register within the caller's jurisdiction, a page at a time (ID numbers masked).");
        api.MapGet("/counts", CountHouseholds)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("CountHouseholds")
            .WithSummary("How many households are on the register within the caller's jurisdiction, by township.");
        api.MapGet("/export", ExportHouseholds)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ExportHouseholds")
            .WithSummary("The register within the caller's jurisdiction as .xlsx (台账导出), masked unless ?reveal=idNumber&reason=… is allowed; audited.");
        api.MapGet("/{id:guid}", GetHousehold)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetHousehold")
            .WithSummary("A household on the register; the ID number is masked unless ?reveal=idNumber&reason=… is allowed (audited).");
        return api;
    }

    public static async Task<Results<Created<HouseholdView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RegisterHousehold(
        RegisterHouseholdRequest request, ClaimsPrincipal user, ServiceSecurity security, HouseholdRegistrar registrar,
        CancellationToken cancellationToken)
    {
        // A township or village user registers only inside their own township or village; a bad code is the validator's to report.
        if (Villages.IsKnown(request.VillageCode)
            && !security.JurisdictionOf(user).Covers(Villages.TownshipOf(request.VillageCode!), request.VillageCode))
        {
            return TypedResults.Forbid();
        }
        var outcome = await registrar.RegisterAsync(request, Actor.Of(user), cancellationToken);
        return outcome switch
        {
            RegistrationOutcome.Registered registered => TypedResults.Created(
                $"api/households/{registered.Household.Id}", HouseholdView.From(registered.Household, revealIdNumber: false)),
            RegistrationOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            RegistrationOutcome.Duplicate duplicate => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: Bilingual.Message("该身份证号已登记", "This ID number is already registered."),
                detail: Bilingual.Message($"已在农户 {duplicate.ExistingHouseholdCode} 中登记", $"It belongs to household {duplicate.ExistingHouseholdCode}."),
                extensions: new Dictionary<string, object?> { ["householdCode"] = duplicate.ExistingHouseholdCode }),
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
        };
    }

    public static async Task<Results<Ok<HouseholdPage>, ValidationProblem>> ListHouseholds(
        [AsParameters] HouseholdListQuery query, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = query.Validate(MaxPageSize);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var households = query.Apply(db.Households.AsNoTracking().Within(security.JurisdictionOf(user)));
        var total = await households.CountAsync(cancellationToken);
        var page = await households.OrderBy(h => h.Code)
            .Skip((query.PageOrDefault - 1) * query.PageSizeOrDefault).Take(query.PageSizeOrDefault)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new HouseholdPage(total, query.PageOrDefault, query.PageSizeOrDefault,
            [.. page.Select(h => HouseholdView.From(h, revealIdNumber: false) with { HeadName = security.NameFor(user, h.HeadName) })]));
    }

    public static async Task<Ok<RegisterCounts>> CountHouseholds(
        ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, CancellationToken cancellationToken)
    {
        var byTownship = await db.CountByTownshipAsync(security.JurisdictionOf(user), cancellationToken);
        return TypedResults.Ok(new RegisterCounts(byTownship.Values.Sum(), byTownship));
    }

    public static async Task<Results<Ok<HouseholdView>, NotFound, ValidationProblem, ForbidHttpResult>> GetHousehold(
        Guid id, [AsParameters] RevealQuery reveal, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var decision = PersonalData.Decide(reveal, user, security, FieldsHeld);
        switch (decision)
        {
            case RevealDecision.Forbidden:
                return TypedResults.Forbid();
            case RevealDecision.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
        }
        var household = await db.Households.AsNoTracking().Within(security.JurisdictionOf(user))
            .FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }
        if (decision is RevealDecision.Granted granted)
        {
            // Written before the full value leaves: no reveal without its audit line.
            db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Reveal, time.GetUtcNow(), household.Id,
                string.Join(',', granted.Fields), granted.Reason));
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(HouseholdView.From(household, decision.Reveals(PersonalData.IdNumber))
            with { HeadName = security.NameFor(user, household.HeadName) });
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ForbidHttpResult>> ExportHouseholds(
        [AsParameters] HouseholdListQuery query, [AsParameters] RevealQuery reveal, ClaimsPrincipal user, ServiceSecurity security,
        MonitoringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = (query with { Page = null, PageSize = null }).Validate(MaxPageSize);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var decision = PersonalData.Decide(reveal, user, security, FieldsHeld);
        switch (decision)
        {
            case RevealDecision.Forbidden:
                return TypedResults.Forbid();
            case RevealDecision.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
        }
        var scope = security.JurisdictionOf(user);
        var households = await query.Apply(db.Households.AsNoTracking().Within(scope)).OrderBy(h => h.Code).ToListAsync(cancellationToken);
        var revealIdNumber = decision.Reveals(PersonalData.IdNumber);
        var rows = households.Select(h => new Dictionary<string, object?>
        {
            ["户编号"] = h.Code,
            ["乡镇"] = Townships.NameOf(h.TownshipCode),
            ["村委会"] = h.Village,
            ["户主姓名"] = security.NameFor(user, h.HeadName),
            ["户主身份证号"] = revealIdNumber ? h.HeadIdNumber : IdNumber.Mask(h.HeadIdNumber),
            ["登记时间"] = h.RegisteredAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
        using var file = new MemoryStream();
        await file.SaveAsAsync(rows, sheetName: "边缘易致贫户台账", cancellationToken: cancellationToken);

        var now = time.GetUtcNow();
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Export, now,
            field: revealIdNumber ? PersonalData.IdNumber : null,
            reason: (decision as RevealDecision.Granted)?.Reason,
            details: new { households = households.Count, scope = scope.DisplayName, query.Township, query.Village, masked = !revealIdNumber }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(file.ToArray(), XlsxContentType,
            $"边缘易致贫户台账-{scope.DisplayName}-{now.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}.xlsx");
    }
}

public sealed record HouseholdView(
    Guid Id, string HouseholdCode, string TownshipCode, string TownshipName, string VillageCode, string Village,
    string HeadName, string HeadIdNumber, DateTimeOffset RegisteredAt)
{
    public static HouseholdView From(Household household, bool revealIdNumber) => new(
        household.Id, household.Code, household.TownshipCode, Townships.NameOf(household.TownshipCode), household.VillageCode,
        household.Village, household.HeadName, revealIdNumber ? household.HeadIdNumber : IdNumber.Mask(household.HeadIdNumber),
        household.RegisteredAt);
}

public sealed record HouseholdPage(int Total, int Page, int PageSize, IReadOnlyList<HouseholdView> Items);

public sealed record RegisterCounts(int Total, IReadOnlyDictionary<string, int> ByTownship);
