using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Monitoring.Analysis;

/// <summary>
/// 每月分析研判 over households this test creates in 鸡街乡 villages no other test writes to: what the analysis
/// counts, and that it counts only inside the caller's jurisdiction.
/// </summary>
public class MonthlyAnalysisTests(Platform platform)
{
    /// <summary>鸡街乡中寨村, its monitor, and 那马村 next door (a village of the same township).</summary>
    private const string Zhongzhai = "532623206009";
    private const string Nama = "532623206008";
    private const string Jijie = "532623206";

    private static readonly TestUser ZhongzhaiMonitor = new("village-zhongzhai", [Roles.VillageMonitor], Village: Zhongzhai);
    private static readonly TestUser NamaMonitor = new("village-nama", [Roles.VillageMonitor], Village: Nama);
    private static readonly TestUser JijieTownship = new("township-jijie", [Roles.TownshipStaff], Township: Jijie);

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static string ThisMonth => Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_month_counts_new_closed_and_open_risks_overdue_visits_escalations_and_unvisited_households_of_the_callers_village()
    {
        using var monitor = Monitoring.ClientFor(ZhongzhaiMonitor);
        var before = await AnalysisAsync(monitor, "");

        // A hospital bill of 30,000 yuan opens an expense-spike risk; a verification visit meeting the exit rule closes it.
        var recovered = await RegisterAsync(Zhongzhai, "刘光明", income: 8000m);
        await VisitAsync(monitor, recovered, "routine", foodSecured: true, income: 8000m, illnessBill: 30000m);
        await VisitAsync(monitor, recovered, "verification", foodSecured: true, income: 8000m, illnessBill: null);
        // Food not secured opens a basic-need risk, which the village reports up to the township.
        var hungry = await RegisterAsync(Zhongzhai, "王德芬", income: 8000m);
        await VisitAsync(monitor, hungry, "routine", foodSecured: false, income: 8000m, illnessBill: null);
        var risk = await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            return (await db.Risks.Where(r => r.HouseholdId == hungry).Select(r => r.Id).ToListAsync(Cancellation)).Single();
        });
        using (var reported = await monitor.PostAsJsonAsync(new Uri($"/api/risks/{risk}/report-up", UriKind.Relative),
                   new { reason = "村级无法解决口粮" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        }
        // Registered today and not visited: due, not overdue. Registered 20 days ago and never visited: overdue.
        await RegisterAsync(Zhongzhai, "陈永富", income: 7000m);
        await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            db.Households.Add(Household.Register(Zhongzhai, "赵有财", IdNumbers.New(), DateTimeOffset.UtcNow.AddDays(-20)));
            return await db.SaveChangesAsync(Cancellation);
        });

        var after = await AnalysisAsync(monitor, "");

        Assert.Equal(ThisMonth, after.GetProperty("month").GetString());
        Assert.Equal("鸡街乡中寨村", after.GetProperty("scopeName").GetString());
        Assert.Equal("village", after.GetProperty("level").GetString());
        Assert.Equal(4, Delta("households"));
        Assert.Equal(2, Delta("newRisks"));
        Assert.Equal(1, Delta("closedRisks"));
        Assert.Equal(1, Delta("openRisks"));
        Assert.Equal(1, Delta("overdueVisits"));
        Assert.Equal(1, Delta("escalationsSent"));
        Assert.Equal(0, Delta("escalationsReceived"));
        // The two households with no visit this month: the one registered today and the overdue one.
        Assert.Equal(2, Delta("householdsWithoutVisit"));
        Assert.Contains(after.GetProperty("withoutVisit").EnumerateArray(), h => h.GetProperty("headName").GetString() == "赵有财");
        Assert.Contains(after.GetProperty("openRisksByCategory").EnumerateArray(), r =>
            r.GetProperty("categoryName").GetString() == "两不愁三保障未保障" && r.GetProperty("levelName").GetString() == "乡镇级");

        // The township sees the escalation as received from its village.
        using var township = Monitoring.ClientFor(JijieTownship);
        var byTownship = await AnalysisAsync(township, $"&village={Zhongzhai}");
        Assert.Equal(after.GetProperty("newRisks").GetInt32(), byTownship.GetProperty("newRisks").GetInt32());
        Assert.Equal(after.GetProperty("households").GetInt32(), byTownship.GetProperty("households").GetInt32());
        var townshipWide = await AnalysisAsync(township, "");
        Assert.True(townshipWide.GetProperty("escalationsReceived").GetInt32() >= 1);
        Assert.Equal("township", townshipWide.GetProperty("level").GetString());

        // A neighbouring village's monitor asking for this village gets nothing of it: the filter narrows, never widens.
        using var neighbour = Monitoring.ClientFor(NamaMonitor);
        var outside = await AnalysisAsync(neighbour, $"&village={Zhongzhai}");
        Assert.Equal(0, outside.GetProperty("households").GetInt32());
        Assert.Equal(0, outside.GetProperty("newRisks").GetInt32());
        Assert.Empty(outside.GetProperty("withoutVisit").EnumerateArray());

        // The monitor's home is this cycle's list: the overdue household first and marked, the visited ones last.
        var home = WebUtility.HtmlDecode(await monitor.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation));
        var overdueAt = home.IndexOf("赵有财", StringComparison.Ordinal);
        Assert.InRange(overdueAt, 0, home.IndexOf("陈永富", StringComparison.Ordinal));
        Assert.InRange(home.IndexOf("陈永富", StringComparison.Ordinal), 0, home.IndexOf("刘光明", StringComparison.Ordinal));
        Assert.Matches("逾期 [0-9]+ 天", home[overdueAt..]);
        // The household page shows the risk that was reported up, with the rule's explanation.
        var page = WebUtility.HtmlDecode(await monitor.GetStringAsync(new Uri($"/households/{hungry}", UriKind.Relative), Cancellation));
        Assert.Contains("吃未保障", page, StringComparison.Ordinal);
        Assert.Contains("乡镇级", page, StringComparison.Ordinal);

        int Delta(string field) => after.GetProperty(field).GetInt32() - before.GetProperty(field).GetInt32();
    }

    [Fact]
    public async Task A_pairing_cadres_visit_leaves_the_household_unvisited_and_overdue_in_the_months_analysis()
    {
        using var monitor = Monitoring.ClientFor(ZhongzhaiMonitor);
        var cadre = TestUser.Cadre($"cadre-{Guid.NewGuid():N}"[..20]);
        // Registered 20 days ago and never visited by the monitoring team: overdue this cycle.
        var household = await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            var registered = Household.Register(Zhongzhai, "周国庆", IdNumbers.New(), DateTimeOffset.UtcNow.AddDays(-20));
            registered.PairWith(cadre.Name);
            db.Households.Add(registered);
            await db.SaveChangesAsync(Cancellation);
            return registered.Id;
        });
        var before = await AnalysisAsync(monitor, "");

        // The cadre's 回头看 is recorded (and counted for pairing) but is not the monitoring team's half-monthly visit.
        using var cadreClient = Monitoring.ClientFor(cadre);
        await VisitAsync(cadreClient, household, "cadre", foodSecured: true, income: 8000m, illnessBill: null);
        var after = await AnalysisAsync(monitor, "");

        Assert.Contains(after.GetProperty("withoutVisit").EnumerateArray(), h => h.GetProperty("id").GetGuid() == household);
        Assert.Equal(before.GetProperty("overdueVisits").GetInt32(), after.GetProperty("overdueVisits").GetInt32());
        Assert.Equal(before.GetProperty("householdsWithoutVisit").GetInt32(), after.GetProperty("householdsWithoutVisit").GetInt32());
    }

    [Fact]
    public async Task A_month_that_is_not_yyyy_MM_or_in_the_future_is_a_validation_problem_in_Chinese()
    {
        using var monitor = Monitoring.ClientFor(ZhongzhaiMonitor);
        var next = Today.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        using var bad = await monitor.GetAsync(new Uri("/api/analysis/monthly?month=2026-13", UriKind.Relative), Cancellation);
        using var future = await monitor.GetAsync(new Uri($"/api/analysis/monthly?month={next}", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("月份格式应为", await bad.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("月份不能晚于本月", await future.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_is_an_xlsx_of_the_callers_village_and_is_audited()
    {
        using var monitor = Monitoring.ClientFor(ZhongzhaiMonitor);
        var audited = await Monitoring.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE Action = 'export' AND UserName = $user",
            ("$user", ZhongzhaiMonitor.Name));

        using var response = await monitor.GetAsync(new Uri($"/api/analysis/monthly/export?month={ThisMonth}", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancellation));
        var summary = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true, sheetName: "分析研判").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("鸡街乡中寨村", summary.Single(r => (string)r["指标"] == "范围")["数值"]);
        Assert.Equal(audited + 1, await Monitoring.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE Action = 'export' AND UserName = $user",
            ("$user", ZhongzhaiMonitor.Name)));
    }

    private static async Task<JsonElement> AnalysisAsync(HttpClient client, string filters)
    {
        using var response = await client.GetAsync(new Uri($"/api/analysis/monthly?month={ThisMonth}{filters}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    private async Task<Guid> RegisterAsync(string village, string head, decimal income)
    {
        var idNumber = IdNumbers.New();
        using var response = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), new
        {
            villageCode = village,
            headName = head,
            headIdNumber = idNumber,
            villagerGroup = "第二村民小组",
            perCapitaIncome = income,
            members = new[] { new { relation = "head", name = head, idNumber, healthState = "长期慢性病", phone = "13812345678" } },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
    }

    private static async Task VisitAsync(HttpClient client, Guid household, string kind, bool foodSecured, decimal income, decimal? illnessBill)
    {
        using var response = await client.PostAsJsonAsync(new Uri($"/api/households/{household}/visits", UriKind.Relative), new
        {
            kind,
            visitedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            visitors = "村监测员",
            food = foodSecured,
            clothing = true,
            compulsorySchooling = true,
            medicalCare = true,
            safeHousing = true,
            safeDrinkingWater = true,
            perCapitaIncome = income,
            expenses = illnessBill is { } amount ? new[] { new { cause = "illness", amount } } : [],
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
