using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Application.Households;

namespace Xichou.FunctionalTests.Monitoring.Status;

/// <summary>退出监测: with a reason, never while a risk is open, kept with its date and reason for the 公示.</summary>
public partial class HouseholdStatusTests(Platform platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    private async Task<(Guid Id, string Code)> RegisterAsync()
    {
        using var response = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = TestUser.LongpingVillage, headName = "赵开富", headIdNumber = IdNumbers.New(), perCapitaIncome = 9000 }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("householdCode").GetString()!);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, Guid id, object body) =>
        client.PostAsJsonAsync(new Uri($"/api/households/{id}/status", UriKind.Relative), body, Cancellation);

    [Fact]
    public async Task An_exit_needs_a_reason_and_a_status_it_knows()
    {
        var (id, _) = await RegisterAsync();

        using var response = await ChangeAsync(Monitoring.Client, id, new { status = "riskEliminated", reason = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal(["reason", "status"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_household_with_an_open_risk_cannot_exit()
    {
        var (id, _) = await RegisterAsync();
        using var complaint = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/hotline", UriKind.Relative),
            new { householdId = id, content = "反映该户孩子辍学在家" }, Cancellation);
        Assert.True(complaint.IsSuccessStatusCode, $"hotline: {complaint.StatusCode}");

        using var response = await ChangeAsync(Monitoring.Client, id, new { status = "exited", reason = "外迁" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("未消除的风险", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exit_is_kept_with_its_date_and_reason_audited_and_shown_in_the_villages_notice()
    {
        var (id, code) = await RegisterAsync();
        using var monitor = Monitoring.ClientFor(TestUser.LongpingMonitor);

        using var response = await ChangeAsync(monitor, id, new { status = "exited", reason = "全家迁居县城，不再纳入监测" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Exited", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetString());
        using var again = await ChangeAsync(monitor, id, new { status = "exited", reason = "重复提交" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var notice = await monitor.GetFromJsonAsync<JsonElement>(
            new Uri($"/api/notice?village={TestUser.LongpingVillage}&month={month}", UriKind.Relative), Cancellation);
        var leaving = Assert.Single(notice.GetProperty("leaving").EnumerateArray(), r => r.GetProperty("householdCode").GetString() == code);
        Assert.Equal("全家迁居县城，不再纳入监测", leaving.GetProperty("reason").GetString());

        using var office = Monitoring.ClientFor(TestUser.PovertyOffice);
        var audit = await office.GetFromJsonAsync<JsonElement>(new Uri($"/api/audit?householdId={id}&action=update", UriKind.Relative), Cancellation);
        Assert.Contains("Exited", Assert.Single(audit.GetProperty("entries").EnumerateArray()).GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("county-leader")]
    [InlineData("pairing-cadre")]
    public async Task A_read_only_user_posting_the_pages_form_is_refused_by_the_handler_itself(string role)
    {
        // The household page calls the handler directly when its status form is posted; the page does not render the form
        // for these roles, but a forged post reaches the handler all the same, past the endpoint's policy.
        var (id, _) = await RegisterAsync();
        var user = new TestUser($"{role}-{Guid.NewGuid():N}"[..24], [role]);
        await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Xichou.Monitoring.Infrastructure.MonitoringDbContext>();
            (await db.Households.FindAsync([id], Cancellation))!.PairWith(user.Name);
            return await db.SaveChangesAsync(Cancellation);
        });
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(user.Claims, "test",
            Xichou.ServiceDefaults.Security.XichouClaims.Name, Xichou.ServiceDefaults.Security.XichouClaims.Role));

        // The page's handler, the one a forged form reaches.
        var outcome = await Monitoring.WithScopeAsync(services => services.GetRequiredService<ChangeHouseholdStatusHandler>().HandleAsync(
            new ChangeHouseholdStatus(id, new ChangeStatusRequest("exited", "伪造的退出", null), principal), Cancellation));

        Assert.IsType<StatusOutcome.Forbidden>(outcome);
        Assert.Contains("不能变更", StatusOutcome.Forbidden.Title, StringComparison.Ordinal);
        Assert.Equal("Monitored", await Monitoring.ScalarAsync("SELECT Status FROM Households WHERE Id = $id", ("$id", id.ToString().ToUpperInvariant())));
    }

    [Fact]
    public async Task Another_villages_monitor_cannot_change_the_status()
    {
        var (id, _) = await RegisterAsync();
        using var stranger = Monitoring.ClientFor(TestUser.SanguangMonitor);

        using var response = await ChangeAsync(stranger, id, new { status = "exited", reason = "外迁" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_village_monitor_takes_a_household_off_monitoring_from_its_page()
    {
        var (id, _) = await RegisterAsync();
        using var browser = Monitoring.BrowserFor(TestUser.LongpingMonitor);
        var page = await browser.GetStringAsync(new Uri($"/households/{id}", UriKind.Relative), Cancellation);
        var form = StatusForm().Match(page);
        Assert.True(form.Success, "the household page offers the exit form");
        var fields = HiddenInput().Matches(form.Value).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Equal("exited", fields["StatusInput.Status"]);
        fields["StatusInput.Reason"] = "户主去世，家庭成员并入他户";

        using var posted = await browser.PostAsync(new Uri($"/households/{id}", UriKind.Relative), new FormUrlEncodedContent(fields), Cancellation);

        Assert.True(posted.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"posting the form: {posted.StatusCode}");
        var after = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"/households/{id}", UriKind.Relative), Cancellation));
        Assert.Contains("户主去世，家庭成员并入他户", after, StringComparison.Ordinal);
        Assert.Equal("Exited", await Monitoring.ScalarAsync("SELECT Status FROM Households WHERE Id = $id", ("$id", id.ToString().ToUpperInvariant())));
    }

    [Fact]
    public async Task A_pairing_cadre_records_a_look_back_visit_from_the_page_and_it_stays_a_cadre_visit()
    {
        var (id, _) = await RegisterAsync();
        var cadre = TestUser.Cadre($"cadre-{Guid.NewGuid():N}"[..20]);
        await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Xichou.Monitoring.Infrastructure.MonitoringDbContext>();
            (await db.Households.FindAsync([id], Cancellation))!.PairWith(cadre.Name);
            return await db.SaveChangesAsync(Cancellation);
        });
        using var browser = Monitoring.BrowserFor(cadre);
        var page = await browser.GetStringAsync(new Uri($"/households/{id}/visit", UriKind.Relative), Cancellation);
        Assert.Contains("value=\"cadre\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"routine\"", page, StringComparison.Ordinal);
        var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // The form is forged to say "routine": a cadre still records only a cadre visit.
        fields["Input.Kind"] = "routine";
        fields["Input.VisitedOn"] = today;
        fields["Input.Visitors"] = cadre.Name;
        foreach (var check in new[] { "Food", "Clothing", "CompulsorySchooling", "MedicalCare", "SafeHousing", "SafeDrinkingWater" })
        {
            fields[$"Input.{check}"] = "true";
        }
        fields["Input.PerCapitaIncome"] = "9000";

        using var posted = await browser.PostAsync(new Uri($"/households/{id}/visit", UriKind.Relative), new FormUrlEncodedContent(fields), Cancellation);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("Cadre", await Monitoring.ScalarAsync("SELECT Kind FROM Visits WHERE HouseholdId = $id", ("$id", id.ToString().ToUpperInvariant())));
    }

    [System.Text.RegularExpressions.GeneratedRegex("""<form[^>]*data-testid="status-form"[\s\S]*?</form>""")]
    private static partial System.Text.RegularExpressions.Regex StatusForm();

    [System.Text.RegularExpressions.GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]*)""")]
    private static partial System.Text.RegularExpressions.Regex HiddenInput();
}
