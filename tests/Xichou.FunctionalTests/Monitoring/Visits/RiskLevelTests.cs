using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;

namespace Xichou.FunctionalTests.Monitoring.Visits;

/// <summary>
/// A risk belongs to its level (村 → 乡镇 → 县): once reported up, the village can neither write in its measures ledger nor
/// close it with a verification visit; the level that owns it can.
/// </summary>
public class RiskLevelTests(Platform platform)
{
    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Today => Beijing.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object Visit(string kind, decimal income) => new
    {
        kind,
        visitedOn = Today,
        visitors = "李华",
        food = true,
        clothing = true,
        compulsorySchooling = true,
        medicalCare = true,
        safeHousing = true,
        safeDrinkingWater = true,
        perCapitaIncome = income,
        expenses = Array.Empty<object>(),
    };

    /// <summary>A 三光村 household with an income risk the village monitor reported up to 兴街镇 (and, if asked, on to the county).</summary>
    private async Task<(Guid Household, Guid Risk)> RiskReportedUpAsync(bool toCounty)
    {
        var household = await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            var registered = Household.Register(TestUser.SanguangVillage, "王明", IdNumbers.New(), DateTimeOffset.UtcNow);
            registered.Describe(null, 5000m);
            db.Households.Add(registered);
            db.AddIntegrationEvent(registered.ToRegisteredEvent());
            await db.SaveChangesAsync(Cancellation);
            return registered.Id;
        });
        using var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);
        using var visited = await monitor.PostAsJsonAsync(new Uri($"/api/households/{household}/visits", UriKind.Relative), Visit("routine", 5000m), Cancellation);
        Assert.Equal(HttpStatusCode.Created, visited.StatusCode);
        var risk = Assert.Single((await visited.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("openedRisks").EnumerateArray())
            .GetProperty("id").GetGuid();
        using (var up = await monitor.PostAsJsonAsync(new Uri($"/api/risks/{risk}/report-up", UriKind.Relative), new { reason = "村级无力解决" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        }
        if (toCounty)
        {
            using var township = Monitoring.ClientFor(TestUser.XingjieTownship);
            using var up = await township.PostAsJsonAsync(new Uri($"/api/risks/{risk}/report-up", UriKind.Relative), new { reason = "乡镇无力解决" }, Cancellation);
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        }
        return (household, risk);
    }

    private async Task<string?> RiskStatusAsync(Guid risk) =>
        (string?)await Monitoring.ScalarAsync("SELECT Status FROM Risks WHERE Id = $id", ("$id", risk.ToString().ToUpperInvariant()));

    private Task<long> VisitsAsync(Guid household) =>
        Monitoring.CountAsync("SELECT COUNT(*) FROM Visits WHERE HouseholdId = $id", ("$id", household.ToString().ToUpperInvariant()));

    [Fact]
    public async Task A_village_monitor_cannot_add_a_measure_to_a_risk_reported_up_to_the_township_but_the_township_can()
    {
        var (_, risk) = await RiskReportedUpAsync(toCounty: false);
        var measures = new Uri($"/api/risks/{risk}/measures", UriKind.Relative);

        using var village = await Monitoring.ClientFor(TestUser.SanguangMonitor).PostAsJsonAsync(measures, new { text = "村里先垫付" }, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, village.StatusCode);
        Assert.Equal("application/problem+json", village.Content.Headers.ContentType?.MediaType);
        var problem = await village.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains("乡镇", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("township", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.CountAsync("SELECT COUNT(*) FROM RiskMeasures WHERE RiskId = $id", ("$id", risk.ToString().ToUpperInvariant())));
        using var township = await Monitoring.ClientFor(TestUser.XingjieTownship).PostAsJsonAsync(measures, new { text = "镇民政办落实临时救助" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, township.StatusCode);
    }

    [Fact]
    public async Task A_village_monitors_verification_visit_cannot_close_a_risk_at_the_county_but_the_poverty_office_can()
    {
        var (household, risk) = await RiskReportedUpAsync(toCounty: true);
        using var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);
        var visits = await VisitsAsync(household);

        using var refused = await monitor.PostAsJsonAsync(new Uri($"/api/households/{household}/visits", UriKind.Relative),
            Visit("verification", 8000m), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains("县级", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("county", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Open", await RiskStatusAsync(risk));
        Assert.Equal(visits, await VisitsAsync(household));

        // The township is below the county too; the poverty office closes it.
        using var township = await Monitoring.ClientFor(TestUser.XingjieTownship).PostAsJsonAsync(
            new Uri($"/api/households/{household}/visits", UriKind.Relative), Visit("verification", 8000m), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, township.StatusCode);
        using var county = await Monitoring.Client.PostAsJsonAsync(new Uri($"/api/households/{household}/visits", UriKind.Relative),
            Visit("verification", 8000m), Cancellation);
        Assert.Equal(HttpStatusCode.Created, county.StatusCode);
        Assert.Equal("Closed", await RiskStatusAsync(risk));
    }

    [Fact]
    public async Task A_village_monitors_routine_visit_is_still_recorded_when_a_risk_is_above_the_village()
    {
        var (household, risk) = await RiskReportedUpAsync(toCounty: false);

        using var routine = await Monitoring.ClientFor(TestUser.SanguangMonitor).PostAsJsonAsync(
            new Uri($"/api/households/{household}/visits", UriKind.Relative), Visit("routine", 8000m), Cancellation);

        Assert.Equal(HttpStatusCode.Created, routine.StatusCode);
        Assert.Equal("Open", await RiskStatusAsync(risk));
    }
}
