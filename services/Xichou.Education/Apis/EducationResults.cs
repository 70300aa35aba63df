using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Education.Application;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Education.Apis;

/// <summary>An education use case's outcome as an HTTP answer: 400 with the fields named, 404, 403, 409 ProblemDetails, or the success.</summary>
internal static class EducationResults
{
    public static Results<TSuccess, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult> Answer<T, TSuccess>(
        EducationOutcome<T> outcome, Func<T, TSuccess> success) where TSuccess : IResult => outcome switch
    {
        EducationOutcome<T>.Done done => success(done.Value),
        EducationOutcome<T>.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
        EducationOutcome<T>.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail),
        EducationOutcome<T>.Forbidden => TypedResults.Forbid(),
        EducationOutcome<T>.NotFound => TypedResults.NotFound(),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
    };
}
