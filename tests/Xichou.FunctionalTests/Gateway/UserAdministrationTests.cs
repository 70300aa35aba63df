using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Xichou.Gateway.Identity;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary><c>GET/POST /auth/users</c> and the users page: the admin role only, every rule checked, nothing half-created.</summary>
[Collection(GatewayCollection.Name)]
public class UserAdministrationTests(GatewayFixture gateway)
{
    private static readonly Uri Users = new("/auth/users", UriKind.Relative);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<HttpClient> AdminAsync() => gateway.ClientWithToken(await gateway.TokenForAsync("admin"));

    private static string NewName() => $"u-{Guid.NewGuid():N}"[..20];

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("请求数据有误 / One or more validation errors occurred.", problem.GetProperty("title").GetString());
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    [Fact]
    public async Task The_admin_creates_a_township_user_who_then_signs_in_with_that_township()
    {
        using var admin = await AdminAsync();
        var userName = NewName();

        using var created = await admin.PostAsJsonAsync(Users, new
        {
            userName, displayName = "李华", password = "Lihua#2021x", role = Roles.TownshipStaff, townshipCode = "532623200",
        }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(userName, user.GetProperty("userName").GetString());
        Assert.Equal("蚌谷乡", user.GetProperty("townshipName").GetString());
        Assert.Equal([Roles.TownshipStaff], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var token = new JsonWebToken(await gateway.TokenForAsync(userName, "Lihua#2021x"));
        Assert.Equal("532623200", token.GetClaim(XichouClaims.Township).Value);
        Assert.Equal("李华", token.GetClaim(XichouClaims.DisplayName).Value);

        var list = await admin.GetFromJsonAsync<JsonElement>(Users, Cancellation);
        var listed = Assert.Single(list.EnumerateArray(), u => u.GetProperty("userName").GetString() == userName);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("lockedOutUntil").ValueKind);
    }

    [Fact]
    public async Task A_battle_zone_commander_is_given_the_zone_s_townships_and_gets_a_claim_for_each()
    {
        using var admin = await AdminAsync();
        var userName = NewName();

        using var created = await admin.PostAsJsonAsync(Users, new
        {
            userName, displayName = "东片区指挥长", password = "Zone#2021xx", role = Roles.ZoneCommander, townshipCode = "532623101，532623100",
        }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("532623100,532623101", user.GetProperty("townshipCode").GetString());
        Assert.Equal("西洒镇、兴街镇", user.GetProperty("townshipName").GetString());
        var token = new JsonWebToken(await gateway.TokenForAsync(userName, "Zone#2021xx"));
        Assert.Equal(["532623100", "532623101"], token.Claims.Where(c => c.Type == XichouClaims.Township).Select(c => c.Value).Order());

        using var unknown = await admin.PostAsJsonAsync(Users, new
        {
            userName = NewName(), displayName = "测试", password = "Zone#2021xx", role = Roles.ZoneCommander, townshipCode = "532623100,532623999",
        }, Cancellation);
        var errors = await ErrorsAsync(unknown);
        Assert.Contains("532623999", Assert.Single(errors["townshipCode"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_are_400_naming_each_in_Chinese_and_English()
    {
        using var admin = await AdminAsync();

        using var response = await admin.PostAsJsonAsync(Users, new { userName = " ", displayName = "", password = "", role = "" }, Cancellation);

        var errors = await ErrorsAsync(response);
        Assert.Equal(["displayName", "password", "role", "userName"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("用户名不能为空 / User name is required.", Assert.Single(errors["userName"]));
        Assert.Equal("角色不能为空 / Role is required.", Assert.Single(errors["role"]));
    }

    [Theory]
    [InlineData("township-staff", null, null, "townshipCode")]
    [InlineData("township-staff", "532623999", null, "townshipCode")]
    [InlineData("township-staff", "532623101", "532623101012", "villageCode")]
    [InlineData("village-monitor", null, null, "villageCode")]
    [InlineData("village-monitor", null, "532623101999", "villageCode")]
    [InlineData("village-monitor", "532623101", "532623101012", "townshipCode")]
    [InlineData("housing", "532623101", null, "townshipCode")]
    [InlineData("pairing-cadre", null, "532623101012", "villageCode")]
    [InlineData("superuser", null, null, "role")]
    public async Task A_role_without_its_place_or_with_one_it_does_not_have_is_400(string role, string? townshipCode, string? villageCode, string field)
    {
        using var admin = await AdminAsync();

        using var response = await admin.PostAsJsonAsync(Users, new
        {
            userName = NewName(), displayName = "测试", password = "Valid#Password1", role, townshipCode, villageCode,
        }, Cancellation);

        var errors = await ErrorsAsync(response);
        Assert.Equal([field], errors.Keys);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", Assert.Single(errors[field]));
    }

    [Fact]
    public async Task A_weak_password_is_400_with_every_rule_it_breaks()
    {
        using var admin = await AdminAsync();

        using var response = await admin.PostAsJsonAsync(Users, new
        {
            userName = NewName(), displayName = "测试", password = "short", role = Roles.Water,
        }, Cancellation);

        var errors = await ErrorsAsync(response);
        Assert.Equal(["password"], errors.Keys);
        Assert.Contains("密码至少 10 个字符 / Passwords must be at least 10 characters.", errors["password"]);
        Assert.Contains(errors["password"], message => message.StartsWith("密码须包含数字", StringComparison.Ordinal));
        Assert.Contains(errors["password"], message => message.StartsWith("密码须包含大写字母", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_body_is_400_and_a_form_post_is_415()
    {
        using var admin = await AdminAsync();
        using var json = new StringContent("""{"userName": """, Encoding.UTF8, "application/json");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = NewName() });

        using var malformed = await admin.PostAsync(Users, json, Cancellation);
        using var notJson = await admin.PostAsync(Users, form, Cancellation);

        Assert.Equal(["body"], (await ErrorsAsync(malformed)).Keys);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
    }

    [Fact]
    public async Task A_taken_user_name_is_409_whatever_its_case()
    {
        using var admin = await AdminAsync();
        var userName = NewName();
        var user = new { userName, displayName = "测试", password = "Valid#Password1", role = Roles.Water };
        using var first = await admin.PostAsJsonAsync(Users, user, Cancellation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var again = await admin.PostAsJsonAsync(Users, user with { userName = userName.ToUpperInvariant() }, Cancellation);
        using var demoAdmin = await admin.PostAsJsonAsync(Users, user with { userName = "admin" }, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, demoAdmin.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("用户名已存在 / The user name is already taken.", problem.GetProperty("title").GetString());
    }

    // The poverty office may list users since issue 12 (AccountAdministrationTests); it still may not create them.
    [Theory]
    [InlineData("county-leader")]
    [InlineData("township-xingjie")]
    public async Task Anyone_but_the_admin_and_the_poverty_office_is_403_for_listing_and_creating_users(string userName)
    {
        using var client = gateway.ClientWithToken(await gateway.TokenForAsync(userName));

        using var list = await client.GetAsync(Users, Cancellation);
        using var create = await client.PostAsJsonAsync(Users, new
        {
            userName = NewName(), displayName = "测试", password = "Valid#Password1", role = Roles.Admin,
        }, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Without_login_the_users_API_is_401()
    {
        using var client = gateway.Host.CreateClient();

        using var list = await client.GetAsync(Users, Cancellation);
        using var create = await client.PostAsJsonAsync(Users, new { userName = NewName() }, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
    }

    [Fact]
    public async Task The_list_shows_the_demo_users_with_their_places_and_a_locked_out_user()
    {
        var locked = await gateway.Host.CreateUserAsync(Roles.Insurance);
        using (var anonymous = gateway.Host.CreateClient())
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                using var _ = await anonymous.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
                    new { username = locked, password = "Wrong#Password1" }, Cancellation);
            }
        }
        using var admin = await AdminAsync();

        var users = (await admin.GetFromJsonAsync<JsonElement>(Users, Cancellation)).EnumerateArray()
            .ToDictionary(u => u.GetProperty("userName").GetString()!);

        Assert.All(DemoUsers.All, demo => Assert.Contains(demo.UserName!, users.Keys));
        Assert.Equal("龙坪村", users["village-longping"].GetProperty("villageName").GetString());
        Assert.Equal("532623101007", users["village-longping"].GetProperty("villageCode").GetString());
        Assert.Equal("西洒镇", users["township-xisa"].GetProperty("townshipName").GetString());
        Assert.Equal([Roles.PairingCadre], users["pairing-cadre"].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var until = users[locked].GetProperty("lockedOutUntil").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task The_users_page_lists_users_and_creates_one_through_its_form()
    {
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "admin", DemoUsers.Password);
        var page = await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative), Cancellation);
        Assert.Contains("用户管理", page, StringComparison.Ordinal);
        Assert.Contains("data-user=\"village-sanguang\"", page, StringComparison.Ordinal);
        var userName = NewName();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-user",
            ["__RequestVerificationToken"] = GatewayHost.AntiforgeryToken(page),
            ["Input.UserName"] = userName,
            ["Input.DisplayName"] = "王芳",
            ["Input.Password"] = "Wangfang#2021",
            ["Input.Role"] = Roles.VillageMonitor,
            ["Input.TownshipCode"] = "",
            ["Input.VillageCode"] = "532623100002",
        });
        using var created = await client.PostAsync(new Uri("/admin/users", UriKind.Relative), form, Cancellation);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var html = await created.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains($"已创建用户 {userName}", html, StringComparison.Ordinal);
        Assert.Contains($"data-user=\"{userName}\"", html, StringComparison.Ordinal);
        var token = new JsonWebToken(await gateway.TokenForAsync(userName, "Wangfang#2021"));
        Assert.Equal("532623100002", token.GetClaim(XichouClaims.Village).Value);
    }

    [Fact]
    public async Task The_users_page_shows_what_is_wrong_and_creates_nobody()
    {
        using var client = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "admin", DemoUsers.Password);
        var page = await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative), Cancellation);
        var userName = NewName();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-user",
            ["__RequestVerificationToken"] = GatewayHost.AntiforgeryToken(page),
            ["Input.UserName"] = userName,
            ["Input.DisplayName"] = "王芳",
            ["Input.Password"] = "Wangfang#2021",
            ["Input.Role"] = Roles.TownshipStaff,
        });
        using var response = await client.PostAsync(new Uri("/admin/users", UriKind.Relative), form, Cancellation);

        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("乡镇干部须指定乡镇", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-user=\"{userName}\"", html, StringComparison.Ordinal);
    }
}
