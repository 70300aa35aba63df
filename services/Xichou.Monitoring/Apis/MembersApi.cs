using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Members;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>A household's members after registration (家庭成员变更); each departments' copy follows through the bus.</summary>
public static class MembersApi
{
    public static RouteGroupBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households/{id:guid}/members").WithTags("Households");
        api.MapPost("/", AddMember)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("AddMember")
            .WithSummary("Add a member to a household on the register (born, married in); a person already in another household is a 409 naming it.");
        api.MapPut("/{memberId:guid}", ChangeMember)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("ChangeMember")
            .WithSummary("Correct a member's name, labour capacity, school stage, health state or phone; omitted fields keep their value.");
        api.MapDelete("/{memberId:guid}", RemoveMember)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RemoveMember")
            .WithSummary("Remove a member who left the household (?reason=…); the head cannot be removed.");
        return api;
    }

    public static async Task<Results<Created<MemberView>, NotFound, ValidationProblem, ProblemHttpResult>> AddMember(
        Guid id, MemberRequest request, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, DuplicateIdNumbers duplicates,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        return await MemberEditor.AddAsync(db, id, request, Actor.Of(user), scope, time, cancellationToken) switch
        {
            MemberOutcome.Done { Member: { } member } => TypedResults.Created($"api/households/{id}/members/{member.Id}", View(member, user, security, time)),
            MemberOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            MemberOutcome.NotFound => TypedResults.NotFound(),
            MemberOutcome.Duplicate duplicate => DuplicateIdNumbers.Problem(
                await duplicates.AnswerAsync(db, Actor.Of(user), scope, duplicate.Holder, duplicate.IdNumber, "addMember", cancellationToken), "idNumber"),
            var other => Problem(other),
        };
    }

    public static async Task<Results<Ok<MemberView>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeMember(
        Guid id, Guid memberId, ChangeMemberRequest request, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db,
        TimeProvider time, CancellationToken cancellationToken) =>
        await MemberEditor.ChangeAsync(db, id, memberId, request, Actor.Of(user), security.JurisdictionOf(user), time, cancellationToken) switch
        {
            MemberOutcome.Done { Member: { } member } => TypedResults.Ok(View(member, user, security, time)),
            MemberOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            MemberOutcome.NotFound => TypedResults.NotFound(),
            var other => Problem(other),
        };

    public static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemoveMember(
        Guid id, Guid memberId, string? reason, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, TimeProvider time,
        CancellationToken cancellationToken) =>
        await MemberEditor.RemoveAsync(db, id, memberId, reason, Actor.Of(user), security.JurisdictionOf(user), time, cancellationToken) switch
        {
            MemberOutcome.Done => TypedResults.NoContent(),
            MemberOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            MemberOutcome.NotFound => TypedResults.NotFound(),
            var other => Problem(other),
        };

    private static MemberView View(Member member, ClaimsPrincipal user, ServiceSecurity security, TimeProvider time) =>
        MemberView.From(member, Beijing.Today(time), security.NameFor(user, member.Name), revealIdNumber: false, revealPhone: false, revealHealth: false);

    private static ProblemHttpResult Problem(MemberOutcome outcome) => outcome switch
    {
        MemberOutcome.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
    };
}
