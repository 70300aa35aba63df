using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Housing;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Agriculture.AgricultureSteps;

namespace Xichou.FunctionalTests.Agriculture;

/// <summary>
/// 措施四's “双绑” and 措施九（二）'s agricultural insurance through agriculture's API, with monitoring's risk register on the real
/// broker: an unbound household and an uninsured key industry each reach the register as a risk exactly once however often
/// the household is surveyed; binding and insuring clear them (FindingCleared through the outbox); a loss claim is an income
/// risk on the register; bad input is a bilingual 400 naming the field and stores nothing.
/// </summary>
public class AgricultureCoverageTests(Platform platform)
{
    private static readonly string[] DividendsAndOrders = ["dividends", "orders"];
    private static readonly string[] Jobs = ["jobs"];
    private static readonly string[] Loans = ["loans"];

    private ServiceHost Agriculture => platform[ServiceNames.Agriculture];

    private static object Survey(params (string Industry, decimal Scale, string Unit)[] industries) => new
    {
        surveyedOn = Today,
        industries = industries.Select(i => new { industry = i.Industry, scale = i.Scale, unit = i.Unit }).ToArray(),
    };

    private static string RuleOf(JsonElement risk) => risk.GetProperty("rule").GetString()!;

    [Fact]
    public async Task An_unbound_household_and_an_uninsured_key_industry_each_reach_the_register_once_however_often_it_is_surveyed()
    {
        var household = await RegisteredAsync(platform, "532623204001", "王正富");

        var surveyed = await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries",
            Survey(("烤烟", 12m, "mu"), ("茶叶", 3m, "mu")), HttpStatusCode.OK);
        await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries",
            Survey(("烤烟", 12m, "mu"), ("茶叶", 3m, "mu")), HttpStatusCode.OK);

        Assert.False(surveyed.GetProperty("bound").GetBoolean());
        Assert.Equal(["烤烟"], surveyed.GetProperty("uninsuredKeyIndustries").EnumerateArray().Select(i => i.GetString()));
        // Two findings published once each, though the household was surveyed twice; tea is not a key industry.
        Assert.Equal(2, await Agriculture.OutboxRowsAsync<RiskIdentified>(household.ToString()));
        var risks = await RegisterFindings.OpenRisksAsync(platform, Agriculture, household);
        Assert.Equal(2, risks.Count);
        var unbound = Assert.Single(risks, r => RuleOf(r) == "agriculture:unbound-linkage");
        var uninsured = Assert.Single(risks, r => RuleOf(r) == "agriculture:uninsured-industry");
        Assert.Contains("双绑", unbound.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("烤烟（12亩）未参加农业保险", uninsured.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var copy = await GetAsync(Agriculture.Client, $"/api/households/{household}");
        Assert.Equal("problem", copy.GetProperty("surveyStatus").GetString());
    }

    [Fact]
    public async Task Binding_and_insuring_clear_the_findings_through_the_outbox_and_a_later_survey_publishes_nothing_new()
    {
        var household = await RegisteredAsync(platform, "532623204002", "陆光荣");
        await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries", Survey(("生猪", 20m, "head")), HttpStatusCode.OK);
        var open = await GetAsync(Agriculture.Client, $"/api/households/{household}/agriculture");
        var unboundId = Assert.Single(open.GetProperty("findings").EnumerateArray(), f => f.GetProperty("category").GetString() == "unbound-linkage")
            .GetProperty("id").GetGuid();
        var uninsuredId = Assert.Single(open.GetProperty("findings").EnumerateArray(), f => f.GetProperty("category").GetString() == "uninsured-industry")
            .GetProperty("id").GetGuid();

        var bound = await PostAsync(Agriculture.Client, $"/api/households/{household}/linkages", new
        {
            partnerName = "西畴县兴农生猪养殖专业合作社", partnerKind = "cooperative", benefits = DividendsAndOrders, boundOn = Today,
        }, HttpStatusCode.OK);

        Assert.True(bound.GetProperty("bound").GetBoolean());
        var cleared = await OutboxEventAsync<FindingCleared>(Agriculture, unboundId.ToString());
        Assert.Equal("unbound-linkage", cleared.GetProperty("category").GetString());
        Assert.Equal(household, cleared.GetProperty("householdId").GetGuid());
        Assert.Equal(0, await Agriculture.OutboxRowsAsync<FindingCleared>(uninsuredId.ToString()));
        Assert.Equal("closed", (await RegisterFindings.ClosedOnTheRegisterAsync(platform, unboundId)).GetProperty("status").GetString());

        var insured = await PostAsync(Agriculture.Client, $"/api/households/{household}/insurance-policies", new
        {
            industry = "生猪", scale = 20m, unit = "head", insurer = "中国人保财险西畴支公司", policyNumber = "PZ2026-0001",
            startsOn = Day(Beijing.Today(TimeProvider.System).AddMonths(-1)), endsOn = Day(Beijing.Today(TimeProvider.System).AddMonths(11)),
        }, HttpStatusCode.OK);

        Assert.Empty(insured.GetProperty("uninsuredKeyIndustries").EnumerateArray());
        Assert.Equal("uninsured-industry", (await OutboxEventAsync<FindingCleared>(Agriculture, uninsuredId.ToString())).GetProperty("category").GetString());
        Assert.All(insured.GetProperty("findings").EnumerateArray(), f => Assert.NotEqual(JsonValueKind.Null, f.GetProperty("clearedAt").ValueKind));
        Assert.Equal("secured", (await GetAsync(Agriculture.Client, $"/api/households/{household}")).GetProperty("surveyStatus").GetString());

        await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries", Survey(("生猪", 25m, "head")), HttpStatusCode.OK);
        Assert.Equal(2, await Agriculture.OutboxRowsAsync<RiskIdentified>(household.ToString()));
        Assert.Equal(2, await Agriculture.OutboxRowsAsync<FindingCleared>(household.ToString()));
        Assert.Equal(0, await Agriculture.CountAsync("SELECT COUNT(*) FROM AgricultureFindings WHERE HouseholdId = $id AND ClearedAt IS NULL", ("$id", Id(household))));
    }

    [Fact]
    public async Task An_industry_run_again_after_its_gap_was_cleared_is_a_new_finding_with_a_new_id()
    {
        var household = await KnownToAgricultureAsync(platform);
        await PostAsync(Agriculture.Client, $"/api/households/{household}/linkages", new
        {
            partnerName = "云南西畴乌骨鸡有限公司", partnerKind = "leading-enterprise", benefits = Jobs, boundOn = Today,
        }, HttpStatusCode.OK);
        await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries", Survey(("乌骨鸡", 200m, "head")), HttpStatusCode.OK);
        await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries", Survey(), HttpStatusCode.OK);

        var again = await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries", Survey(("乌骨鸡", 300m, "head")), HttpStatusCode.OK);

        var findings = again.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count);
        Assert.Single(findings, f => f.GetProperty("clearedAt").ValueKind == JsonValueKind.Null);
        Assert.Equal(2, findings.Select(f => f.GetProperty("id").GetGuid()).Distinct().Count());
        Assert.Equal(2, await Agriculture.OutboxRowsAsync<RiskIdentified>(household.ToString()));
        Assert.Equal(1, await Agriculture.OutboxRowsAsync<FindingCleared>(household.ToString()));
    }

    [Fact]
    public async Task A_loss_claim_is_an_income_risk_on_the_register()
    {
        var household = await RegisteredAsync(platform, "532623204003", "杨天顺");
        var view = await PostAsync(Agriculture.Client, $"/api/households/{household}/insurance-policies", new
        {
            industry = "甘蔗", scale = 8.5m, unit = "mu", insurer = "中华联合财险文山中心支公司",
            startsOn = Day(Beijing.Today(TimeProvider.System).AddMonths(-2)), endsOn = Day(Beijing.Today(TimeProvider.System).AddMonths(10)),
        }, HttpStatusCode.OK);
        var policy = Assert.Single(view.GetProperty("policies").EnumerateArray()).GetProperty("id").GetGuid();

        var claim = await PostAsync(Agriculture.Client, $"/api/insurance-policies/{policy}/claims",
            new { occurredOn = Today, cause = "冰雹", amountYuan = 4200.5m }, HttpStatusCode.Created);

        var risk = Assert.Single(await RegisterFindings.OpenRisksAsync(platform, Agriculture, household));
        Assert.Equal("agriculture:income", RuleOf(risk));
        Assert.Equal(claim.GetProperty("riskId").GetGuid(), risk.GetProperty("sourceId").GetGuid());
        Assert.Equal("medium", risk.GetProperty("severity").GetString());
        Assert.Contains("冰雹损失4200.5元", risk.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_coverage_input_is_400_each_field_named_and_nothing_is_stored()
    {
        var household = await KnownToAgricultureAsync(platform);
        var before = await StoredAsync(Agriculture, household);
        var tomorrow = Day(Beijing.Today(TimeProvider.System).AddDays(1));

        var survey = await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries",
            new { surveyedOn = tomorrow, industries = new[] { new { industry = "咖啡", scale = 0m, unit = "kg" } } }, HttpStatusCode.BadRequest);
        var linkage = await PostAsync(Agriculture.Client, $"/api/households/{household}/linkages",
            new { partnerName = "", partnerKind = "bank", benefits = Loans, boundOn = tomorrow }, HttpStatusCode.BadRequest);
        var insurance = await PostAsync(Agriculture.Client, $"/api/households/{household}/insurance-policies",
            new { industry = "茶叶", scale = 5m, unit = "mu", insurer = "人保", startsOn = Today, endsOn = Day(Beijing.Today(TimeProvider.System).AddDays(-1)) },
            HttpStatusCode.BadRequest);

        Assert.Equal(["industries[0].industry", "industries[0].scale", "industries[0].unit", "surveyedOn"], FieldErrors(survey).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["benefits", "boundOn", "partnerKind", "partnerName"], FieldErrors(linkage).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["endsOn", "industry"], FieldErrors(insurance).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await StoredAsync(Agriculture, household));

        var view = await PostAsync(Agriculture.Client, $"/api/households/{household}/insurance-policies", new
        {
            industry = "蔬菜", scale = 2m, unit = "mu", insurer = "人保", startsOn = Today, endsOn = Day(Beijing.Today(TimeProvider.System).AddYears(1)),
        }, HttpStatusCode.OK);
        var policy = Assert.Single(view.GetProperty("policies").EnumerateArray()).GetProperty("id").GetGuid();
        var stored = await StoredAsync(Agriculture, household);

        var claim = await PostAsync(Agriculture.Client, $"/api/insurance-policies/{policy}/claims",
            new { occurredOn = tomorrow, cause = "", amountYuan = 0m }, HttpStatusCode.BadRequest);

        Assert.Equal(["amountYuan", "cause", "occurredOn"], FieldErrors(claim).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(stored, await StoredAsync(Agriculture, household));
    }

    [Fact]
    public async Task The_ledger_counts_applications_amounts_against_the_cap_and_coverage_by_village_and_exports_xlsx()
    {
        const string village = "532623205003";
        var household = await KnownToAgricultureAsync(platform, village);
        await PaidAsync(Agriculture.Client, household, 1000m);
        await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries", Survey(("蔬菜", 2m, "mu")), HttpStatusCode.OK);

        var ledger = await GetAsync(Agriculture.Client, "/api/ledger");

        var columns = ledger.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
        var line = ledger.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("villageCode").GetString() == village);
        decimal Value(string key) => line.GetProperty("values")[columns.IndexOf(key)].GetDecimal();
        Assert.True(Value("paidYuan") >= 500m);
        Assert.True(Value("approvedYuan") >= Value("paidYuan"));
        Assert.True(Value("unbound") >= 1);
        Assert.True(Value("coverageGaps") >= 1);
        using var export = await Agriculture.Client.GetAsync(new Uri("/api/ledger/export", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
    }
}
