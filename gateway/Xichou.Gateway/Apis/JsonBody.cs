using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Gateway.Apis;

/// <summary>
/// A JSON request body read by hand, so that a body that is not JSON is a 400 naming the problem in Chinese and
/// English (the framework's own binding answers with an empty 400) and a body that is not declared JSON is a 415
/// (which also keeps a cross-site form from posting to a cookie-authenticated endpoint).
/// </summary>
internal readonly record struct JsonBody<T>(T? Value, IDictionary<string, string[]>? Errors, ProblemHttpResult? UnsupportedMediaType);

internal static class JsonBody
{
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return new(null, null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: Bilingual.Message("请求体须为 JSON", "The request body must be JSON (Content-Type: application/json).")));
        }
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            if (value is not null)
            {
                return new(value, null, null);
            }
        }
        catch (JsonException e)
        {
            // A syntax error comes wrapped around the reader's own exception; a value of the wrong type does not.
            return new(null, Malformed(e.InnerException is JsonException ? null : e.Path), null);
        }
        return new(null, Malformed(null), null);
    }

    /// <summary>The error under the field it concerns ("$.password" → password), or under "body" when it is the whole body.</summary>
    private static Dictionary<string, string[]> Malformed(string? path)
    {
        var errors = new ValidationErrors();
        var field = path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) && !path[2..].Contains('.') && !path.Contains('[')
            ? path[2..]
            : null;
        if (field is null)
        {
            errors.Add("body", "请求体不是有效的 JSON 对象", "The request body is not a valid JSON object.");
        }
        else
        {
            errors.Add(field, "该字段的值类型不对", $"The value of '{field}' has the wrong type.");
        }
        return new Dictionary<string, string[]>(errors.ToDictionary(), StringComparer.Ordinal);
    }
}
