using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Gateway.Identity;
using Xichou.Gateway.Security;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>
/// The gateway's own audit log (审计日志): every user it creates is a line naming who created it and never the password,
/// searchable by the admin only at <c>GET /auth/audit</c> (as a service's <c>/api/audit</c>) and shown at /admin/audit.
/// </summary>
[Collection(GatewayCollection.Name)]
public class GatewayAuditTests(GatewayFixture gateway)
{
    private static readonly Uri Users = new("/auth/users", UriKind.Relative);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string NewName() => $"a-{Guid.NewGuid():N}"[..20];

    private async Task<HttpClient> AdminAsync() => gateway.ClientWithToken(await gateway.TokenForAsync("admin"));

    /// <summary>The lines <c>GET /auth/audit?{query}</c> answers, and the answer as sent.</summary>
    private static async Task<(JsonElement[] Lines, string Raw)> AuditAsync(HttpClient client, string query = "limit=500")
    {
        using var response = await client.GetAsync(new Uri($"/auth/audit?{query}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync(Cancellation);
        using var page = JsonDocument.Parse(raw);
        return ([.. page.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())], raw);
    }

    /// <summary>The details of a line, which for a created user name that user.</summary>
    private static JsonElement Details(JsonElement line)
    {
        using var details = JsonDocument.Parse(line.GetProperty("details").GetString()!);
        return details.RootElement.Clone();
    }

    private static bool IsAbout(JsonElement line, string userName)
    {
        if (line.GetProperty("details").GetString() is not { } text)
        {
            return false;
        }
        using var details = JsonDocument.Parse(text);
        return details.RootElement.TryGetProperty("userName", out var name)
            && string.Equals(name.GetString(), userName, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Creating_a_user_writes_one_create_line_naming_the_admin_and_the_new_user_and_not_the_password()
    {
        using var admin = await AdminAsync();
        var userName = NewName();
        const string password = "Audit#Secret2021x";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var created = await admin.PostAsJsonAsync(Users, new
        {
            userName, displayName = "赵敏", password, role = Roles.VillageMonitor, villageCode = "532623101012",
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var (lines, raw) = await AuditAsync(admin, "userName=admin&action=create&limit=500");
        var line = Assert.Single(lines, l => IsAbout(l, userName));
        Assert.Equal("admin", line.GetProperty("userName").GetString());
        Assert.Equal(Roles.Admin, line.GetProperty("roles").GetString());
        Assert.Equal("create", line.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("householdId").ValueKind);
        Assert.InRange(line.GetProperty("at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        var details = Details(line);
        Assert.Equal(userName, details.GetProperty("userName").GetString());
        Assert.Equal("赵敏", details.GetProperty("displayName").GetString());
        Assert.Equal([Roles.VillageMonitor], details.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("532623101012", details.GetProperty("villageCode").GetString());
        Assert.Equal(JsonValueKind.Null, details.GetProperty("townshipCode").ValueKind);
        Assert.False(details.TryGetProperty("password", out _));
        Assert.DoesNotContain(password, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(password, (await AuditAsync(admin)).Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_creation_refused_with_400_or_409_writes_nothing()
    {
        using var admin = await AdminAsync();
        var taken = NewName();
        using (var first = await admin.PostAsJsonAsync(Users, new
        {
            userName = taken, displayName = "测试", password = "Valid#Password1", role = Roles.Water,
        }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }
        var (lines, _) = await AuditAsync(admin);
        var newest = lines[0].GetProperty("id").GetInt64();
        var refused = NewName();

        using var weak = await admin.PostAsJsonAsync(Users, new
        {
            userName = refused, displayName = "测试", password = "short", role = Roles.Water,
        }, Cancellation);
        using var placeless = await admin.PostAsJsonAsync(Users, new
        {
            userName = refused, displayName = "测试", password = "Valid#Password1", role = Roles.TownshipStaff,
        }, Cancellation);
        using var duplicate = await admin.PostAsJsonAsync(Users, new
        {
            userName = taken.ToUpperInvariant(), displayName = "测试", password = "Valid#Password1", role = Roles.Water,
        }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, placeless.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var (after, _) = await AuditAsync(admin);
        Assert.Equal(newest, after[0].GetProperty("id").GetInt64());
        Assert.DoesNotContain(after, l => IsAbout(l, refused));
        Assert.Single(after, l => IsAbout(l, taken));
    }

    [Fact]
    public async Task The_demo_users_seeded_at_start_up_are_audited_as_created_by_the_system()
    {
        using var admin = await AdminAsync();

        var (lines, _) = await AuditAsync(admin, "userName=system&action=create&limit=500");

        Assert.All(DemoUsers.All, demo => Assert.Single(lines, l => IsAbout(l, demo.UserName!)));
        Assert.All(lines, l => Assert.Equal("", l.GetProperty("roles").GetString()));
        Assert.Equal([Roles.TownshipStaff], Details(Assert.Single(lines, l => IsAbout(l, "township-xisa")))
            .GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task The_search_filters_by_time_and_action_as_a_service_does()
    {
        using var admin = await AdminAsync();
        var userName = NewName();
        using (var created = await admin.PostAsJsonAsync(Users, new
        {
            userName, displayName = "测试", password = "Valid#Password1", role = Roles.Education,
        }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var past = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var soon = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));

        var (recent, _) = await AuditAsync(admin, $"from={past}&to={soon}&limit=500");
        var (older, _) = await AuditAsync(admin, $"to={past}");
        var (updates, _) = await AuditAsync(admin, "action=update");
        var (one, _) = await AuditAsync(admin, "limit=1");

        Assert.Single(recent, l => IsAbout(l, userName));
        Assert.Empty(older);
        // Account changes (issue 12) are update lines; creating a user is none of them.
        Assert.All(updates, l => Assert.Equal("update", l.GetProperty("action").GetString()));
        Assert.DoesNotContain(updates, l => IsAbout(l, userName));
        Assert.True(IsAbout(Assert.Single(one), userName), "newest first");
    }

    [Fact]
    public async Task A_bad_action_limit_or_time_range_is_a_bilingual_400_naming_each_field()
    {
        using var admin = await AdminAsync();

        using var response = await admin.GetAsync(new Uri("/auth/audit?action=delete&limit=0", UriKind.Relative), Cancellation);
        using var range = await admin.GetAsync(new Uri("/auth/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("请求数据有误 / One or more validation errors occurred.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["action", "limit"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("操作只能是 create、update、reveal、export、refuse、replay / The action is one of create, update, reveal, export, refuse, replay.",
            Assert.Single(errors.GetProperty("action").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        var rangeProblem = await range.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(["from"], rangeProblem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    // The poverty office reads the gateway's audit log since issue 12 (AccountAdministrationTests).
    [Theory]
    [InlineData("county-leader")]
    [InlineData("township-xingjie")]
    [InlineData("village-sanguang")]
    public async Task Anyone_but_the_admin_and_the_poverty_office_is_403_for_the_audit_log(string userName)
    {
        using var client = gateway.ClientWithToken(await gateway.TokenForAsync(userName));

        using var response = await client.GetAsync(new Uri("/auth/audit", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_login_the_audit_log_is_401()
    {
        using var client = gateway.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/auth/audit", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public void The_audit_endpoint_and_page_name_the_admin_only_audit_policy()
    {
        var endpoints = gateway.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        foreach (var path in new[] { "/auth/audit", "/admin/audit" })
        {
            var endpoint = Assert.Single(endpoints, e => "/" + e.RoutePattern.RawText!.TrimStart('/') == path);
            Assert.Contains(endpoint.Metadata.OfType<IAuthorizeData>(), a => a.Policy == GatewayPolicies.ReadAudit);
            Assert.Empty(endpoint.Metadata.OfType<IAllowAnonymous>());
        }
    }

    [Fact]
    public async Task The_audit_page_shows_in_Chinese_who_created_which_user()
    {
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "admin", DemoUsers.Password);
        var portal = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);
        Assert.Contains("href=\"admin/audit\"", portal, StringComparison.Ordinal);
        var users = await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative), Cancellation);
        var userName = NewName();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-user",
            ["__RequestVerificationToken"] = GatewayHost.AntiforgeryToken(users),
            ["Input.UserName"] = userName,
            ["Input.DisplayName"] = "王芳",
            ["Input.Password"] = "Wangfang#2021",
            ["Input.Role"] = Roles.TownshipStaff,
            ["Input.TownshipCode"] = "532623100",
            ["Input.VillageCode"] = "",
        });
        using var created = await client.PostAsync(new Uri("/admin/users", UriKind.Relative), form, Cancellation);
        Assert.Contains($"已创建用户 {userName}", await created.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        var html = await client.GetStringAsync(new Uri("/admin/audit", UriKind.Relative), Cancellation);

        Assert.Contains("审计日志", html, StringComparison.Ordinal);
        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr[^>]*data-user=\"{userName}\"[^>]*>.*?</tr>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success, "the page has a line for the new user");
        Assert.Contains("data-actor=\"admin\"", row.Value, StringComparison.Ordinal);
        Assert.Contains("新建用户", row.Value, StringComparison.Ordinal);
        Assert.Contains("王芳，乡镇干部，西洒镇", row.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Wangfang#2021", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_admin_opening_the_audit_page_gets_403()
    {
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "county-leader", DemoUsers.Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin/audit", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/forbidden", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

/// <summary>The first administrator from configuration is audited too, on a gateway of its own.</summary>
public class InitialAdminAuditTests
{
    [Fact]
    public async Task The_initial_admin_from_configuration_is_audited_as_created_by_the_system_without_its_password()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Auth:InitialAdmin:UserName"] = "root",
            ["Auth:InitialAdmin:Password"] = "First#Admin2021",
        });
        using var anonymous = host.CreateClient();
        using var tokenResponse = await anonymous.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
            new { username = "root", password = "First#Admin2021" }, cancellation);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("access_token").GetString();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var raw = await client.GetStringAsync(new Uri("/auth/audit", UriKind.Relative), cancellation);

        using var page = JsonDocument.Parse(raw);
        var line = Assert.Single(page.RootElement.GetProperty("entries").EnumerateArray());
        Assert.Equal("system", line.GetProperty("userName").GetString());
        Assert.Equal("create", line.GetProperty("action").GetString());
        using var details = JsonDocument.Parse(line.GetProperty("details").GetString()!);
        Assert.Equal("root", details.RootElement.GetProperty("userName").GetString());
        Assert.Equal([Roles.Admin], details.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain("First#Admin2021", raw, StringComparison.Ordinal);
    }
}
