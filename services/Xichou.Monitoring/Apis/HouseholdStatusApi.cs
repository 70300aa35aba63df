using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Monitoring.Application.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>Taking a household off monitoring (退出监测) or back on; risk elimination itself comes only from a verification visit.</summary>
public static class HouseholdStatusApi
{
    public const int MaxReasonLength = ChangeHouseholdStatusHandler.MaxReasonLength;

    public static RouteHandlerBuilder MapHouseholdStatusApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/households/{id:guid}/status", ChangeStatus)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithTags("Households")
            .WithName("ChangeHouseholdStatus")
            .WithSummary("Exit a household from monitoring (no open risk may remain) or put it back, with the date and reason; kept for the 公示.");

    public static async Task<Results<Ok<HouseholdStatusView>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        Guid id, ChangeStatusRequest request, ClaimsPrincipal user, ChangeHouseholdStatusHandler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(new ChangeHouseholdStatus(id, request, user), cancellationToken) switch
        {
            StatusOutcome.Changed changed => TypedResults.Ok(changed.Status),
            StatusOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            StatusOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: StatusOutcome.Forbidden.Title, detail: StatusOutcome.Forbidden.Detail),
            StatusOutcome.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail),
            _ => TypedResults.NotFound(),
        };
}
