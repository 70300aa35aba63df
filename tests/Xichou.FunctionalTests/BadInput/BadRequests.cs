using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.BadInput;

/// <summary>What a bad request must get: refused (4xx) whatever it is, or, where the value may be a legitimate one, anything but a 5xx.</summary>
public enum Expect
{
    Refused,
    NotServerError,
}

/// <summary>One generated request: what is wrong with it, the field at fault (null for the whole body or the route), and what it must get.</summary>
public sealed record BadRequest(string Category, string What, string? Field, Expect Expect, string Path, Func<HttpContent?> Body)
{
    public override string ToString() => $"{Category}: {What}";
}

/// <summary>
/// Generates bad requests for a write endpoint from its route and its body's schema: a plausible body in which one thing is
/// wrong at a time (the body's syntax, a property's type, a number at overflow, a huge string, a null, an unknown value or
/// place), unknown route ids, and a body over the size limit.
/// </summary>
public sealed class BadRequests(BadInputPlatform platform, IReadOnlyDictionary<string, string> routeIds, long maxBodyBytes)
{
    public const int HugeStringLength = 100_000;

    /// <summary>Just over the service's own limit (<c>Limits:MaxRequestBodyBytes</c>: 4 MiB, monitoring 32 MiB for its imports).</summary>
    private long OversizedBodyBytes => maxBodyBytes + 1024;

    private static readonly string Today = Beijing.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public IEnumerable<BadRequest> For(WriteEndpoint endpoint)
    {
        var path = PathWith(endpoint, routeIds);
        foreach (var parameter in endpoint.RouteParameters)
        {
            foreach (var (what, value) in new[]
            {
                ("a random GUID", Guid.NewGuid().ToString()),
                ("the empty GUID", Guid.Empty.ToString()),
                ("not a GUID", "not-a-guid"),
                ("a number", "12345"),
                ("a path escape", "..%2F..%2Fhealth"),
            })
            {
                var ids = new Dictionary<string, string>(routeIds) { [parameter] = value };
                yield return new BadRequest("route id", $"{{{parameter}}} is {what}", null, Expect.Refused, PathWith(endpoint, ids), () => Json(Base(endpoint)));
            }
        }
        if (endpoint.Body is null)
        {
            // A route that reads no body ignores one; only its route ids are input.
            yield break;
        }
        if (!endpoint.TakesJson)
        {
            yield return new BadRequest("malformed body", $"JSON sent to a {endpoint.BodyContentType} endpoint", null, Expect.Refused, path,
                () => Raw("{\"a\":1}", "application/json"));
            yield break;
        }
        foreach (var (what, text) in new[]
        {
            ("an empty body", ""),
            ("truncated JSON", "{\"a\":"),
            ("an unclosed object", "{"),
            ("not JSON", "this is not json"),
            ("an array instead of an object", "[]"),
            ("an array of objects", "[{}]"),
            ("the JSON null", "null"),
            ("a JSON string", "\"text\""),
            ("a JSON number", "42"),
            ("a trailing comma", "{\"a\":1,}"),
            ("invalid UTF-8 in a value", InvalidUtf8),
            ("a duplicated property with a wrong type", null),
        })
        {
            var body = text ?? Duplicated(endpoint);
            yield return new BadRequest("malformed body", what, null, Expect.Refused, path,
                () => body == InvalidUtf8 ? InvalidUtf8Body(endpoint) : Raw(body, "application/json"));
        }
        yield return new BadRequest("malformed body", "deeply nested arrays", null, Expect.Refused, path,
            () => Raw(new string('[', 5_000) + new string(']', 5_000), "application/json"));
        yield return new BadRequest("malformed body", "valid JSON as text/plain", null, Expect.Refused, path,
            () => Raw(Base(endpoint).ToJsonString(), "text/plain"));
        yield return new BadRequest("malformed body", "valid JSON as a form", null, Expect.Refused, path,
            () => Raw(Base(endpoint).ToJsonString(), "application/x-www-form-urlencoded"));
        yield return new BadRequest("oversized body", $"{OversizedBodyBytes:N0} bytes (over the limit of {maxBodyBytes:N0})", null, Expect.Refused, path,
            () => Oversized(endpoint));
        yield return new BadRequest("empty object", "{}", null, Expect.NotServerError, path, () => Json(new JsonObject()));

        foreach (var property in endpoint.Body)
        {
            foreach (var (category, what, value, expect) in Mutations(property))
            {
                yield return new BadRequest(category, $"{property.Name}: {what}", property.Name, expect, path,
                    () => Json(With(Base(endpoint), property.Name, value)));
            }
            var item = property.ItemProperties;
            foreach (var nested in item)
            {
                foreach (var (category, what, value, expect) in Mutations(nested))
                {
                    var field = $"{property.Name}[0].{nested.Name}";
                    yield return new BadRequest(category, $"{field}: {what}", nested.Name, expect, path, () =>
                    {
                        var body = Base(endpoint);
                        var first = body[property.Name]!.AsArray()[0]!.AsObject();
                        first[nested.Name] = value?.DeepClone();
                        return Json(body);
                    });
                }
            }
        }
    }

