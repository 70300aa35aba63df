using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;

namespace Xichou.FunctionalTests.Monitoring.Visits;

/// <summary>
/// Versioned policy through the service's real configuration: a later version (a higher monitoring line) takes effect ten
/// days ago, so a visit before that day is judged by the 2021 measures and one after by the new version, and each visit and
/// risk says which. A monitoring service of its own (its own broker and database), so the extra version touches no other test.
/// </summary>
public class PolicyVersionTests
{
    private const string NewVersion = "功能测试调整版";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly Today => Beijing.Today(TimeProvider.System);

    [Fact]
    public async Task A_visit_before_a_new_versions_effective_date_is_judged_by_the_old_one_and_a_visit_after_it_by_the_new_one()
    {
        var changedOn = Today.AddDays(-10);
        await using var broker = await RabbitMqNode.StartAsync();
        await using var monitoring = await ServiceHost.StartAsync<MonitoringDbContext>(ServiceNames.Monitoring, broker.ConnectionString, web =>
        {
            web.UseSetting("Policy:Monitoring:Versions:0:Version", NewVersion);
            web.UseSetting("Policy:Monitoring:Versions:0:EffectiveFrom", Day(changedOn));
            web.UseSetting("Policy:Monitoring:Versions:0:MonitoringLineYuan", "7000");
            web.UseSetting("Policy:Monitoring:Versions:0:Sources:MonitoringLineYuan", "功能测试：调整后的监测线");
        });
        using var monitor = monitoring.ClientFor(TestUser.SanguangMonitor);
        var household = await monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            var registered = Household.Register(TestUser.SanguangVillage, "陶桂芬", IdNumbers.New(), DateTimeOffset.UtcNow.AddDays(-40));
            registered.Describe(null, 6500m);
            db.Households.Add(registered);
            await db.SaveChangesAsync(Cancellation);
            return registered.Id;
        });

        // The day before the new version: 6,500 yuan is above the 2021 line of 6,000, no risk.
        var before = await RecordAsync(monitor, household, changedOn.AddDays(-1), income: 6500m);
        Assert.Equal("西开组发〔2021〕2号", before.GetProperty("visit").GetProperty("policyVersion").GetString());
        Assert.Empty(before.GetProperty("openedRisks").EnumerateArray());

        // On the day it takes effect: the same income is under the new line of 7,000, and the risk says which version judged it.
        var after = await RecordAsync(monitor, household, changedOn, income: 6500m);
        Assert.Equal(NewVersion, after.GetProperty("visit").GetProperty("policyVersion").GetString());
        var risk = Assert.Single(after.GetProperty("openedRisks").EnumerateArray());
        Assert.Equal(("incomeBelowLine", NewVersion), (risk.GetProperty("category").GetString(), risk.GetProperty("policyVersion").GetString()));
        Assert.Contains("低于监测线 7,000 元", risk.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        var riskId = risk.GetProperty("id").GetGuid();
        var detail = await monitor.GetFromJsonAsync<JsonElement>(new Uri($"/api/risks/{riskId}", UriKind.Relative), Cancellation);
        Assert.Equal(NewVersion, detail.GetProperty("risk").GetProperty("policyVersion").GetString());
        var list = await monitor.GetFromJsonAsync<JsonElement>(new Uri("/api/risks", UriKind.Relative), Cancellation);
        Assert.Equal(NewVersion, Assert.Single(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == riskId)
            .GetProperty("policyVersion").GetString());
        var visits = await monitor.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household}/visits", UriKind.Relative), Cancellation);
        Assert.Equal([NewVersion, "西开组发〔2021〕2号"], visits.EnumerateArray().Select(v => v.GetProperty("policyVersion").GetString()));
        Assert.Equal(NewVersion, await monitoring.ScalarAsync("SELECT PolicyVersion FROM Risks WHERE Id = $id", ("$id", riskId.ToString().ToUpperInvariant())));

        // The risk page shows the version too.
        var page = await monitor.GetStringAsync(new Uri($"/risks/{riskId}", UriKind.Relative), Cancellation);
        Assert.Contains($"判定政策版本：{NewVersion}", page, StringComparison.Ordinal);

        // The policy record: today's version with each number's source, every version with its date, and any day's on request.
        var policy = await monitor.GetFromJsonAsync<JsonElement>(new Uri("/api/policy", UriKind.Relative), Cancellation);
        Assert.Equal((NewVersion, 7000m), (policy.GetProperty("version").GetString(), policy.GetProperty("monitoringLineYuan").GetDecimal()));
        Assert.Equal("功能测试：调整后的监测线", policy.GetProperty("sources").GetProperty("MonitoringLineYuan").GetString());
        Assert.Equal(50000m, policy.GetProperty("maxLoanYuan").GetDecimal());
        Assert.Equal([("西开组发〔2021〕2号", "2021-02-01"), (NewVersion, Day(changedOn))], policy.GetProperty("versions").EnumerateArray()
            .Select(v => (v.GetProperty("version").GetString(), v.GetProperty("effectiveFrom").GetString())));
        var earlier = await monitor.GetFromJsonAsync<JsonElement>(new Uri($"/api/policy?on={Day(changedOn.AddDays(-1))}", UriKind.Relative), Cancellation);
        Assert.Equal(("西开组发〔2021〕2号", 6000m), (earlier.GetProperty("version").GetString(), earlier.GetProperty("monitoringLineYuan").GetDecimal()));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> RecordAsync(HttpClient client, Guid household, DateOnly on, decimal income)
    {
        using var response = await client.PostAsJsonAsync(new Uri($"/api/households/{household}/visits", UriKind.Relative), new
        {
            kind = "routine", visitedOn = Day(on), visitors = "陶正荣",
            food = true, clothing = true, compulsorySchooling = true, medicalCare = true, safeHousing = true, safeDrinkingWater = true,
            perCapitaIncome = income, expenses = Array.Empty<object>(),
        }, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
