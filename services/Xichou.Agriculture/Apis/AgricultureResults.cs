using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Agriculture.Application;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Agriculture.Apis;

/// <summary>An agriculture use case's outcome as an HTTP answer: 400 with the fields named, 404, 403, 409 ProblemDetails, or the success.</summary>
internal static class AgricultureResults
{
    public static Results<TSuccess, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult> Answer<T, TSuccess>(
        AgricultureOutcome<T> outcome, Func<T, TSuccess> success) where TSuccess : IResult => outcome switch
    {
        AgricultureOutcome<T>.Done done => success(done.Value),
        AgricultureOutcome<T>.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
        AgricultureOutcome<T>.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title,
            detail: conflict.Detail, extensions: conflict.Extensions),
        AgricultureOutcome<T>.Forbidden => TypedResults.Forbid(),
        AgricultureOutcome<T>.NotFound => TypedResults.NotFound(),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
    };
}
