using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.BadInput;

/// <summary>
/// Bad input on every write endpoint of every service, generated from what the service maps and the JSON schema of each body
/// in its OpenAPI document: malformed JSON, wrong types, numbers at overflow, huge strings, nulls, unknown values, places and
/// route ids, and a body over the size limit. Each must be refused with a 4xx (never a 5xx), a 400 as
/// application/problem+json in Chinese and English naming the field at fault, and leave every table's row count unchanged.
/// </summary>
public sealed class BadInputTests(BadInputPlatform platform) : IClassFixture<BadInputPlatform>
{
    public static TheoryData<string> Services => new(ServiceNames.All);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Bad_input_on_every_write_endpoint_is_a_4xx_naming_the_field_and_writes_nothing(string service)
    {
        var host = platform[service];
        var endpoints = await WriteEndpoints.OfAsync(host);
        var ids = await RouteIdsAsync(host, endpoints);
        var limit = host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize
            ?? throw new InvalidOperationException($"{service} sets no request body limit.");
        var generator = new BadRequests(platform, ids, limit);
        var findings = new List<string>();
        var byStatus = new SortedDictionary<int, int>();
        var byCategory = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var requests = 0;
        foreach (var endpoint in endpoints)
        {
            foreach (var bad in generator.For(endpoint))
            {
                requests++;
                byCategory[bad.Category] = byCategory.GetValueOrDefault(bad.Category) + 1;
                var before = await TableCounts.OfAsync(host);
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), new Uri(bad.Path, UriKind.Relative)) { Content = bad.Body() };
                using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
                var status = (int)response.StatusCode;
                byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                var problems = Judge(bad, response, text);
                if (status is >= 400 and < 500)
                {
                    var changes = TableCounts.Changes(before, await TableCounts.OfAsync(host));
                    if (changes.Count > 0)
                    {
                        problems.Add($"partial write ({string.Join(", ", changes)})");
                    }
                }
                if (status is >= 200 and < 300)
                {
                    // A legitimate write (a null for an optional field) publishes events its own service may consume too:
                    // let them land before the next request's counts are taken.
                    await platform.QuietAsync();
                }
                if (problems.Count > 0)
                {
                    findings.Add($"{endpoint.Method} {bad.Path[..Math.Min(bad.Path.Length, 120)]} [{bad}] → {status}: {string.Join("; ", problems)}"
                        + $" | {text[..Math.Min(text.Length, 300)]}");
                }
            }
        }

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{service}: {endpoints.Count} write endpoints, {requests} requests");
        output.WriteLine("  by status: " + string.Join(", ", byStatus.Select(p => $"{p.Key}×{p.Value}")));
        output.WriteLine("  by category: " + string.Join(", ", byCategory.Select(p => $"{p.Key}×{p.Value}")));
        foreach (var endpoint in endpoints)
        {
            output.WriteLine($"  {endpoint.Method} {endpoint.Route} body: {(endpoint.Body is null ? "none" : string.Join(",", endpoint.Body.Select(p => p.Name)))}");
        }
        foreach (var finding in findings)
        {
            output.WriteLine("  FINDING " + finding);
        }
        Assert.True(findings.Count == 0, $"{findings.Count} of {requests} bad requests to {service} were not refused cleanly:\n"
            + string.Join('\n', findings.Take(60)));
    }

    /// <summary>What is wrong with the answer to one bad request, if anything.</summary>
    private static List<string> Judge(BadRequest bad, HttpResponseMessage response, string text)
    {
        var problems = new List<string>();
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            problems.Add("server error");
            return problems;
        }
        if (bad.Expect == Expect.Refused && status < 400)
        {
            problems.Add("accepted");
            return problems;
        }
        if (status < 400)
        {
            return problems;
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            problems.Add($"content type {response.Content.Headers.ContentType?.MediaType ?? "none"}, not application/problem+json");
            return problems;
        }
        if (bad.Category == "oversized body" && status != 413)
        {
            problems.Add("not 413 Payload Too Large");
        }
        if (status is not (400 or 413 or 415))
        {
            return problems;
        }
        if (!text.Any(c => c is >= '\u4e00' and <= '\u9fff') || !text.Any(char.IsAsciiLetter))
        {
            problems.Add("not in Chinese and English");
        }
        if (status == 400 && bad.Field is { } field && bad.Expect == Expect.Refused)
        {
            using var json = JsonDocument.Parse(text);
            var keys = json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? errors.EnumerateObject().Select(e => e.Name).ToList()
                : [];
            if (!keys.Any(k => k.Contains(field, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"does not name '{field}' (errors: {string.Join(", ", keys)})");
            }
        }
        return problems;
    }

    /// <summary>
    /// Each route parameter names something that exists where the service holds one (the household, or the first row of the
    /// table the segment before it names, of that household where the table has one), so that a bad body meets validation
    /// rather than a 404.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> RouteIdsAsync(ServiceHost host, IReadOnlyList<WriteEndpoint> endpoints)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var tables = (await TableCounts.OfAsync(host)).Keys.ToList();
        var household = platform.HouseholdId.ToString().ToUpperInvariant();
        foreach (var endpoint in endpoints)
        {
            var segments = endpoint.Route.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < segments.Length; i++)
            {
                if (!segments[i].StartsWith('{'))
                {
                    continue;
                }
                var parameter = segments[i].Trim('{', '}');
                var resource = segments[i - 1];
                if (ids.ContainsKey(parameter) && resource != "households")
                {
                    continue;
                }
                if (resource == "households")
                {
                    ids[parameter] = platform.HouseholdId.ToString();
                    continue;
                }
                var singular = resource.TrimEnd('s');
                var table = tables.FirstOrDefault(t => t.Equals(resource, StringComparison.OrdinalIgnoreCase))
                    ?? tables.Where(t => t.StartsWith(singular, StringComparison.OrdinalIgnoreCase)).MinBy(t => t.Length);
                if (table is null)
                {
                    continue;
                }
                var ofHousehold = await host.CountAsync("SELECT COUNT(*) FROM pragma_table_info($t) WHERE name = 'HouseholdId'", ("$t", table)) == 1;
                var id = ofHousehold
                    ? await host.ScalarAsync($"SELECT Id FROM \"{table}\" WHERE HouseholdId = $h LIMIT 1", ("$h", household))
                    : await host.ScalarAsync($"SELECT Id FROM \"{table}\" LIMIT 1");
                if (id is not null)
                {
                    ids[parameter] = Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture)!;
                }
            }
        }
        return ids;
    }
}
