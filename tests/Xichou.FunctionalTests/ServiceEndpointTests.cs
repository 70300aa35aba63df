using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Web;

namespace Xichou.FunctionalTests;

/// <summary>What every one of the eight services serves: health, its OpenAPI document and its home page.</summary>
public partial class ServiceEndpointTests(Platform platform)
{
    public static TheoryData<string> Services => new(ServiceNames.All);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Health_is_Healthy_with_the_database_and_the_bus_up(string service)
    {
        using var response = await platform[service].Client.GetAsync(new Uri("/health", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task OpenAPI_document_describes_the_household_endpoints(string service)
    {
        using var response = await platform[service].Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Contains("API", document.GetProperty("info").GetProperty("title").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/households/{id}", out var household), "GET /api/households/{id} is documented");
        Assert.True(household.TryGetProperty("get", out _));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Home_page_shows_the_department_in_Chinese_and_how_many_households_it_knows(string service)
    {
        var host = platform[service];
        var department = Departments.ByKey(service);
        await MakeKnownAsync(service);

        var before = await CountAsync(host);
        using var response = await host.Client.GetAsync(new Uri(RegisterPage(service), UriKind.Relative), Cancellation);
        var after = await CountAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // What the browser shows: character references decoded.
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{department.Name}", html, StringComparison.Ordinal);
        Assert.Contains(department.Bureau, html, StringComparison.Ordinal);
        Assert.Contains(department.Duties[0], html, StringComparison.Ordinal);
        var shown = int.Parse(HouseholdCount().Match(html).Groups["count"].Value, CultureInfo.InvariantCulture);
        // Other tests add households at the same time, so the page's count lies between two readings of the API.
        Assert.InRange(shown, Math.Max(1, before), after);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Home_page_writes_Chinese_as_text_not_as_character_references(string service)
    {
        var html = await platform[service].Client.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);

        Assert.Matches($"<h1>[^<]*{Departments.ByKey(service).Name}", html);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// The page with the service's copy of the register: the home page, except in the command centre, whose home is the
    /// overview (its own tests) and whose list of registered households is <c>/register</c>.
    /// </summary>
    private static string RegisterPage(string service) => service == ServiceNames.CommandCentre ? "/register" : "/";

    /// <summary>Makes sure the service knows at least one household, registered or received by this test.</summary>
    private async Task MakeKnownAsync(string service)
    {
        if (service == ServiceNames.Monitoring)
        {
            using var response = await platform.Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
                new { villageCode = "532623101001", headName = "张伟", headIdNumber = IdNumbers.New() }, Cancellation);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return;
        }
        var registered = TestData.NewHouseholdRegistered();
        await platform.PublishAsync(registered, Guid.NewGuid());
        await Eventually.TrueAsync(async () =>
        {
            using var response = await platform[service].Client.GetAsync(
                new Uri($"/api/households/{registered.HouseholdId}", UriKind.Relative), Cancellation);
            return response.IsSuccessStatusCode;
        }, $"{service} to store the household");
    }

    private static async Task<int> CountAsync(ServiceHost host) =>
        (await host.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/households/counts", UriKind.Relative), Cancellation))
        .GetProperty("total").GetInt32();

    [GeneratedRegex("""data-testid="household-count">(?<count>\d+)<""")]
    private static partial Regex HouseholdCount();
}
