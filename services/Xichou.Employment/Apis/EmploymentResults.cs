using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Employment.Application;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Employment.Apis;

/// <summary>An employment use case's outcome as an HTTP answer: 400 with the fields named, 404, 403, 409 ProblemDetails, or the success.</summary>
internal static class EmploymentResults
{
    public static Results<TSuccess, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult> Answer<T, TSuccess>(
        EmploymentOutcome<T> outcome, Func<T, TSuccess> success) where TSuccess : IResult => outcome switch
    {
        EmploymentOutcome<T>.Done done => success(done.Value),
        EmploymentOutcome<T>.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
        EmploymentOutcome<T>.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail),
        EmploymentOutcome<T>.Forbidden => TypedResults.Forbid(),
        EmploymentOutcome<T>.NotFound => TypedResults.NotFound(),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
    };
}
