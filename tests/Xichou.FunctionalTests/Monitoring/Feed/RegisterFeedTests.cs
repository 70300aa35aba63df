using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Employment;
using Xichou.FunctionalTests.Housing;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.FunctionalTests.Monitoring.Register;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;

namespace Xichou.FunctionalTests.Monitoring.Feed;

/// <summary>
/// The register's feed for the command centre on the real broker, each event raised by the real action through the API and
/// seen by a subscriber of the test's own: a visit and the risk it found, the verification visit that closed it, a cadre's
/// back-dated visit that does not keep the cycle, a pairing, a department's finding registered and cleared, a department's
/// survey with its finer facts (employment, housing), and a household's microcredit.
/// </summary>
public class RegisterFeedTests(Platform platform)
{
    /// <summary>西畴县法斗乡小湾村: no other test writes here.</summary>
    private const string Village = "532623204008";

    private const string Township = "532623204";

    /// <summary>法斗乡老寨村, for housing's survey.</summary>
    private const string HousingVillage = "532623204009";

    /// <summary>莲花塘乡么铺子村, for employment's survey and finding.</summary>
    private const string EmploymentVillage = "532623205006";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly Today => Beijing.Today(TimeProvider.System);

    private ServiceHost Monitoring => platform.Monitoring;

    [Fact]
    public async Task A_visit_publishes_HouseholdVisited_and_its_risk_RiskRegistered_and_the_verification_visit_that_closes_it_RiskClosed_verified()
    {
        await using var feed = await FeedSubscriber.StartAsync(platform);
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 8000m);

        var routine = await RecordVisitAsync(household, Visit("routine", safeHousing: false));

        var risk = Assert.Single(routine.GetProperty("openedRisks").EnumerateArray());
        var riskId = risk.GetProperty("id").GetGuid();
        var visitId = routine.GetProperty("visit").GetProperty("id").GetGuid();
        var registered = await feed.WaitForAsync<RiskRegistered>(r => r.RiskId == riskId, "the visit's risk");
        Assert.Equal((household, Township, "小湾村", Village), (registered.HouseholdId, registered.TownshipCode, registered.Village, registered.VillageCode));
        Assert.Equal(("visit", "basicNeedUnmet", "high", "village"), (registered.Source, registered.Category, registered.Severity, registered.Level));
        Assert.Null(registered.FindingId);
        Assert.Null(registered.Department);
        // The village has the policy period from the day it opened (30 days under the 2021 measures).
        Assert.Equal(Beijing.DateOf(registered.OccurredAt).AddDays(MonitoringPolicy.Xichou2021.EscalationDays), registered.EscalationDueOn);
        var visited = await feed.WaitForAsync<HouseholdVisited>(v => v.VisitId == visitId, "the routine visit");
        Assert.Equal((household, Today, true, 15, Village), (visited.HouseholdId, visited.VisitedOn, visited.KeepsCycle, visited.CycleDays, visited.VillageCode));

        var verification = await RecordVisitAsync(household, Visit("verification"));