    private static IEnumerable<(string Category, string What, JsonNode? Value, Expect Expect)> Mutations(BodyProperty property)
    {
        yield return ("null", "null", null, Expect.NotServerError);
        if (property.IsNumber)
        {
            yield return ("wrong type", "a string", JsonValue.Create("abc"), Expect.Refused);
            yield return ("wrong type", "an object", new JsonObject(), Expect.Refused);
            yield return ("wrong type", "an array", new JsonArray(), Expect.Refused);
            yield return ("wrong type", "a boolean", JsonValue.Create(true), Expect.Refused);
            foreach (var (what, literal) in new[]
            {
                ("1e309 (beyond double)", "1e309"),
                ("-1e309", "-1e309"),
                ("long.MaxValue + 1", "9223372036854775808"),
                ("decimal.MaxValue + 1", "79228162514264337593543950336"),
                ("30 digits", "123456789012345678901234567890"),
                ("-1", "-1"),
            })
            {
                yield return ("overflow", what, JsonNode.Parse(literal), Expect.Refused);
            }
            // Beyond an int, but a sum of yuan may be that large where the field allows it (a visit's income up to 9,999,999,999).
            yield return ("overflow", "int.MaxValue + 1", JsonNode.Parse("2147483648"), Expect.NotServerError);
            yield return ("overflow", "NaN as a string", JsonValue.Create("NaN"), Expect.Refused);
            yield return ("overflow", "Infinity as a string", JsonValue.Create("Infinity"), Expect.Refused);
            yield return ("overflow", "a fraction of 30 digits", JsonNode.Parse("0.123456789012345678901234567890"), Expect.NotServerError);
            yield break;
        }
        if (property.IsBoolean)
        {
            yield return ("wrong type", "a string", JsonValue.Create("yes"), Expect.Refused);
            yield return ("wrong type", "a number", JsonValue.Create(2), Expect.Refused);
            yield return ("wrong type", "an object", new JsonObject(), Expect.Refused);
            yield break;
        }
        if (property.IsArray)
        {
            yield return ("wrong type", "a string", JsonValue.Create("x"), Expect.Refused);
            yield return ("wrong type", "an object", new JsonObject(), Expect.Refused);
            yield return ("wrong type", "a number", JsonValue.Create(1), Expect.Refused);
            yield return ("wrong type", "an array holding null", new JsonArray((JsonNode?)null), Expect.Refused);
            yield return ("wrong type", "an array holding a number", new JsonArray(JsonValue.Create(7)), Expect.Refused);
            yield break;
        }
        if (property.IsObject)
        {
            yield return ("wrong type", "a string", JsonValue.Create("x"), Expect.Refused);
            yield return ("wrong type", "an array", new JsonArray(), Expect.Refused);
            yield break;
        }
        // A string, a date or a GUID on the wire.
        yield return ("wrong type", "a number", JsonValue.Create(12345), Expect.Refused);
        yield return ("wrong type", "an object", new JsonObject { ["a"] = 1 }, Expect.Refused);
        yield return ("wrong type", "an array", new JsonArray(JsonValue.Create("a")), Expect.Refused);
        yield return ("wrong type", "a boolean", JsonValue.Create(false), Expect.Refused);
        yield return ("huge string", $"{HugeStringLength:N0} characters", JsonValue.Create(new string('字', HugeStringLength)), Expect.Refused);
        yield return ("unknown value", "an unknown value", JsonValue.Create("无此值-no-such-value"), Expect.NotServerError);
        yield return ("unknown value", "control characters", JsonValue.Create("\u0000\u0007\u001b"), Expect.NotServerError);
        if (property.IsGuid)
        {
            yield return ("wrong type", "not a GUID", JsonValue.Create("not-a-guid"), Expect.Refused);
            if (property.Name.Contains("household", StringComparison.OrdinalIgnoreCase))
            {
                yield return ("unknown id", "an unknown household", JsonValue.Create(Guid.NewGuid()), Expect.Refused);
            }
        }
        if (IsDate(property))
        {
            yield return ("boundary", "a date that does not exist", JsonValue.Create("2026-02-30"), Expect.Refused);
            yield return ("boundary", "year 0001", JsonValue.Create("0001-01-01"), Expect.NotServerError);
            yield return ("boundary", "year 9999", JsonValue.Create("9999-12-31"), Expect.NotServerError);
            yield return ("boundary", "a date and time", JsonValue.Create("2026-01-01T25:61:00"), Expect.Refused);
        }
        if (IsPlace(property, "village"))
        {
            yield return ("unknown place", "an unknown village", JsonValue.Create("532623999999"), Expect.Refused);
            yield return ("unknown place", "a township's code", JsonValue.Create("532623201"), Expect.Refused);
        }
        if (IsPlace(property, "township"))
        {
            yield return ("unknown place", "an unknown township", JsonValue.Create("532623999"), Expect.Refused);
        }
        if (property.Name.Contains("department", StringComparison.OrdinalIgnoreCase))
        {
            yield return ("unknown value", "an unknown department", JsonValue.Create("no-such-department"), Expect.Refused);
        }
    }

