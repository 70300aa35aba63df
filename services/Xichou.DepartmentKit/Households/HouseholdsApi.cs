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

namespace Xichou.DepartmentKit.Households;

/// <summary>A department's copy of the register over HTTP: list, count and read, scoped to the caller; its survey; a resync.</summary>
public static class HouseholdsApi
{
    public const int MaxPageSize = 200;
    public const int MaxSurveyNoteLength = KnownHousehold.MaxSurveyNoteLength;

    /// <summary><c>GET /api/households</c>, <c>/counts</c> and <c>/{id}</c> over the department's copy, and <c>POST /resync</c>.</summary>
    public static RouteGroupBuilder MapKnownHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("Households");
        api.MapGet("/", ListHouseholds).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListKnownHouseholds")
            .WithSummary("The households this department knows, within the caller's jurisdiction, a page at a time.");
        api.MapGet("/counts", CountHouseholds).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("CountKnownHouseholds")
            .WithSummary("How many households this department knows within the caller's jurisdiction, by township.");
        api.MapGet("/{id:guid}", GetHousehold).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetKnownHousehold")
            .WithSummary("This department's copy of a household with the members it is told about; ID numbers masked unless ?reveal=idNumber&reason=… is allowed.");
        api.MapPost("/resync", RequestResync).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("ResyncHouseholds")
            .WithSummary("Ask the register for this department's whole copy again (a new database, a restored backup); households are updated, never doubled.");
        return api;
    }

    /// <summary><c>PUT /api/households/{id}/survey</c>: a department without a check of its own records its survey (摸排).</summary>
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
            [.. page.Select(h => KnownHouseholdView.From(h, user, security, RevealDecision.None))]));
    }

    public static async Task<Ok<HouseholdCounts>> CountHouseholds(
        ClaimsPrincipal user, ServiceSecurity security, DepartmentDbContext db, CancellationToken cancellationToken)
    {
        var byTownship = await db.CountByTownshipAsync(security.JurisdictionOf(user), cancellationToken);
        return TypedResults.Ok(new HouseholdCounts(byTownship.Values.Sum(), byTownship));
    }

    public static async Task<Results<Ok<KnownHouseholdView>, NotFound, ValidationProblem, ForbidHttpResult>> GetHousehold(
        Guid id, [AsParameters] RevealQuery reveal, ClaimsPrincipal user, ServiceSecurity security, DepartmentDbContext db,
        Department department, TimeProvider time, CancellationToken cancellationToken)
    {
        var decision = PersonalData.Decide(reveal, user, security, FieldsHeldBy(department));
        switch (decision)
        {
            case RevealDecision.Forbidden:
                return TypedResults.Forbid();
            case RevealDecision.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
        }
        var household = await db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).Include(h => h.Members)
            .FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }
        await db.AuditRevealAsync(decision, user, household.Id, time, cancellationToken);
        return TypedResults.Ok(KnownHouseholdView.From(household, user, security, decision));
    }

    public static async Task<Results<Ok<KnownHouseholdView>, NotFound, ValidationProblem, ProblemHttpResult>> RecordSurvey(
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
        if (household.HasExited)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: Bilingual.Message("该户已退出监测", "The household has exited monitoring."),
                detail: Bilingual.Message("已退出监测的农户不再安排新的摸排", "An exited household gets no new work."));
        }
        var actor = Actor.Of(user);
        var now = time.GetUtcNow();
        var before = new { status = WireName.Of(household.SurveyStatus), note = household.SurveyNote };
        household.RecordSurvey(status, string.IsNullOrEmpty(note) ? null : note, actor.UserName, now);
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id,
            details: new { survey = new { before, after = new { status = WireName.Of(status), note } } }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(KnownHouseholdView.From(household, user, security, RevealDecision.None));
    }

    public static async Task<Accepted<ResyncView>> RequestResync(
        ClaimsPrincipal user, DepartmentDbContext db, Department department, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var request = new HouseholdResyncRequested { RequestId = Guid.CreateVersion7(now), Department = department.Key, RequestedBy = actor.UserName, OccurredAt = now };
        db.AddIntegrationEvent(request);
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, details: new { resync = request.RequestId }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null, new ResyncView(request.RequestId, await db.Households.CountAsync(cancellationToken), now));
    }

    public static Task<Dictionary<string, int>> CountByTownshipAsync(
        this DepartmentDbContext db, Jurisdiction jurisdiction, CancellationToken cancellationToken = default) =>
        db.Households.AsNoTracking().Within(jurisdiction)
            .GroupBy(h => h.TownshipCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>What a caller of this department may ask to see in full: ID numbers, where its share holds them.</summary>
    public static IReadOnlyList<string> FieldsHeldBy(Department department) =>
        department.MemberShare.Fields.HasFlag(MemberFields.IdNumber) ? [PersonalData.IdNumber] : [];
}

