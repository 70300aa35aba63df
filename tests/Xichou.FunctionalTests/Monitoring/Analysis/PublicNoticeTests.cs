using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Monitoring.Analysis;

/// <summary>公示: a village's households entering and leaving monitoring in a month, with nothing a public notice may not show.</summary>
public class PublicNoticeTests(Platform platform)
{
    /// <summary>鸡街乡海子村: no other test writes there.</summary>
    private const string Haizi = "532623206007";

    private static readonly TestUser HaiziMonitor = new("village-haizi", [Roles.VillageMonitor], Village: Haizi);

    private const string Phone = "13912345678";

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static string ThisMonth => Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_notice_lists_households_entering_and_leaving_with_no_ID_number_phone_or_health_state()
    {
        using var monitor = Monitoring.ClientFor(HaiziMonitor);
        var (_, enteringId) = await RegisterAsync("杨秀英");
        var (leaving, leavingId) = await RegisterAsync("黄正学");
        // Income under the line opens a risk; a verification visit meeting the exit rule closes it and the household
        // leaves monitoring (风险消除) today, with the reason.
        await VisitAsync(monitor, leaving, "routine", 5000m);
        await VisitAsync(monitor, leaving, "verification", 9000m);

        using var response = await monitor.GetAsync(new Uri($"/api/notice?month={ThisMonth}", UriKind.Relative), Cancellation);
        var json = await response.Content.ReadAsStringAsync(Cancellation);
        var notice = JsonDocument.Parse(json).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Haizi, notice.GetProperty("villageCode").GetString());
        var entered = notice.GetProperty("entering").EnumerateArray().Single(r => r.GetProperty("headName").GetString() == "杨秀英");
        Assert.Equal("第一村民小组", entered.GetProperty("villagerGroup").GetString());
        Assert.Equal("纳入监测", entered.GetProperty("change").GetString());
        var left = notice.GetProperty("leaving").EnumerateArray().Single(r => r.GetProperty("headName").GetString() == "黄正学");
        Assert.Equal("风险消除", left.GetProperty("change").GetString());
        Assert.Contains("监测线", left.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // Exactly the columns a notice may show.
        Assert.Equal(["householdCode", "headName", "villagerGroup", "change", "on", "reason"],
            entered.EnumerateObject().Select(p => p.Name));

        using var page = await monitor.GetAsync(new Uri($"/notice?month={ThisMonth}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("海子村边缘易致贫户监测对象公示", html, StringComparison.Ordinal);
        Assert.Contains("杨秀英", html, StringComparison.Ordinal);
        Assert.Contains("黄正学", html, StringComparison.Ordinal);

        foreach (var body in new[] { json, html })
        {
            foreach (var idNumber in new[] { enteringId, leavingId })
            {
                Assert.DoesNotContain(idNumber, body, StringComparison.Ordinal);
                Assert.DoesNotContain(IdNumber.Mask(idNumber), body, StringComparison.Ordinal);
                Assert.DoesNotContain(idNumber[^4..] + "<", body, StringComparison.Ordinal);
            }
            Assert.DoesNotContain(Phone, body, StringComparison.Ordinal);
            Assert.DoesNotContain(PersonalData.MaskPhone(Phone), body, StringComparison.Ordinal);
            Assert.DoesNotContain("慢性病", body, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("health", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("idNumber", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("phone", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_village_outside_the_jurisdiction_is_not_found_and_a_missing_village_is_a_validation_problem()
    {
        using var monitor = Monitoring.ClientFor(HaiziMonitor);
        using var office = Monitoring.ClientFor(TestUser.PovertyOffice);

        using var other = await monitor.GetAsync(new Uri($"/api/notice?village={TestUser.SanguangVillage}", UriKind.Relative), Cancellation);
        using var missing = await office.GetAsync(new Uri("/api/notice", UriKind.Relative), Cancellation);
        using var county = await office.GetAsync(new Uri($"/api/notice?village={Haizi}", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("请选择村委会", await missing.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, county.StatusCode);
    }

    private static async Task VisitAsync(HttpClient monitor, Guid household, string kind, decimal income)
    {
        using var visit = await monitor.PostAsJsonAsync(new Uri($"/api/households/{household}/visits", UriKind.Relative), new
        {
            kind,
            visitedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            visitors = "村监测员",
            food = true, clothing = true, compulsorySchooling = true, medicalCare = true, safeHousing = true, safeDrinkingWater = true,
            perCapitaIncome = income,
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
    }

    private async Task<(Guid Id, string IdNumber)> RegisterAsync(string head)
    {
        var idNumber = IdNumbers.New();
        using var response = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), new
        {
            villageCode = Haizi,
            headName = head,
            headIdNumber = idNumber,
            villagerGroup = "第一村民小组",
            perCapitaIncome = 5000m,
            members = new[] { new { relation = "head", name = head, idNumber, healthState = "长期慢性病", phone = Phone } },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid(), idNumber);
    }
}
