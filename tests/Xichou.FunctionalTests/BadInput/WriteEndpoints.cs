using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.BadInput;

/// <summary>A JSON body's property as the service's OpenAPI document describes it.</summary>
public sealed record BodyProperty(string Name, JsonObject Schema, IReadOnlyList<BodyProperty> Properties, JsonObject? Items,
    IReadOnlyList<BodyProperty> ItemProperties)
{
    private IReadOnlyList<string> Types => Schema["type"] switch
    {
        JsonValue single => [single.GetValue<string>()],
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        _ => [],
    };

    public bool IsNumber => Types.Contains("number") || Types.Contains("integer");

    public bool IsBoolean => Types.Contains("boolean");

    public bool IsArray => Types.Contains("array");

    public bool IsObject => Types.Contains("object") || Schema["properties"] is not null;

    public bool IsString => Types.Contains("string") && !IsNumber;

    public string? Format => Schema["format"]?.GetValue<string>();

    public bool IsGuid => Format == "uuid";

    public bool IsDate => Format == "date";
}

/// <summary>A POST, PUT, PATCH or DELETE route of a service, with its JSON body's properties when it takes one.</summary>
public sealed record WriteEndpoint(string Service, string Method, string Route, IReadOnlyList<string> RouteParameters,
    IReadOnlyList<BodyProperty>? Body, string? BodyContentType)
{
    public bool TakesJson => BodyContentType == "application/json";

    public override string ToString() => $"{Service} {Method} {Route}";
}

/// <summary>
/// Every write endpoint of a service, from its routing endpoints (what it really maps) joined to its OpenAPI document (the
/// JSON schema of each body), so that a new endpoint is covered without anyone listing it.
/// </summary>
public static class WriteEndpoints
{
    private static readonly string[] WriteMethods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public static async Task<IReadOnlyList<WriteEndpoint>> OfAsync(ServiceHost host)
    {
        var document = JsonNode.Parse(await host.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative),
            TestContext.Current.CancellationToken))!.AsObject();
        var endpoints = new List<WriteEndpoint>();
        foreach (var endpoint in host.Endpoints.OfType<RouteEndpoint>())
        {
            // Route handlers (minimal APIs) carry their method; the Blazor pages' form posts are not JSON APIs.
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is null)
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Where(m => WriteMethods.Contains(m, StringComparer.OrdinalIgnoreCase)))
            {
                var route = Normalise(endpoint.RoutePattern.RawText ?? "");
                var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
                var (body, contentType) = BodyOf(document, route, method);
                endpoints.Add(new WriteEndpoint(host.Name, method.ToUpperInvariant(), route, parameters, body, contentType));
            }
        }
        return [.. endpoints.OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    /// <summary>"/api/households/{id:guid}/assessments/" → "/api/households/{id}/assessments", as OpenAPI spells paths.</summary>
    public static string Normalise(string route)
    {
        var parts = route.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.StartsWith('{') ? "{" + p.Trim('{', '}').Split(':', '=', '?')[0] + "}" : p);
        return "/" + string.Join('/', parts);
    }

    private static (IReadOnlyList<BodyProperty>? Body, string? ContentType) BodyOf(JsonObject document, string route, string method)
    {
        var operation = document["paths"]?[route]?[method.ToLowerInvariant()] as JsonObject;
        if (operation?["requestBody"]?["content"] is not JsonObject content || content.Count == 0)
        {
            return (null, null);
        }
        var (contentType, media) = content.First();
        var schema = Resolve(document, media?["schema"] as JsonObject);
        return (PropertiesOf(document, schema), contentType);
    }

    public static IReadOnlyList<BodyProperty> PropertiesOf(JsonObject document, JsonObject? schema) =>
        schema?["properties"] is JsonObject properties
            ? [.. properties.Select(p => PropertyOf(document, p.Key, Resolve(document, p.Value as JsonObject) ?? [], depth: 0))]
            : [];

    private static BodyProperty PropertyOf(JsonObject document, string name, JsonObject schema, int depth)
    {
        var items = Resolve(document, schema["items"] as JsonObject);
        IReadOnlyList<BodyProperty> Nested(JsonObject? of) => depth < 2 && of?["properties"] is JsonObject properties
            ? [.. properties.Select(p => PropertyOf(document, p.Key, Resolve(document, p.Value as JsonObject) ?? [], depth + 1))]
            : [];
        return new BodyProperty(name, schema, Nested(schema), items, Nested(items));
    }

    /// <summary>Follows a $ref (and a nullable oneOf/anyOf around one) to the schema itself.</summary>
    public static JsonObject? Resolve(JsonObject document, JsonObject? schema)
    {
        for (var depth = 0; schema is not null && depth < 8; depth++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = document["components"]?["schemas"]?[reference.Split('/')[^1]] as JsonObject;
                continue;
            }
            if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray alternatives
                && alternatives.OfType<JsonObject>().FirstOrDefault(a => a["type"]?.ToString() != "null") is { } other)
            {
                schema = other;
                continue;
            }
            return schema;
        }
        return schema;
    }
}
