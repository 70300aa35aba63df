using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.ServiceDefaults.Households;

/// <summary>A department's copy of the register over HTTP: list, count and read, scoped to the caller, and its survey.</summary>
public static class HouseholdReplicaApi
{
    public const int MaxPageSize = 200;
    public const int MaxSurveyNoteLength = 500;

    private static readonly IReadOnlyList<string> FieldsHeld = [PersonalData.IdNumber];

    /// <summary><c>GET /api/households</c>, <c>/counts</c> and <c>/{id}</c> over the department's copy.</summary>
    public static RouteGroupBuilder MapHouseholdReplicaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("Households").RequireAuthorization(Policies.ReadHouseholds);
        api.MapGet("/", ListHouseholds)
            .WithName("ListKnownHouseholds")
            .WithSummary("The households this department knows, within the caller's jurisdiction, a page at a time.");
        api.MapGet("/counts", CountHouseholds)
            .WithName("CountKnownHouseholds")
            .WithSummary("How many households this department knows within the caller's jurisdiction, by township.");
        api.MapGet("/{id:guid}", GetHousehold)
            .WithName("GetKnownHousehold")
            .WithSummary("This department's copy of a household; the ID number is masked unless ?reveal=idNumber&reason=… is allowed.");
        return api;
    }

    /// <summary><c>PUT /api/households/{id}/survey</c>: the department records its check of a household.</summary>
    public static RouteHandlerBuilder MapSurveyApi(this IEndpointRouteBuilder app) =>
        app.MapPut("/api/households/{id:guid}/survey", RecordSurvey)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithTags("Households")
            .WithName("RecordSurvey")
            .WithSummary("Record this department's survey (摸排) of a household: secured, or a problem with a note.");

    public static async Task<Results<Ok<KnownHouseholdPage>, ValidationProblem>> ListHouseholds(
        [AsParameters] HouseholdListQuery query, ClaimsPrincipal user, ServiceSecurity security, DepartmentDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = query.Validate(MaxPageSize);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var households = query.Apply(db.Households.AsNoTracking().Within(security.JurisdictionOf(user)));
        var total = await households.CountAsync(cancellationToken);
        var page = await households.OrderBy(h => h.HouseholdCode)
            .Skip((query.PageOrDefault - 1) * query.PageSizeOrDefault).Take(query.PageSizeOrDefault)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new KnownHouseholdPage(total, query.PageOrDefault, query.PageSizeOrDefault,
            [.. page.Select(h => KnownHouseholdView.From(h, revealIdNumber: false) with { HeadName = security.NameFor(user, h.HeadName) })]));
    }

    public static async Task<Ok<HouseholdCounts>> CountHouseholds(
        ClaimsPrincipal user, ServiceSecurity security, DepartmentDbContext db, CancellationToken cancellationToken)
    {
        var byTownship = await db.CountByTownshipAsync(security.JurisdictionOf(user), cancellationToken);
        return TypedResults.Ok(new HouseholdCounts(byTownship.Values.Sum(), byTownship));
    }

    public static async Task<Results<Ok<KnownHouseholdView>, NotFound, ValidationProblem, ForbidHttpResult>> GetHousehold(
        Guid id, [AsParameters] RevealQuery reveal, ClaimsPrincipal user, ServiceSecurity security, DepartmentDbContext db,
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
        await db.AuditRevealAsync(decision, user, household.Id, time, cancellationToken);
        return TypedResults.Ok(KnownHouseholdView.From(household, decision.Reveals(PersonalData.IdNumber))
            with { HeadName = security.NameFor(user, household.HeadName) });
    }

    public static async Task<Results<Ok<KnownHouseholdView>, NotFound, ValidationProblem>> RecordSurvey(
        Guid id, SurveyRequest request, ClaimsPrincipal user, ServiceSecurity security, DepartmentDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        SurveyStatus? parsed = request.Status?.Trim().ToLowerInvariant() switch
        {
            "secured" => SurveyStatus.Secured,
            "problem" => SurveyStatus.Problem,
            _ => null,
        };
        if (parsed is not { } status)
        {
            status = SurveyStatus.Pending;
            errors.Add("status", "摸排结果只能是 secured（已保障）或 problem（有问题）", "The status is secured or problem.");
        }
        var note = request.Note?.Trim();
        if (status == SurveyStatus.Problem && string.IsNullOrEmpty(note))
        {
            errors.Add("note", "有问题时须说明情况", "A note is required when there is a problem.");
        }
        if (note?.Length > MaxSurveyNoteLength)
        {
            errors.Add("note", $"说明不能超过{MaxSurveyNoteLength}个字", $"The note is at most {MaxSurveyNoteLength} characters.");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var household = await db.Households.Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }
        var actor = Actor.Of(user);
        var now = time.GetUtcNow();
        var before = new { status = household.SurveyStatus.ToString().ToLowerInvariant(), note = household.SurveyNote };
        household.RecordSurvey(status, string.IsNullOrEmpty(note) ? null : note, actor.UserName, now);
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id,
            details: new { survey = new { before, after = new { status = status.ToString().ToLowerInvariant(), note } } }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(KnownHouseholdView.From(household, revealIdNumber: false));
    }

    public static Task<Dictionary<string, int>> CountByTownshipAsync(
        this DepartmentDbContext db, Jurisdiction jurisdiction, CancellationToken cancellationToken = default) =>
        db.Households.AsNoTracking().Within(jurisdiction)
            .GroupBy(h => h.TownshipCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}

