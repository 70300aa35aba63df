using System.Net.Http.Headers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Security;

/// <summary>
/// Calls straight to a service's own port, bypassing the gateway: nothing but a fresh token the gateway signed for
/// that very service gets in.
/// </summary>
public class TokenValidationTests(Platform platform)
{
    private static readonly Uri Counts = new("/api/households/counts", UriKind.Relative);

    public static TheoryData<string> Services => new(ServiceNames.All);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<HttpStatusCode> CallWithAsync(string service, string? token, string path = "/api/households/counts")
    {
        using var client = platform[service].AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request, Cancellation);
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_valid_token_for_the_service_is_let_in(string service) =>
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(service, TestTokens.For(TestUser.CountyLeader, service)));

    [Theory]
    [MemberData(nameof(Services))]
    public async Task No_token_is_401_for_the_API_the_pages_and_the_API_documents(string service)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(service, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(service, null, "/"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(service, null, "/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(service, null, "/api/audit"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Health_and_alive_answer_without_a_token(string service)
    {
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(service, null, "/health"));
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(service, null, "/alive"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task An_expired_token_is_401(string service)
    {
        var token = TestTokens.For(TestUser.CountyLeader, service, now: DateTimeOffset.UtcNow.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(service, token));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_token_signed_by_another_key_is_401(string service)
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = TestTokens.For(TestUser.CountyLeader, service, key: otherKey);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(service, token));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_token_whose_role_claim_was_changed_is_401(string service)
    {
        // A department user rewrites their role to county-leader in the payload and keeps the signature.
        var token = TestTokens.For(TestUser.Department(ServiceNames.Water), service);
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        Assert.Contains("\"role\":\"water\"", payload, StringComparison.Ordinal);
        var tampered = payload.Replace("\"role\":\"water\"", "\"role\":\"county-leader\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(tampered))}.{parts[2]}";

        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(service, forged));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_token_for_another_service_or_for_API_clients_is_401(string service)
    {
        var otherService = service == ServiceNames.Housing ? ServiceNames.Water : ServiceNames.Housing;
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(service, TestTokens.For(TestUser.CountyLeader, otherService)));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(service, TestTokens.For(TestUser.CountyLeader, AuthOptions.ApiAudience)));
    }

    [Fact]
    public async Task An_unsigned_token_is_401()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}"""u8.ToArray());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(
            $$"""{"iss":"{{AuthOptions.GatewayIssuer}}","aud":"monitoring","name":"x","role":"poverty-office","nbf":{{now}},"exp":{{now + 60}}}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(ServiceNames.Monitoring, $"{header}.{payload}."));
    }
}
