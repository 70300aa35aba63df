using System.Net;
using System.Net.Http.Headers;
using Xichou.Gateway.Identity;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>Signing in at the gateway with a browser: the login page, its cookie, where it sends you, and signing out.</summary>
[Collection(GatewayCollection.Name)]
public class BrowserLoginTests(GatewayFixture gateway)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Page(string path, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string AuthCookie(HttpResponseMessage response) =>
        Assert.Single(SetCookies(response), cookie => cookie.StartsWith("Xichou.Auth=", StringComparison.Ordinal));

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/housing/", "/housing/")]
    [InlineData("/admin/users", "/admin/users")]
    public async Task A_page_without_login_redirects_to_the_login_page_and_back(string path, string returnUrl)
    {
        using var client = gateway.Host.CreateClient();
        using var request = Page(path);

        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/monitoring/api/households")]
    [InlineData("/housing/api/households/counts")]
    [InlineData("/monitoring/openapi/v1.json")]
    [InlineData("/auth/users")]
    public async Task An_API_call_without_login_is_401_even_from_a_browser(string path)
    {
        using var client = gateway.Host.CreateClient();
        using var request = Page(path);

        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_program_asking_for_a_page_without_login_gets_401()
    {
        using var client = gateway.Host.CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.GetAsync(new Uri("/housing/", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_login_page_is_open_in_Chinese_with_the_security_headers()
    {
        using var client = gateway.Host.CreateClient();
        using var request = Page("/login");

        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("登录", html, StringComparison.Ordinal);
        Assert.Contains("用户名", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_400_and_signs_nobody_in()
    {
        using var client = gateway.Host.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "admin",
            ["Input.Password"] = DemoUsers.Password,
        });

        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), form, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(SetCookies(response), cookie => cookie.StartsWith("Xichou.Auth=", StringComparison.Ordinal));
    }

    // Outside Development the cookie is Secure over plain HTTP too since issue 12 (ProductionSettingsTests).
    [Fact]
    public async Task Logging_in_sets_an_HttpOnly_SameSite_Lax_session_cookie()
    {
        using var client = gateway.Host.CreateClient();

        using var response = await GatewayHost.LogInAsync(client, "county-leader", DemoUsers.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString.Replace("https://localhost", "", StringComparison.Ordinal));
        var cookie = AuthCookie(response).ToLowerInvariant();
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        // A session cookie: gone when the browser closes.
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_HTTPS_the_login_cookie_is_Secure()
    {
        using var client = gateway.Host.CreateClient("https://localhost");

        using var response = await GatewayHost.LogInAsync(client, "county-leader", DemoUsers.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("; secure", AuthCookie(response).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("housing", "Wrong#Password1")]
    [InlineData("nobody-at-all", "Xichou#2021")]
    public async Task A_wrong_user_name_or_password_shows_one_message_and_sets_no_login_cookie(string userName, string password)
    {
        using var client = gateway.Host.CreateClient();

        using var response = await GatewayHost.LogInAsync(client, userName, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("用户名或密码错误", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SetCookies(response), cookie => cookie.StartsWith("Xichou.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_wrong_passwords_at_the_login_page_lock_the_account()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Education);
        using var client = gateway.Host.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await GatewayHost.LogInAsync(client, userName, $"Wrong#Password{attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var right = await GatewayHost.LogInAsync(client, userName, DemoUsers.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("用户名或密码错误", await right.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/housing/", "/housing/")]
    [InlineData("/monitoring/?page=2", "/monitoring/?page=2")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    public async Task After_login_the_browser_goes_back_only_to_a_page_of_this_site(string returnUrl, string expected)
    {
        using var client = gateway.Host.CreateClient();

        using var response = await GatewayHost.LogInAsync(client, "county-leader", DemoUsers.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("localhost", location.IsAbsoluteUri ? location.Host : "localhost");
        Assert.Equal(expected, location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    [Fact]
    public async Task A_township_user_sees_their_name_role_township_and_only_the_monitoring_tile()
    {
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "township-xingjie", DemoUsers.Password);
        using var request = Page("/");

        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("兴街镇乡镇干部（乡镇干部 · 兴街镇），您好", html, StringComparison.Ordinal);
        Assert.Equal(["monitoring"], Tiles(html));
        Assert.DoesNotContain("admin/users", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_village_monitor_sees_their_village_with_its_township()
    {
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "village-sanguang", DemoUsers.Password);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);

        Assert.Contains("村级监测员 · 兴街镇三光村", html, StringComparison.Ordinal);
        Assert.Equal(["monitoring"], Tiles(html));
    }

    [Fact]
    public async Task The_county_leader_sees_every_department_and_the_housing_office_only_its_own()
    {
        using var leader = gateway.Host.CreateClient();
        using var housing = gateway.Host.CreateClient();
        using var leaderLogin = await GatewayHost.LogInAsync(leader, "county-leader", DemoUsers.Password);
        using var housingLogin = await GatewayHost.LogInAsync(housing, "housing", DemoUsers.Password);

        var leaderPortal = await leader.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);
        var housingPortal = await housing.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);

        Assert.Equal(Xichou.Contracts.ServiceNames.All, Tiles(leaderPortal));
        Assert.Equal(["housing"], Tiles(housingPortal));
        Assert.Contains("县住建局", housingPortal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_sees_no_department_but_the_users_page()
    {
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "admin", DemoUsers.Password);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);

        Assert.Empty(Tiles(html));
        Assert.Contains("href=\"admin/users\"", html, StringComparison.Ordinal);
        Assert.Contains("系统管理员", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_out_takes_an_antiforgery_token_and_ends_the_session()
    {
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "county-leader", DemoUsers.Password);
        var portal = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);
        Assert.Contains("action=\"logout\"", portal, StringComparison.Ordinal);

        using var withoutToken = await client.PostAsync(new Uri("/logout", UriKind.Relative), new FormUrlEncodedContent([]), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = GatewayHost.AntiforgeryToken(portal),
        });
        using var logout = await client.PostAsync(new Uri("/logout", UriKind.Relative), form, Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/login", logout.Headers.Location!.OriginalString);
        Assert.Contains(SetCookies(logout), cookie => cookie.StartsWith("Xichou.Auth=;", StringComparison.Ordinal));

        using var request = Page("/");
        using var after = await client.SendAsync(request, Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_admin_opening_the_users_page_gets_403()
    {
        // The poverty office reads the users page since issue 12; the county leader does not.
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "county-leader", DemoUsers.Password);
        using var request = Page("/admin/users");

        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var forbidden = await client.SendAsync(Page(response.Headers.Location!.PathAndQuery), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("无权访问", await forbidden.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>The services the portal offers a tile for, in page order.</summary>
    private static List<string> Tiles(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "data-service=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];
}
