using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Housing;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Housing.HousingSteps;
using static Xichou.FunctionalTests.Insurance.InsuranceSteps;

namespace Xichou.FunctionalTests.Insurance;

/// <summary>
/// 措施八 “100%参加基本医疗保险和大病保险”: a household with a member outside either insurance is one risk on the county's register
/// however many members are recorded without, and enrolling them all publishes FindingCleared for that risk; the year's gaps
/// are listed by village.
/// </summary>
public class InsuranceEnrolmentTests(Platform platform)
{
    private ServiceHost Insurance => platform[ServiceNames.Insurance];

    [Fact]
    public async Task An_enrolment_gap_reaches_the_register_as_one_risk_and_enrolling_everyone_publishes_FindingCleared()
    {
        var (household, head, spouse) = await RegisteredWithSpouseAsync(platform, "532623204001", "熊正芬", "李发明");

        var first = await EnrolAsync(Insurance.Client, head, basic: true, critical: false);
        var second = await EnrolAsync(Insurance.Client, spouse, basic: false, critical: false);

        Assert.Equal("published", first.GetProperty("findingChange").GetString());
        Assert.Equal("none", second.GetProperty("findingChange").GetString());
        var findingId = first.GetProperty("householdFindingId").GetGuid();
        Assert.Equal(findingId, second.GetProperty("householdFindingId").GetGuid());
        var risk = Assert.Single(await RegisterFindings.OpenRisksAsync(platform, Insurance, household));
        Assert.Equal(findingId, risk.GetProperty("sourceId").GetGuid());
        Assert.Equal("medium", risk.GetProperty("severity").GetString());
        Assert.Contains("no-medical-insurance", risk.GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.Contains("未同时参加基本医疗保险和大病保险", risk.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        // One member enrolled is not enough; both are.
        Assert.Equal("none", (await EnrolAsync(Insurance.Client, head, basic: true, critical: true)).GetProperty("findingChange").GetString());
        Assert.Empty(await OutboxEventsAsync<FindingCleared>(Insurance, household.ToString()));
        var cleared = await EnrolAsync(Insurance.Client, spouse, basic: true, critical: true);

        Assert.Equal("cleared", cleared.GetProperty("findingChange").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("householdFindingId").ValueKind);
        var clearance = Assert.Single(await OutboxEventsAsync<FindingCleared>(Insurance, household.ToString()));
        Assert.Equal(findingId, clearance.GetProperty("riskId").GetGuid());
        Assert.Equal("no-medical-insurance", clearance.GetProperty("category").GetString());
        Assert.Equal("insurance", clearance.GetProperty("clearedBy").GetString());
        Assert.Single(await OutboxEventsAsync<RiskIdentified>(Insurance, household.ToString()));
        await Eventually.TrueAsync(async () => await Insurance.OutboxSentAtAsync<FindingCleared>(household.ToString()) is not null,
            "the clearance to be published");
        Assert.Equal("closed", (await RegisterFindings.ClosedOnTheRegisterAsync(platform, findingId)).GetProperty("status").GetString());

        // A gap found again later is a new finding under a new id.
        var again = await EnrolAsync(Insurance.Client, spouse, basic: true, critical: false);
        Assert.Equal("published", again.GetProperty("findingChange").GetString());
        Assert.NotEqual(findingId, again.GetProperty("householdFindingId").GetGuid());
    }

    [Fact]
    public async Task The_years_gaps_are_listed_by_village_not_covered_first_then_not_recorded()
    {
        const string village = "532623205003";
        var (household, head, spouse) = await RegisteredWithSpouseAsync(platform, village, "杨正兰", "陆发财");
        await EnrolAsync(Insurance.Client, head, basic: true, critical: true);
        await EnrolAsync(Insurance.Client, spouse, basic: true, critical: false);

        var report = await Insurance.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/medical-insurance?village={village}&pageSize=200", UriKind.Relative),
            Cancellation);

        Assert.Equal(1m, report.GetProperty("targetShare").GetDecimal());
        var line = report.GetProperty("byVillage").EnumerateArray().Single();
        Assert.Equal(village, line.GetProperty("villageCode").GetString());
        Assert.True(line.GetProperty("covered").GetInt32() >= 1);
        Assert.True(line.GetProperty("notCovered").GetInt32() >= 1);
        var gaps = report.GetProperty("gaps").EnumerateArray().ToList();
        Assert.Contains(gaps, g => g.GetProperty("memberId").GetGuid() == spouse && g.GetProperty("state").GetString() == "notCovered");
        Assert.DoesNotContain(gaps, g => g.GetProperty("memberId").GetGuid() == head);
        Assert.Equal("notCovered", gaps[0].GetProperty("state").GetString());
        Assert.All(gaps, g => Assert.Equal(village, g.GetProperty("villageCode").GetString()));
        Assert.Contains(gaps, g => g.GetProperty("householdId").GetGuid() == household);
    }

    [Fact]
    public async Task A_missing_answer_or_a_year_out_of_range_is_400_and_nothing_is_stored()
    {
        var (household, head, _) = await RegisteredWithSpouseAsync(platform);

        var problem = await SendAsync(Insurance.Client, HttpMethod.Put, $"/api/members/{head}/enrolment",
            new { year = 2019, basicMedical = (bool?)null }, HttpStatusCode.BadRequest);

        Assert.Equal(["basicMedical", "criticalIllness", "year"], FieldErrors(problem).Keys.Order(StringComparer.Ordinal));
        Assert.Equal((0L, 0L, 0L, 0L, 0L), await InsuranceStoredAsync(Insurance, household));
        await EnrolAsync(Insurance.Client, Guid.NewGuid(), basic: true, critical: true, HttpStatusCode.NotFound);
    }
}
