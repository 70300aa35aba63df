using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;
using Xichou.Water.Application.Checks;
using Xichou.Water.Model.Checks;

namespace Xichou.Water.Apis;

/// <summary>饮水安全排查 over HTTP: <c>/api/households/{id}/checks</c>.</summary>
public static class ChecksApi
{
    public static RouteGroupBuilder MapChecksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households/{id:guid}/checks").WithTags("Checks");
        api.MapPost("/", RecordCheck).RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordWaterCheck")
            .WithSummary("Record a drinking-water check (饮水安全排查) judged on quantity, quality, convenience and supply (T/CHES 18-2018); "
                + "sets the household's survey and puts a failing check on the county's risk register.");
        api.MapGet("/", ListChecks).RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListWaterChecks")
            .WithSummary("A household's drinking-water checks, newest first, each with its verdict per indicator.");
        return api;
    }

    public static async Task<Results<Created<CheckView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RecordCheck(
        Guid id, CheckRequest request, ClaimsPrincipal user, WaterChecks checks, CancellationToken ct) =>
        await checks.RecordAsync(id, request, user, ct) switch
        {
            CheckOutcome.Recorded recorded => TypedResults.Created($"api/households/{id}/checks/{recorded.Check.Id}", CheckView.From(recorded.Check)),
            CheckOutcome.NotFound => TypedResults.NotFound(),
            CheckOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            CheckOutcome.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail),
            CheckOutcome.Forbidden => TypedResults.Forbid(),
            var other => throw new InvalidOperationException($"Unhandled outcome {other}."),
        };

    public static async Task<Results<Ok<IReadOnlyList<CheckView>>, NotFound>> ListChecks(
        Guid id, ClaimsPrincipal user, WaterChecks checks, CancellationToken ct) =>
        await checks.HistoryAsync(id, user, ct) is { } history
            ? TypedResults.Ok<IReadOnlyList<CheckView>>([.. history.Select(CheckView.From)])
            : TypedResults.NotFound();
}
