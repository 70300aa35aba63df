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

    [Fact]
    public async Task A_request_body_over_a_services_limit_is_refused_and_changes_nothing()
    {
        using var client = await platform.CreateGatewayClientAsync("housing");
        var cancellation = TestContext.Current.CancellationToken;
        var assessments = $"/housing/api/households/{await platform.KnownHouseholdAsync()}/assessments";
        var before = (await client.GetFromJsonAsync<JsonElement>(assessments, cancellation)).GetArrayLength();

        // 5 MiB of note: over housing's 4 MiB limit, under the gateway's 32 MiB (monitoring takes 32 MiB for imports).
        var today = Xichou.Contracts.Beijing.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await client.PostAsJsonAsync(assessments,
            new { grade = "D", assessedOn = today, assessor = "县住建局", note = new string('漏', 5 * 1024 * 1024 / 3) }, cancellation);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>(assessments, cancellation)).GetArrayLength());
    }
}
