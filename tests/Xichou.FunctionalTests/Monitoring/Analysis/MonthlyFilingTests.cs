using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Monitoring.Analysis;

/// <summary>
/// 每月分析研判 as a duty: each village and township files its month (who, when, what was decided); the county sees who has
/// not and reminds the township, which sees the reminder; a past month's figures stay as they were at its end.
/// </summary>
public class MonthlyFilingTests(Platform platform)
{
    /// <summary>董马乡 (no other test files there) and two of its villages; 鸡街乡王家塘村 for the past month.</summary>
    private const string Dongma = "532623205";
    private const string Tongxinpo = "532623205001";
    private const string Wangjiatang = "532623206004";

    private static readonly TestUser DongmaTownship = new("township-dongma", [Roles.TownshipStaff], Township: Dongma);
    private static readonly TestUser TongxinpoMonitor = new("village-tongxinpo", [Roles.VillageMonitor], Village: Tongxinpo);
    private static readonly TestUser WangjiatangMonitor = new("village-wangjiatang", [Roles.VillageMonitor], Village: Wangjiatang);

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static DateOnly FirstOfThisMonth => new(Today.Year, Today.Month, 1);

    private static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Villages_and_townships_file_once_the_county_sees_who_has_not_and_reminds_the_township_which_sees_it()
    {
        // A past month, so that no other test of this run files it for 董马乡.
        var month = MonthOf(FirstOfThisMonth.AddMonths(-2));
        var county = Monitoring.Client;
        var before = await StatusAsync(county, month);
        Assert.All(Units(before, Dongma), u => Assert.False(u.GetProperty("filed").GetBoolean()));
        Assert.Equal(1 + 7, Units(before, Dongma).Count);

        using var village = Monitoring.ClientFor(TongxinpoMonitor);
        using (var filed = await village.PostAsJsonAsync(Url("/api/analysis/monthly/filings"), new { month, decisions = "本村无新增风险，2户逾期走访已安排" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
            var body = await filed.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal("village", body.GetProperty("level").GetString());
            Assert.Equal(Tongxinpo, body.GetProperty("unitCode").GetString());
            Assert.Equal(TongxinpoMonitor.Name, body.GetProperty("filedBy").GetString());
        }
        using (var again = await village.PostAsJsonAsync(Url("/api/analysis/monthly/filings"), new { month, decisions = "再报一次" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        using var township = Monitoring.ClientFor(DongmaTownship);
        using (var filed = await township.PostAsJsonAsync(Url("/api/analysis/monthly/filings"), new { month, decisions = "乡镇研判：通心坡村1户因病风险上报县级" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        }
        // The county collects; it does not file. The township does not remind.
        using (var countyFiles = await county.PostAsJsonAsync(Url("/api/analysis/monthly/filings"), new { month, decisions = "县级" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, countyFiles.StatusCode);
        }
        using (var townshipReminds = await township.PostAsJsonAsync(Url("/api/analysis/monthly/reminders"), new { month, townshipCode = Dongma }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, townshipReminds.StatusCode);
        }

        var after = Units(await StatusAsync(county, month), Dongma);
        Assert.Equal(2, after.Count(u => u.GetProperty("filed").GetBoolean()));
        var tongxinpo = Assert.Single(after, u => u.GetProperty("code").GetString() == Tongxinpo);
        Assert.Equal("本村无新增风险，2户逾期走访已安排", tongxinpo.GetProperty("filing").GetProperty("decisions").GetString());
        Assert.Contains(after, u => u.GetProperty("code").GetString() == "532623205002" && !u.GetProperty("filed").GetBoolean());

        using (var reminded = await county.PostAsJsonAsync(Url("/api/analysis/monthly/reminders"), new { month, townshipCode = Dongma }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, reminded.StatusCode);
            var body = await reminded.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal(6, body.GetProperty("unfiled").GetInt32());
            var message = body.GetProperty("message").GetString()!;
            Assert.Contains("尚未填报", message, StringComparison.Ordinal);
            Assert.Contains("锅地塘村", message, StringComparison.Ordinal);
            Assert.DoesNotContain("通心坡村", message, StringComparison.Ordinal);
        }

        // The township sees the reminder (API, analysis page and home page); another township does not.
        var reminders = await township.GetFromJsonAsync<JsonElement>(Url($"/api/analysis/monthly/reminders?month={month}"), Cancellation);
        var reminder = Assert.Single(reminders.EnumerateArray());
        Assert.Equal(Dongma, reminder.GetProperty("townshipCode").GetString());
        var xisa = await Monitoring.ClientFor(TestUser.XisaTownship).GetFromJsonAsync<JsonElement>(Url($"/api/analysis/monthly/reminders?month={month}"), Cancellation);
        Assert.DoesNotContain(xisa.EnumerateArray(), r => r.GetProperty("townshipCode").GetString() == Dongma);
        var analysisPage = WebUtility.HtmlDecode(await township.GetStringAsync(Url($"/analysis?month={month}"), Cancellation));
        Assert.Contains("锅地塘村", analysisPage, StringComparison.Ordinal);
        Assert.Contains("尚未填报", analysisPage, StringComparison.Ordinal);
        var home = WebUtility.HtmlDecode(await township.GetStringAsync(Url("/"), Cancellation));
        Assert.Contains($"{month}月分析研判", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filing_without_a_month_or_decisions_is_a_400_naming_both_fields()
    {
        using var village = Monitoring.ClientFor(TongxinpoMonitor);
        using var bad = await village.PostAsJsonAsync(Url("/api/analysis/monthly/filings"), new { month = "2026-13", decisions = " " }, Cancellation);
        using var future = await village.PostAsJsonAsync(Url("/api/analysis/monthly/filings"), new { month = MonthOf(FirstOfThisMonth.AddMonths(1)), decisions = "x" }, Cancellation);
        using var reminder = await Monitoring.Client.PostAsJsonAsync(Url("/api/analysis/monthly/reminders"), new { month = MonthOf(FirstOfThisMonth), townshipCode = "532623999" }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Contains("月份格式应为", errors.GetProperty("month")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("What was decided is required", errors.GetProperty("decisions")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reminder.StatusCode);
        Assert.Contains("townshipCode", await reminder.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_past_months_overdue_and_unvisited_counts_are_not_changed_by_a_visit_recorded_after_it()
    {
        var lastMonth = FirstOfThisMonth.AddMonths(-1);
        // On the register since well before last month, never visited: overdue and unvisited at last month's end.
        var household = Household.Register(Wangjiatang, "杨光荣", IdNumbers.New(), Beijing.StartOf(lastMonth.AddDays(-40)));
        await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            db.Households.Add(household);
            return await db.SaveChangesAsync(Cancellation);
        });
        using var monitor = Monitoring.ClientFor(WangjiatangMonitor);
        var before = await AnalysisAsync(monitor, MonthOf(lastMonth));
        Assert.Contains(before.GetProperty("withoutVisit").EnumerateArray(), h => h.GetProperty("id").GetGuid() == household.Id);

        // Today the monitor records a visit dated inside last month (a late entry).
        using (var visit = await monitor.PostAsJsonAsync(Url($"/api/households/{household.Id}/visits"), new
        {
            kind = "routine",
            visitedOn = lastMonth.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            visitors = "村监测员",
            food = true, clothing = true, compulsorySchooling = true, medicalCare = true, safeHousing = true, safeDrinkingWater = true,
            perCapitaIncome = 9000m,
        }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        }

        // Last month as it stood at its end: still overdue and unvisited. This month knows the visit.
        var after = await AnalysisAsync(monitor, MonthOf(lastMonth));
        Assert.Equal(before.GetProperty("overdueVisits").GetInt32(), after.GetProperty("overdueVisits").GetInt32());
        Assert.Equal(before.GetProperty("householdsWithoutVisit").GetInt32(), after.GetProperty("householdsWithoutVisit").GetInt32());
        Assert.Contains(after.GetProperty("withoutVisit").EnumerateArray(), h => h.GetProperty("id").GetGuid() == household.Id);
        var thisMonth = await AnalysisAsync(monitor, MonthOf(FirstOfThisMonth));
        var listed = thisMonth.GetProperty("withoutVisit").EnumerateArray().Single(h => h.GetProperty("id").GetGuid() == household.Id);
        Assert.Equal(lastMonth.AddDays(20), DateOnly.Parse(listed.GetProperty("lastVisitOn").GetString()!, CultureInfo.InvariantCulture));
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client, string month)
    {
        using var response = await client.GetAsync(Url($"/api/analysis/monthly/filings?month={month}"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    private static List<JsonElement> Units(JsonElement status, string township) =>
        [.. status.GetProperty("units").EnumerateArray().Where(u => u.GetProperty("townshipCode").GetString() == township)];

    private static async Task<JsonElement> AnalysisAsync(HttpClient client, string month)
    {
        using var response = await client.GetAsync(Url($"/api/analysis/monthly?month={month}"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }
}
