using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Housing.Application;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Housing.Apis;

/// <summary>A housing use case's outcome as an HTTP answer: 400 with the fields named, 404, 403, 409 ProblemDetails, or the success.</summary>
internal static class HousingResults
{
    public static Results<TSuccess, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult> Answer<T, TSuccess>(
        HousingOutcome<T> outcome, Func<T, TSuccess> success) where TSuccess : IResult => outcome switch
    {
        HousingOutcome<T>.Done done => success(done.Value),
        HousingOutcome<T>.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
        HousingOutcome<T>.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail),
        HousingOutcome<T>.Forbidden => TypedResults.Forbid(),
        HousingOutcome<T>.NotFound => TypedResults.NotFound(),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
    };
}
