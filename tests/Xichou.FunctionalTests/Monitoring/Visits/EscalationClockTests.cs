using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Visits;

/// <summary>
/// The covering notice's escalation, run by the service's own background sweep against a clock the test moves:
/// a monitoring service of its own (its own broker and database), so moving time a month on touches no other test.
/// </summary>
public class EscalationClockTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_village_risk_nobody_resolves_moves_to_the_township_when_the_clock_passes_30_days()
    {
        await using var broker = await RabbitMqNode.StartAsync();
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var monitoring = await ServiceHost.StartAsync<MonitoringDbContext>(ServiceNames.Monitoring, broker.ConnectionString, web =>
        {
            web.UseSetting("Monitoring:EscalationSweep", "00:00:00.2");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        using var monitor = monitoring.ClientFor(TestUser.SanguangMonitor);

        using var registered = await monitor.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = TestUser.SanguangVillage, headName = "陶桂芬", headIdNumber = IdNumbers.New(), perCapitaIncome = 5200 }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        using var visit = await monitor.PostAsJsonAsync(new Uri($"/api/households/{household}/visits", UriKind.Relative), new
        {
            kind = "routine", visitedOn = today.ToString("yyyy-MM-dd"), visitors = "陶正荣",
            food = true, clothing = true, compulsorySchooling = true, medicalCare = true, safeHousing = true, safeDrinkingWater = true,
            perCapitaIncome = 5200, expenses = Array.Empty<object>(),
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        var risk = Assert.Single((await visit.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("openedRisks").EnumerateArray());
        var riskId = risk.GetProperty("id").GetGuid();
        Assert.Equal("village", risk.GetProperty("level").GetString());

        // 29 days on, several sweeps later: still the village's.
        clock.Advance(TimeSpan.FromDays(29));
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Equal("Village", await LevelAsync(monitoring, riskId));

        // Past 30 days: the sweep hands it to the township, with a RiskEscalated event in the outbox.
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(async () => await LevelAsync(monitoring, riskId) == "Township", "the sweep to escalate the risk");
        // The risk's first row is the feed's RiskRegistered from the visit; the escalation is the one after it.
        Assert.Equal(1L, await monitoring.OutboxRowsAsync<RiskEscalated>(riskId.ToString()));

        using var township = monitoring.ClientFor(TestUser.XingjieTownship);
        var inbox = await township.GetFromJsonAsync<JsonElement>(new Uri("/api/risks/inbox", UriKind.Relative), Cancellation);
        Assert.True(Assert.Single(inbox.EnumerateArray(), r => r.GetProperty("id").GetGuid() == riskId).GetProperty("escalated").GetBoolean());
    }

    private static async Task<string?> LevelAsync(ServiceHost monitoring, Guid riskId) =>
        (string?)await monitoring.ScalarAsync("SELECT Level FROM Risks WHERE Id = $id", ("$id", riskId.ToString().ToUpperInvariant()));
}
