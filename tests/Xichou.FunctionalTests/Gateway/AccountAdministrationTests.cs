using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Xichou.Gateway.Identity;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>
/// Disable, enable, unlock, reset a password, change a role and place: admin only, each an audit line, and each ends
/// the account's API tokens and browser sessions at their next request. The poverty office sees users and the audit
/// log but changes nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public class AccountAdministrationTests(GatewayFixture gateway)
{
    private static readonly Uri Echo = new("/monitoring/api/echo", UriKind.Relative);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<HttpClient> AdminAsync() => gateway.ClientWithToken(await gateway.TokenForAsync("admin"));

    private static Uri Account(string userName, string action) => new($"/auth/users/{userName}/{action}", UriKind.Relative);

    private async Task<HttpStatusCode> TokenStatusAsync(string userName, string password = DemoUsers.Password)
    {
        using var client = gateway.Host.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative), new { username = userName, password }, Cancellation);
        return response.StatusCode;
    }

    private async Task<JsonElement> AuditLineAsync(string userName, string change)
    {
        using var admin = await AdminAsync();
        var page = await admin.GetFromJsonAsync<JsonElement>(new Uri("/auth/audit?userName=admin&action=update&limit=500", UriKind.Relative), Cancellation);
        return page.GetProperty("entries").EnumerateArray().Single(line =>
        {
            var details = JsonDocument.Parse(line.GetProperty("details").GetString()!).RootElement;
            return details.GetProperty("userName").GetString() == userName && details.GetProperty("change").GetString() == change;
        });
    }

    [Fact]
    public async Task A_disabled_users_token_stops_at_the_next_request_and_they_cannot_sign_in_until_enabled()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Housing);
        using var user = gateway.ClientWithToken(await gateway.TokenForAsync(userName));
        using (var before = await user.GetAsync(Echo, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        using var admin = await AdminAsync();

        using var disabled = await admin.PostAsync(Account(userName, "disable"), null, Cancellation);
        using var after = await user.GetAsync(Echo, Cancellation);
        var signInWhileDisabled = await TokenStatusAsync(userName);
        using var enabled = await admin.PostAsync(Account(userName, "enable"), null, Cancellation);
        var signInAgain = await TokenStatusAsync(userName);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signInWhileDisabled);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signInAgain);
        var line = await AuditLineAsync(userName, "disable");
        Assert.Equal("admin", line.GetProperty("userName").GetString());
        Assert.Equal("update", line.GetProperty("action").GetString());
        await AuditLineAsync(userName, "enable");
    }

    [Fact]
    public async Task A_browser_session_ends_at_the_next_request_once_the_account_is_disabled()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Housing);
        using var browser = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(browser, userName, DemoUsers.Password);
        using (var before = await browser.GetAsync(Echo, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        using var admin = await AdminAsync();
        using var disabled = await admin.PostAsync(Account(userName, "disable"), null, Cancellation);

        using var after = await browser.GetAsync(Echo, Cancellation);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_reset_password_ends_the_old_token_and_only_the_new_password_signs_in()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Water);
        using var user = gateway.ClientWithToken(await gateway.TokenForAsync(userName));
        using var admin = await AdminAsync();

        using var tooShort = await admin.PostAsJsonAsync(Account(userName, "password"), new { password = "short" }, Cancellation);
        using var reset = await admin.PostAsJsonAsync(Account(userName, "password"), new { password = "New#Password2026" }, Cancellation);
        using var oldToken = await user.GetAsync(Echo, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var errors = (await tooShort.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Contains("密码至少 10 个字符", errors.GetProperty("password")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(userName));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(userName, "New#Password2026"));
        var line = await AuditLineAsync(userName, "password");
        Assert.DoesNotContain("New#Password2026", line.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_role_and_village_end_the_old_token_and_the_next_one_carries_them()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.TownshipStaff, townshipCode: "532623101");
        using var user = gateway.ClientWithToken(await gateway.TokenForAsync(userName));
        using var admin = await AdminAsync();

        using var missingVillage = await admin.PutAsJsonAsync(Account(userName, "role"), new { role = Roles.VillageMonitor }, Cancellation);
        using var changed = await admin.PutAsJsonAsync(Account(userName, "role"), new { role = Roles.VillageMonitor, villageCode = "532623101012" }, Cancellation);
        using var oldToken = await user.GetAsync(Echo, Cancellation);
        var token = new JsonWebToken(await gateway.TokenForAsync(userName));

        Assert.Equal(HttpStatusCode.BadRequest, missingVillage.StatusCode);
        var errors = (await missingVillage.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal(["villageCode"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var summary = await changed.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal([Roles.VillageMonitor], summary.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(Roles.VillageMonitor, token.GetClaim(XichouClaims.Role).Value);
        Assert.Equal("532623101012", token.GetClaim(XichouClaims.Village).Value);
        Assert.False(token.TryGetClaim(XichouClaims.Township, out _));
        var line = await AuditLineAsync(userName, "role");
        Assert.Contains("532623101", line.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_unlocks_a_locked_account_but_not_a_disabled_one()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Education);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(userName, $"Wrong#Password{attempt}"));
        }
        var whileLocked = await TokenStatusAsync(userName);
        using var admin = await AdminAsync();

        using var unlocked = await admin.PostAsync(Account(userName, "unlock"), null, Cancellation);
        var afterUnlock = await TokenStatusAsync(userName);
        using var disabled = await admin.PostAsync(Account(userName, "disable"), null, Cancellation);
        using var unlockDisabled = await admin.PostAsync(Account(userName, "unlock"), null, Cancellation);
        using var unknown = await admin.PostAsync(Account("nobody-" + Guid.NewGuid().ToString("N")[..8], "unlock"), null, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, whileLocked);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterUnlock);
        Assert.Equal(HttpStatusCode.Conflict, unlockDisabled.StatusCode);
        Assert.Contains("账户已停用", (await unlockDisabled.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await AuditLineAsync(userName, "unlock");
    }

    [Fact]
    public async Task The_poverty_office_sees_the_users_and_the_audit_log_but_changes_no_account()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Housing);
        using var office = gateway.ClientWithToken(await gateway.TokenForAsync("poverty-office"));

        using var users = await office.GetAsync(new Uri("/auth/users", UriKind.Relative), Cancellation);
        using var audit = await office.GetAsync(new Uri("/auth/audit", UriKind.Relative), Cancellation);
        using var disable = await office.PostAsync(Account(userName, "disable"), null, Cancellation);
        using var role = await office.PutAsJsonAsync(Account(userName, "role"), new { role = Roles.Admin }, Cancellation);
        using var create = await office.PostAsJsonAsync(new Uri("/auth/users", UriKind.Relative),
            new { userName = "x-" + Guid.NewGuid().ToString("N")[..8], displayName = "x", password = "Valid#Password1", role = Roles.Admin }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains(userName, await users.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, role.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(userName));
    }

    [Fact]
    public async Task The_admin_disables_an_account_from_its_page_and_the_audit_page_shows_it()
    {
        var userName = await gateway.Host.CreateUserAsync(Roles.Insurance);
        using var browser = gateway.Host.CreateClient();
        using var login = await GatewayHost.LogInAsync(browser, "admin", DemoUsers.Password);
        var path = new Uri($"/admin/users/{userName}", UriKind.Relative);
        var html = await browser.GetStringAsync(path, Cancellation);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "account-status",
            ["__RequestVerificationToken"] = GatewayHost.AntiforgeryToken(html),
            ["Status.Enable"] = "false",
        });
        using var posted = await browser.PostAsync(path, form, Cancellation);
        var page = await posted.Content.ReadAsStringAsync(Cancellation);
        var auditPage = await browser.GetStringAsync(new Uri("/admin/audit", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("已停用账户", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"account-status\">已停用", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(userName));
        Assert.Contains($"data-user=\"{userName}\" data-change=\"disable\"", auditPage, StringComparison.Ordinal);
        Assert.Contains("停用账户", auditPage, StringComparison.Ordinal);
    }
}