public sealed record SurveyRequest(string? Status, string? Note);

/// <summary>A resync asked of the register: its id, how many households the copy held when it was asked.</summary>
public sealed record ResyncView(Guid RequestId, int HouseholdsBefore, DateTimeOffset RequestedAt);

/// <summary>
/// A household as a department shows it: the head's ID number masked (revealed, with a reason, from the head's member
/// record where the department holds it); members as far as the department is told, health state only to its own staff.
/// status monitored|riskEliminated|exited; surveyStatus pending|secured|problem.
/// </summary>
public sealed record KnownHouseholdView(
    Guid Id, string HouseholdCode, string TownshipCode, string TownshipName, string? VillageCode, string Village,
    string HeadName, string HeadIdNumber, int MemberCount, string Status, DateOnly? StatusOn, string? StatusReason,
    DateTimeOffset RegisteredAt, DateTimeOffset ReceivedAt,
    string SurveyStatus, string? SurveyNote, string? SurveyedBy, DateTimeOffset? SurveyedAt, IReadOnlyList<KnownMemberView> Members)
{
    public static KnownHouseholdView From(KnownHousehold household, ClaimsPrincipal user, ServiceSecurity security, RevealDecision decision)
    {
        var revealId = decision.Reveals(PersonalData.IdNumber);
        var head = household.Members.FirstOrDefault(m => m.Relation == "head");
        return new(
            household.Id, household.HouseholdCode, household.TownshipCode, Townships.NameOf(household.TownshipCode),
            household.VillageCode, household.Village, security.NameFor(user, household.HeadName),
            revealId && head?.IdNumber is { } full ? full : household.HeadIdNumber,
            household.MemberCount, WireName.Of(household.Status), household.StatusOn, household.StatusReason,
            household.RegisteredAt, household.ReceivedAt,
            WireName.Of(household.SurveyStatus), household.SurveyNote, household.SurveyedBy, household.SurveyedAt,
            [.. household.Members.OrderBy(m => m.Relation == "head" ? 0 : 1).ThenBy(m => m.BirthDate)
                .Select(m => KnownMemberView.From(m, user, security, revealId))]);
    }
}

public sealed record KnownMemberView(
    Guid Id, string? Name, string? Relation, string? Sex, DateOnly? BirthDate, string? IdNumber,
    string? LabourCapacity, string? SchoolStage, string? HealthState)
{
    public static KnownMemberView From(KnownMember member, ClaimsPrincipal user, ServiceSecurity security, bool revealIdNumber) => new(
        member.Id, member.Name is null ? null : security.NameFor(user, member.Name), member.Relation, member.Sex, member.BirthDate,
        member.IdNumber is null ? null : revealIdNumber ? member.IdNumber : Contracts.IdNumber.Mask(member.IdNumber),
        member.LabourCapacity, member.SchoolStage,
        // 敏感个人信息: only the department's own staff, whose work turns on it, see a member's health.
        member.HealthState is null ? null : security.CanReveal(user) ? member.HealthState : "***");
}

public sealed record KnownHouseholdPage(int Total, int Page, int PageSize, IReadOnlyList<KnownHouseholdView> Items);
