using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Insurance.Application;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Insurance.Apis;

/// <summary>An insurance use case's outcome as an HTTP answer: 400 with the fields named, 404, 403, 409 ProblemDetails, or the success.</summary>
internal static class InsuranceResults
{
    public static Results<TSuccess, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult> Answer<T, TSuccess>(
        InsuranceOutcome<T> outcome, Func<T, TSuccess> success) where TSuccess : IResult => outcome switch
    {
        InsuranceOutcome<T>.Done done => success(done.Value),
        InsuranceOutcome<T>.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
        InsuranceOutcome<T>.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title,
            detail: conflict.Detail, extensions: conflict.Extensions),
        InsuranceOutcome<T>.Forbidden => TypedResults.Forbid(),
        InsuranceOutcome<T>.NotFound => TypedResults.NotFound(),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
    };
}