/// <summary>Paging and place filters shared by every household list.</summary>
public sealed record HouseholdListQuery(string? Township, string? Village, int? Page, int? PageSize)
{
    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? 50;

    public ValidationErrors Validate(int maxPageSize)
    {
        var errors = new ValidationErrors();
        if (Page is < 1)
        {
            errors.Add("page", "页码从1开始", "Pages start at 1.");
        }
        if (PageSize is < 1 || PageSize > maxPageSize)
        {
            errors.Add("pageSize", $"每页条数应在1到{maxPageSize}之间", $"The page size is between 1 and {maxPageSize}.");
        }
        if (Township is not null && !Townships.IsKnown(Township))
        {
            errors.Add("township", "不是西畴县9个乡镇之一", "Not one of Xichou County's 9 township codes.");
        }
        if (Village is not null && !Villages.IsKnown(Village))
        {
            errors.Add("village", "不是西畴县的村委会代码", "Not a village committee code of Xichou County.");
        }
        return errors;
    }

    /// <summary>The place filters, on top of (never instead of) the caller's jurisdiction.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> households) where T : class, IScopedHousehold
    {
        if (Township is { } township)
        {
            households = households.Where(h => h.TownshipCode == township);
        }
        if (Village is { } village)
        {
            households = households.Where(h => h.VillageCode == village);
        }
        return households;
    }
}

public sealed record SurveyRequest(string? Status, string? Note);

public sealed record KnownHouseholdView(
    Guid Id, string HouseholdCode, string TownshipCode, string TownshipName, string? VillageCode, string Village,
    string HeadName, string HeadIdNumber, DateTimeOffset RegisteredAt, DateTimeOffset ReceivedAt,
    string SurveyStatus, string? SurveyNote, string? SurveyedBy, DateTimeOffset? SurveyedAt)
{
    public static KnownHouseholdView From(KnownHousehold household, bool revealIdNumber) => new(
        household.Id, household.HouseholdCode, household.TownshipCode, Townships.NameOf(household.TownshipCode),
        household.VillageCode, household.Village, household.HeadName,
        revealIdNumber ? household.HeadIdNumber : IdNumber.Mask(household.HeadIdNumber),
        household.RegisteredAt, household.ReceivedAt,
        household.SurveyStatus.ToString().ToLowerInvariant(), household.SurveyNote, household.SurveyedBy, household.SurveyedAt);
}

public sealed record KnownHouseholdPage(int Total, int Page, int PageSize, IReadOnlyList<KnownHouseholdView> Items);

public sealed record HouseholdCounts(int Total, IReadOnlyDictionary<string, int> ByTownship);