        Assert.Equal(riskId, Assert.Single(verification.GetProperty("closedRisks").EnumerateArray()).GetProperty("id").GetGuid());
        var closed = await feed.WaitForAsync<RiskClosed>(r => r.RiskId == riskId, "the verified risk");
        Assert.Equal(("verified", "village", "basicNeedUnmet", household), (closed.How, closed.Level, closed.Category, closed.HouseholdId));
        Assert.False(string.IsNullOrEmpty(closed.ClosedBy));
        var verified = await feed.WaitForAsync<HouseholdVisited>(
            v => v.VisitId == verification.GetProperty("visit").GetProperty("id").GetGuid(), "the verification visit");
        Assert.True(verified.KeepsCycle);
        // Once each, however the save was made: one row per event in the outbox.
        Assert.Equal(1, await Monitoring.OutboxRowsAsync<RiskRegistered>(riskId.ToString()));
        Assert.Equal(1, await Monitoring.OutboxRowsAsync<RiskClosed>(riskId.ToString()));
        Assert.Single(feed.All<RiskRegistered>(r => r.RiskId == riskId));
    }

    [Fact]
    public async Task A_cadres_back_dated_visit_publishes_HouseholdVisited_on_its_own_date_that_does_not_keep_the_cycle()
    {
        await using var feed = await FeedSubscriber.StartAsync(platform);
        var household = await RegisteredDaysAgoAsync(10);
        var day = Today.AddDays(-2);

        var cadre = await RecordVisitAsync(household, Visit("cadre", visitedOn: day));

        var visitId = cadre.GetProperty("visit").GetProperty("id").GetGuid();
        var visited = await feed.WaitForAsync<HouseholdVisited>(v => v.VisitId == visitId, "the cadre's visit");
        Assert.Equal((day, false, 15), (visited.VisitedOn, visited.KeepsCycle, visited.CycleDays));
        Assert.Empty(feed.All<RiskRegistered>(r => r.HouseholdId == household));
    }

    [Fact]
    public async Task Pairing_a_cadre_publishes_CadrePaired_with_the_cadre()
    {
        await using var feed = await FeedSubscriber.StartAsync(platform);
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 8000m);
        var userName = $"cadre-feed-{Guid.NewGuid():N}"[..30];
        var cadre = await SendAsync(Monitoring.Client, "/api/cadres", new { userName, name = "杨正华", workUnit = "县农业农村局", rank = "section" },
            HttpStatusCode.Created);
        var cadreId = cadre.GetProperty("id").GetGuid();

        await SendAsync(Monitoring.Client, $"/api/cadres/{cadreId}/pair", new { householdId = household }, HttpStatusCode.OK);

        var paired = await feed.WaitForAsync<CadrePaired>(p => p.HouseholdId == household, "the pairing");
        Assert.Equal((cadreId, "杨正华", Township, Village), (paired.CadreId, paired.CadreName, paired.TownshipCode, paired.VillageCode));
        Assert.Equal(1, await Monitoring.OutboxRowsAsync<CadrePaired>(household.ToString()));
    }

    [Fact]
    public async Task Employments_finding_is_registered_and_cleared_on_the_feed_and_its_surveys_carry_trained_and_employed()
    {
        await using var feed = await FeedSubscriber.StartAsync(platform);
        var household = await EmploymentSteps.RegisteredWithLabourersAsync(platform, EmploymentVillage);
        var employment = platform[ServiceNames.Employment].Client;

        await EmploymentSteps.NotEmployedAsync(employment, household.Id, household.Head);
        var problem = await EmploymentSteps.NotEmployedAsync(employment, household.Id, household.Spouse);

        var findingId = problem.GetProperty("openFindingId").GetGuid();
        var failing = await feed.WaitForAsync<SurveyRecorded>(s => s.HouseholdId == household.Id && s.Department == ServiceNames.Employment, "the problem");
        Assert.Equal("problem", failing.Status);
        Assert.Equal(new Dictionary<string, bool> { ["employed"] = false, ["trained"] = false }, failing.Measures);
        Assert.Equal(("532623205", "么铺子村"), (failing.TownshipCode, failing.Village));
        var registered = await feed.WaitForAsync<RiskRegistered>(r => r.FindingId == findingId, "the department's finding on the register");
        Assert.Equal(("department", ServiceNames.Employment, "village", household.Id), (registered.Source, registered.Department, registered.Level, registered.HouseholdId));

        // Trained, still nobody employed: the status stays a problem, the finer fact changes and is published.
        await EmploymentSteps.TrainAsync(employment, household.Id, household.Spouse);
        await feed.WaitForAsync<SurveyRecorded>(s => s.HouseholdId == household.Id && s.Status == "problem" && s.Measures.GetValueOrDefault("trained"),
            "the training");

        var secured = await EmploymentSteps.AwayAsync(employment, household.Id, household.Head, EmploymentSteps.Day(Today.AddMonths(-2)));

        Assert.Equal("secured", secured.GetProperty("state").GetString());
        var done = await feed.WaitForAsync<SurveyRecorded>(s => s.HouseholdId == household.Id && s.Status == "secured", "the secured survey");
        Assert.Equal(new Dictionary<string, bool> { ["employed"] = true, ["trained"] = true }, done.Measures);
        var closed = await feed.WaitForAsync<RiskClosed>(r => r.RiskId == registered.RiskId, "the cleared finding");
        Assert.Equal("cleared", closed.How);
    }

    [Fact]
    public async Task Housings_assessment_publishes_SurveyRecorded_with_housing_safe()
    {
        await using var feed = await FeedSubscriber.StartAsync(platform);
        var household = await HousingSteps.RegisteredAsync(platform, HousingVillage, "陆成富");
        var housing = platform[ServiceNames.Housing].Client;

        await HousingSteps.AssessAsync(housing, household, "B", HttpStatusCode.Created);

        var safe = await feed.WaitForAsync<SurveyRecorded>(s => s.HouseholdId == household && s.Department == ServiceNames.Housing, "the safe house");
        Assert.Equal(("secured", "532623204", "老寨村", HousingVillage), (safe.Status, safe.TownshipCode, safe.Village, safe.VillageCode));
        Assert.Equal(new Dictionary<string, bool> { ["housing-safe"] = true }, safe.Measures);

        await HousingSteps.AssessAsync(housing, household, "D", HttpStatusCode.Created);

        var unsafeHouse = await feed.WaitForAsync<SurveyRecorded>(s => s.HouseholdId == household && s.Status == "problem", "the unsafe house");
        Assert.Equal(new Dictionary<string, bool> { ["housing-safe"] = false }, unsafeHouse.Measures);
        Assert.Equal(2, await platform[ServiceNames.Housing].OutboxRowsAsync<SurveyRecorded>(household.ToString()));
    }

    [Fact]
    public async Task A_microcredit_need_is_published_unmet_and_met_once_the_loan_is_disbursed()
    {
        await using var feed = await FeedSubscriber.StartAsync(platform);
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 8000m);

        var loan = (await SendAsync(Monitoring.Client, $"/api/households/{household}/loans", new { purpose = "发展肉牛养殖", amount = 30000m },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var need = await feed.WaitForAsync<SurveyRecorded>(s => s.HouseholdId == household, "the need");
        Assert.Equal((ServiceNames.Monitoring, "problem", Village), (need.Department, need.Status, need.VillageCode));
        Assert.Equal(new Dictionary<string, bool> { ["microcredit"] = false }, need.Measures);

        await SendAsync(Monitoring.Client, $"/api/loans/{loan}/status", new { status = "applied", lender = "credit-union" }, HttpStatusCode.OK);
        await SendAsync(Monitoring.Client, $"/api/loans/{loan}/status", new { status = "approved" }, HttpStatusCode.OK);
        await SendAsync(Monitoring.Client, $"/api/loans/{loan}/status", new { status = "disbursed" }, HttpStatusCode.OK);

        var met = await feed.WaitForAsync<SurveyRecorded>(s => s.HouseholdId == household && s.Status == "secured", "the disbursed loan");
        Assert.Equal(new Dictionary<string, bool> { ["microcredit"] = true }, met.Measures);
        Assert.Equal(2, await Monitoring.OutboxRowsAsync<SurveyRecorded>(household.ToString()));
    }

    private static object Visit(string kind, bool safeHousing = true, DateOnly? visitedOn = null) => new
    {
        kind,
        visitedOn = (visitedOn ?? Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        visitors = "李华、张强",
        food = true,
        clothing = true,
        compulsorySchooling = true,
        medicalCare = true,
        safeHousing,
        safeDrinkingWater = true,
        perCapitaIncome = 8000m,
        expenses = Array.Empty<object>(),
    };

    /// <summary>A household on the register since <paramref name="days"/> days ago (the API registers today), so a visit can be back-dated.</summary>
    private Task<Guid> RegisteredDaysAgoAsync(int days) =>
        Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            var household = Household.Register(Village, "王明", IdNumbers.New(), DateTimeOffset.UtcNow.AddDays(-days));
            household.Describe(null, 8000m);
            db.Households.Add(household);
            db.AddIntegrationEvent(household.ToRegisteredEvent());
            await db.SaveChangesAsync(Cancellation);
            return household.Id;
        });

    private Task<JsonElement> RecordVisitAsync(Guid household, object visit) =>
        SendAsync(Monitoring.Client, $"/api/households/{household}/visits", visit, HttpStatusCode.Created);

    private static async Task<JsonElement> SendAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == expected, $"POST {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
