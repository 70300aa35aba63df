using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xichou.Gateway.Identity;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary><c>POST /auth/token</c>: a bearer token for a right user name and password, one answer for everything else.</summary>
[Collection(GatewayCollection.Name)]
public class TokenEndpointTests(GatewayFixture gateway)
{
    private static readonly Uri Token = new("/auth/token", UriKind.Relative);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> RequestTokenAsync(string userName, string password)
    {
        using var client = gateway.Host.CreateClient();
        return await client.PostAsJsonAsync(Token, new { username = userName, password }, Cancellation);
    }

    [Fact]
    public async Task Right_credentials_get_a_bearer_token_that_the_public_key_verifies_with_the_users_role_and_township()
    {
        using var response = await RequestTokenAsync("township-xingjie", DemoUsers.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(["access_token", "token_type", "expires_in"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());

        using var publicKey = ServiceTokens.ImportKey(gateway.Host.Keys.PublicKey);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(
            body.GetProperty("access_token").GetString(), ServiceTokens.ValidationParameters(publicKey, AuthOptions.ApiAudience));
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var claims = validation.ClaimsIdentity.Claims.ToLookup(c => c.Type, c => c.Value);
        Assert.Equal(["township-staff"], claims[XichouClaims.Role]);
        Assert.Equal(["532623101"], claims[XichouClaims.Township]);
        Assert.Equal(["township-xingjie"], claims[XichouClaims.Name]);
        Assert.Equal(["兴街镇乡镇干部"], claims[XichouClaims.DisplayName]);
        Assert.Empty(claims[XichouClaims.Village]);
        Assert.Single(claims[XichouClaims.Subject]);
        // Nothing of Identity's own bookkeeping (the security stamp) leaves the gateway.
        Assert.DoesNotContain(validation.ClaimsIdentity.Claims, c => c.Type.StartsWith("AspNet.", StringComparison.Ordinal));
        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal(TimeSpan.FromHours(1), token.ValidTo - token.ValidFrom);
    }

    [Fact]
    public async Task A_village_monitors_token_carries_the_village()
    {
        var token = new JsonWebToken(await gateway.TokenForAsync("village-sanguang"));

        Assert.Equal("village-monitor", token.GetClaim(XichouClaims.Role).Value);
        Assert.Equal("532623101012", token.GetClaim(XichouClaims.Village).Value);
        Assert.False(token.TryGetClaim(XichouClaims.Township, out _));
    }

    [Fact]
    public async Task Wrong_user_name_and_wrong_password_get_the_same_401()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Housing);

        using var unknownUser = await RequestTokenAsync("nobody-" + Guid.NewGuid().ToString("N"), DemoUsers.Password);
        using var wrongPassword = await RequestTokenAsync(userName, "Wrong#Password1");

        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal("application/problem+json", unknownUser.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", wrongPassword.Content.Headers.ContentType?.MediaType);
        var body = await unknownUser.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(body, await wrongPassword.Content.ReadAsStringAsync(Cancellation));
        AssertInvalidCredentials(body);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_then_fails_the_same_way()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Water);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await RequestTokenAsync(userName, $"Wrong#Password{attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var right = await RequestTokenAsync(userName, DemoUsers.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        AssertInvalidCredentials(await right.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Water);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await RequestTokenAsync(userName, $"Wrong#Password{attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var right = await RequestTokenAsync(userName, DemoUsers.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("""{"password":"Xichou#2021"}""", "username")]
    [InlineData("""{"username":"admin"}""", "password")]
    [InlineData("""{"username":"","password":""}""", "password,username")]
    [InlineData("""{"username":"admin","password":42}""", "password")]
    [InlineData("""{"username":"admin",""", "body")]
    [InlineData("null", "body")]
    public async Task A_body_without_the_fields_is_400_naming_them_in_Chinese_and_English(string json, string fields)
    {
        using var client = gateway.Host.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(Token, content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("请求数据有误 / One or more validation errors occurred.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal(fields.Split(','), errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(errors.EnumerateObject(), error =>
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", error.Value[0].GetString()!));
    }

    [Fact]
    public async Task A_form_post_is_415()
    {
        using var client = gateway.Host.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = DemoUsers.Password });

        using var response = await client.PostAsync(Token, form, Cancellation);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task The_token_opens_the_gateway_and_a_tampered_one_does_not()
    {
        var token = await gateway.TokenForAsync("admin");
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"admin\"", "\"adm1n\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        using var valid = gateway.ClientWithToken(token);
        using var invalid = gateway.ClientWithToken(tampered);
        using var accepted = await valid.GetAsync(new Uri("/auth/users", UriKind.Relative), Cancellation);
        using var refused = await invalid.GetAsync(new Uri("/auth/users", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_token_made_for_a_service_is_not_accepted_as_an_API_token()
    {
        using var key = ServiceTokens.ImportKey(gateway.Host.Keys.PrivateKey);
        var forMonitoring = ServiceTokens.Create(
            [new(XichouClaims.Name, "admin"), new(XichouClaims.Role, Roles.Admin)], "monitoring", key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2));

        using var client = gateway.ClientWithToken(forMonitoring);
        using var response = await client.GetAsync(new Uri("/auth/users", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The one 401 body: a title in both languages and the status, nothing that differs between causes or requests.</summary>
    private static void AssertInvalidCredentials(string body)
    {
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["type", "title", "status"], problem.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.2", problem.GetProperty("type").GetString());
        Assert.Equal("用户名或密码错误 / Invalid user name or password", problem.GetProperty("title").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }
}
