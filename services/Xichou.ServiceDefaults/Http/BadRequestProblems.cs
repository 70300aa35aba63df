using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Xichou.ServiceDefaults.Http;

/// <summary>
/// A request the framework cannot bind (a body that is not JSON, a value of the wrong type or out of its type's range, no
/// body, a body too large, not JSON at all) answered as the services' own validation answers: a ProblemDetails in Chinese
/// and English naming the field at fault ("members[0].idNumber", or "body" for the whole body). The framework's own answer
/// is an empty 400 titled "Bad Request" that names nothing.
/// </summary>
public sealed partial class BadRequestProblems : IExceptionHandler
{
    public const string BodyField = "body";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || httpContext.Response.HasStarted)
        {
            return false;
        }
        IResult result = badRequest.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => TooLarge(httpContext),
            StatusCodes.Status415UnsupportedMediaType => NotJson(),
            StatusCodes.Status400BadRequest => TypedResults.ValidationProblem(ErrorsOf(badRequest), title: Bilingual.ValidationTitle),
            _ => TypedResults.Problem(statusCode: badRequest.StatusCode,
                title: Bilingual.Message("请求无法处理", "The request cannot be processed.")),
        };
        await result.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>413 naming the limit: this request's own (the gateway sets one per service), else the server's.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
            ?? context.RequestServices.GetService<IOptions<KestrelServerOptions>>()?.Value.Limits.MaxRequestBodySize;
        return TooLarge(limit);
    }

    /// <summary>413 naming <paramref name="limit"/> in bytes.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(long? limit)
    {
        var size = limit is { } bytes ? RequestBodyLimits.Describe(bytes) : "the limit";
        return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
            title: Bilingual.Message($"请求体过大（不能超过 {size}）", $"The request body is too large (at most {size})."));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotJson() =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: NotJsonTitle);

    /// <summary>
    /// The answers the framework writes itself (a body that is not declared JSON is a 415 before any binding; a route that
    /// matches nothing is a 404), titled in Chinese and English like the services' own; a title the service set stays.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Title is not null && !IsDefaultTitle(problem))
        {
            return;
        }
        problem.Title = problem.Status switch
        {
            StatusCodes.Status400BadRequest => Bilingual.ValidationTitle,
            StatusCodes.Status404NotFound => Bilingual.Message("未找到", "Not found."),
            StatusCodes.Status405MethodNotAllowed => Bilingual.Message("不支持该请求方法", "The method is not allowed here."),
            StatusCodes.Status413PayloadTooLarge => Bilingual.Message("请求体过大", "The request body is too large."),
            StatusCodes.Status415UnsupportedMediaType => NotJsonTitle,
            _ => problem.Title,
        };
    }

    private static readonly string NotJsonTitle = Bilingual.Message("请求体须为 JSON", "The request body must be JSON (Content-Type: application/json).");

    private static bool IsDefaultTitle(Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        problem.Title is "Bad Request" or "Not Found" or "Method Not Allowed" or "Payload Too Large" or "Content Too Large"
            or "Request Entity Too Large" or "Unsupported Media Type";

    private static IDictionary<string, string[]> ErrorsOf(BadHttpRequestException badRequest)
    {
        var errors = new ValidationErrors();
        if (JsonErrorOf(badRequest) is { } json)
        {
            // A syntax error is the reader's (an inner JsonException); a value that does not fit its property is the serializer's.
            var field = json.InnerException is JsonException ? null : FieldOf(json.Path);
            if (field is null)
            {
                errors.Add(BodyField, "请求体不是有效的 JSON 对象", "The request body is not a valid JSON object.");
            }
            else
            {
                errors.Add(field, "该字段的值类型不对或超出范围", $"The value of '{field}' has the wrong type or is out of range.");
            }
        }
        else if (BindFailure().Match(badRequest.Message) is { Success: true } failure)
        {
            var name = failure.Groups["name"].Value;
            errors.Add(name, "该参数的值无效", $"The value of '{name}' is not valid.");
        }
        else if (badRequest.Message.Contains("no body was provided", StringComparison.Ordinal)
            || badRequest.Message.Contains("body was empty", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(BodyField, "请求体必填（JSON 对象）", "The request body (a JSON object) is required.");
        }
        else
        {
            errors.Add(BodyField, "请求无效", "The request is not valid.");
        }
        return errors.ToDictionary();
    }

    private static JsonException? JsonErrorOf(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>"$.members[0].idNumber" → "members[0].idNumber"; the whole body ("$", or none) → null.</summary>
    public static string? FieldOf(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;

    [GeneratedRegex("""Failed to bind parameter "(?:[^"]*\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)" from""")]
    private static partial Regex BindFailure();
}