    /// <summary>A plausible body: every property with a value of its kind, so that the one wrong thing is what validation sees.</summary>
    public JsonObject Base(WriteEndpoint endpoint)
    {
        var body = new JsonObject();
        foreach (var property in endpoint.Body ?? [])
        {
            body[property.Name] = Plausible(property);
        }
        return body;
    }

    private JsonNode? Plausible(BodyProperty property)
    {
        if (property.IsNumber)
        {
            return JsonValue.Create(1);
        }
        if (property.IsBoolean)
        {
            return JsonValue.Create(true);
        }
        if (property.IsArray)
        {
            if (property.ItemProperties.Count > 0)
            {
                var item = new JsonObject();
                foreach (var nested in property.ItemProperties)
                {
                    item[nested.Name] = Plausible(nested);
                }
                return new JsonArray(item);
            }
            return property.Items?["format"]?.GetValue<string>() == "uuid"
                ? new JsonArray(JsonValue.Create(platform.HouseholdId))
                : new JsonArray(JsonValue.Create("测试"));
        }
        if (property.IsObject)
        {
            var nested = new JsonObject();
            foreach (var inner in property.Properties)
            {
                nested[inner.Name] = Plausible(inner);
            }
            return nested;
        }
        var name = property.Name;
        if (property.IsGuid)
        {
            return JsonValue.Create(name.Contains("household", StringComparison.OrdinalIgnoreCase) ? platform.HouseholdId : Guid.NewGuid());
        }
        if (IsDate(property))
        {
            return JsonValue.Create(Today);
        }
        if (IsPlace(property, "village"))
        {
            return JsonValue.Create(BadInputPlatform.VillageCode);
        }
        if (IsPlace(property, "township"))
        {
            return JsonValue.Create(Villages.TownshipOf(BadInputPlatform.VillageCode));
        }
        if (name.Contains("idNumber", StringComparison.OrdinalIgnoreCase))
        {
            return JsonValue.Create(IdNumbers.New());
        }
        if (name.Contains("phone", StringComparison.OrdinalIgnoreCase))
        {
            return JsonValue.Create("13800138000");
        }
        if (name.Contains("department", StringComparison.OrdinalIgnoreCase))
        {
            return JsonValue.Create(ServiceNames.Water);
        }
        return JsonValue.Create("测试");
    }

    private static bool IsDate(BodyProperty property) =>
        property.IsDate || (property.IsString && (property.Name is "on" || property.Name.EndsWith("On", StringComparison.Ordinal)));

    private static bool IsPlace(BodyProperty property, string place) =>
        property.IsString && property.Name.Contains(place, StringComparison.OrdinalIgnoreCase) && property.Name.EndsWith("Code", StringComparison.Ordinal);

    private static string PathWith(WriteEndpoint endpoint, IReadOnlyDictionary<string, string> ids)
    {
        var path = endpoint.Route;
        foreach (var parameter in endpoint.RouteParameters)
        {
            path = path.Replace("{" + parameter + "}", ids.GetValueOrDefault(parameter) ?? Guid.NewGuid().ToString(), StringComparison.Ordinal);
        }
        return path;
    }

    private static JsonObject With(JsonObject body, string name, JsonNode? value)
    {
        body[name] = value?.DeepClone();
        return body;
    }

    private string Duplicated(WriteEndpoint endpoint)
    {
        var first = endpoint.Body!.Count > 0 ? endpoint.Body[0] : null;
        var text = Base(endpoint).ToJsonString();
        return first is null ? text : text.TrimEnd('}') + (text.Length > 2 ? "," : "") + $"\"{first.Name}\":{{\"nested\":[1,2,3]}}}}";
    }

    private HttpContent Oversized(WriteEndpoint endpoint)
    {
        var body = Base(endpoint);
        body["padding"] = new string('x', (int)OversizedBodyBytes);
        return Json(body);
    }

    private const string InvalidUtf8 = "\uFFFD";

    /// <summary>The first text property's value is bytes that are not UTF-8 (C3 28): the reader must refuse them, not skip them.</summary>
    private static ByteArrayContent InvalidUtf8Body(WriteEndpoint endpoint)
    {
        var name = endpoint.Body!.FirstOrDefault(p => p.IsString)?.Name ?? "a";
        byte[] bytes = [.. Encoding.UTF8.GetBytes($"{{\"{name}\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        return content;
    }

    public static HttpContent Json(JsonNode body) => Raw(body.ToJsonString(), "application/json");

    public static HttpContent Raw(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType.StartsWith("application/json", StringComparison.Ordinal)
            ? contentType + "; charset=utf-8" : contentType);
        return content;
    }
}
