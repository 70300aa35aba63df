using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>The running platform's doors: a service's own port, the headers on every page, the size of a request.</summary>
public sealed class SecurityTests(PlatformFixture platform)
{
    public static TheoryData<string> Services => new(ServiceNames.All);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_service_called_on_its_own_port_without_the_gateway_is_401_except_health(string service)
    {
        using var direct = PlatformFixture.CreateClient(platform.ServiceAddress(service));
        var cancellation = TestContext.Current.CancellationToken;

        using var api = await direct.GetAsync("/api/households/counts", cancellation);
        using var page = await direct.GetAsync("/", cancellation);
        using var health = await direct.GetAsync("/health", cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task An_API_clients_token_is_refused_by_a_service_called_directly()
    {
        using var viaGateway = await platform.CreateGatewayClientAsync("county-leader");
        using var direct = PlatformFixture.CreateClient(platform.ServiceAddress(ServiceNames.Monitoring));
        direct.DefaultRequestHeaders.Authorization = viaGateway.DefaultRequestHeaders.Authorization;

        using var throughGateway = await viaGateway.GetAsync("/monitoring/api/households/counts", TestContext.Current.CancellationToken);
        using var around = await direct.GetAsync("/api/households/counts", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, throughGateway.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, around.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/monitoring/")]
    [InlineData("/housing/api/households/counts")]
    public async Task Pages_and_API_answers_through_the_gateway_carry_the_security_headers(string path)
    {
        using var client = await platform.CreateGatewayClientAsync("county-leader");

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        Assert.Single(response.Headers.GetValues("Referrer-Policy"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_request_body_over_a_services_limit_is_refused_by_the_gateway_and_changes_nothing(bool chunked)
    {
        using var client = await platform.CreateGatewayClientAsync("housing");
        var cancellation = TestContext.Current.CancellationToken;
        var assessments = $"/housing/api/households/{await platform.KnownHouseholdAsync()}/assessments";
        var before = (await client.GetFromJsonAsync<JsonElement>(assessments, cancellation)).GetArrayLength();

        // 5 MiB of note: over housing's 4 MiB limit, under the gateway's 32 MiB (monitoring takes 32 MiB for imports).
        // Sent chunked, the gateway's server stops reading at 4 MiB; with its length declared, it is refused before.
        using var response = await client.PostAsync(assessments, Body(chunked, new { grade = "D", assessedOn = Today(), assessor = "县住建局", note = FiveMiB() }), cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
        var title = problem.GetProperty("title").GetString();
        Assert.Contains("请求体过大（不能超过 4 MiB）", title, StringComparison.Ordinal);
        Assert.Contains("at most 4 MiB", title, StringComparison.Ordinal);
        // The gateway's answer (housing's own names no service): housing never received more than its limit.
        Assert.Equal("housing", problem.GetProperty("service").GetString());
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>(assessments, cancellation)).GetArrayLength());
    }

    [Fact]
    public async Task The_same_body_goes_through_to_monitoring_whose_limit_is_32_MiB_and_its_own_validation_answers()
    {
        using var client = await platform.CreateGatewayClientAsync("village-longping");
        var cancellation = TestContext.Current.CancellationToken;

        using var response = await client.PostAsync("/monitoring/api/households",
            Body(chunked: true, new { villageCode = "532623101007", headName = FiveMiB(), headIdNumber = "not an ID number" }), cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("headName", out _), errors.ToString());
    }

    private static string FiveMiB() => new('漏', 5 * 1024 * 1024 / 3);

    private static string Today() =>
        Xichou.Contracts.Beijing.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>JSON streamed with no declared length (as PostAsJsonAsync sends it), or buffered with its Content-Length.</summary>
    private static HttpContent Body(bool chunked, object value) => chunked
        ? JsonContent.Create(value)
        : new StringContent(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
