using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Education.EducationSteps;
using static Xichou.FunctionalTests.Housing.HousingSteps;

namespace Xichou.FunctionalTests.Education;

/// <summary>
/// 措施六's subsidies through education's API on the real broker: the amount by stage from the policy, one grant per student and
/// period (a second is 409 naming the first), HouseholdPaid on the household ledger with the cap and no headroom after, and the
/// bad input the issue names: 400 naming the field, 404 for an unknown student, nothing stored.
/// </summary>
public class EducationSubsidyTests(Platform platform)
{
    private ServiceHost Education => platform[ServiceNames.Education];

    [Fact]
    public async Task A_senior_high_student_is_granted_2000_yuan_and_HouseholdPaid_carries_the_amount_and_the_cap()
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101007", "王家富");

        var grant = await GrantAsync(Education.Client, household.SeniorStudent, CurrentPeriod, HttpStatusCode.Created);

        Assert.Equal(2000m, grant.GetProperty("amountYuan").GetDecimal());
        Assert.Equal("senior-high-and-above", grant.GetProperty("kind").GetString());
        Assert.Equal(CurrentPeriod, grant.GetProperty("period").GetString());
        var paid = Assert.Single(await OutboxEventsAsync<HouseholdPaid>(Education, household.Id));
        Assert.Equal(grant.GetProperty("id").GetGuid(), paid.GetProperty("paymentId").GetGuid());
        Assert.Equal(2000m, paid.GetProperty("amountYuan").GetDecimal());
        Assert.Equal("6", paid.GetProperty("measure").GetString());
        Assert.Equal("education-subsidy", paid.GetProperty("kind").GetString());
        Assert.Equal("高中及以上教育资助", paid.GetProperty("kindName").GetString());
        Assert.Equal("education", paid.GetProperty("department").GetString());
        Assert.Equal(household.SeniorStudent, paid.GetProperty("memberId").GetGuid());
        Assert.Equal(2000m, paid.GetProperty("capYuan").GetDecimal());
        Assert.Equal(0m, paid.GetProperty("headroomAfterYuan").GetDecimal());
        await Eventually.TrueAsync(async () => await Education.OutboxSentAtAsync<HouseholdPaid>(household.Id.ToString()) is not null,
            "the broker to confirm HouseholdPaid");
    }

    [Fact]
    public async Task A_preschool_child_is_granted_500_yuan()
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101007", "李明德");

        var grant = await GrantAsync(Education.Client, household.Preschooler, CurrentPeriod, HttpStatusCode.Created);

        Assert.Equal(500m, grant.GetProperty("amountYuan").GetDecimal());
        Assert.Equal("学前教育资助", grant.GetProperty("kindName").GetString());
        var paid = Assert.Single(await OutboxEventsAsync<HouseholdPaid>(Education, household.Id));
        Assert.Equal(500m, paid.GetProperty("amountYuan").GetDecimal());
    }

    [Fact]
    public async Task A_second_grant_for_the_same_student_and_period_is_409_naming_the_first_and_another_period_is_allowed()
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101007", "赵国强");
        var first = await GrantAsync(Education.Client, household.SeniorStudent, CurrentPeriod, HttpStatusCode.Created);
        var stored = await EducationStoredAsync(Education, household.Id);

        var second = await GrantAsync(Education.Client, household.SeniorStudent, CurrentPeriod, HttpStatusCode.Conflict);

        var detail = second.GetProperty("detail").GetString()!;
        Assert.Contains(Today, detail, StringComparison.Ordinal);
        Assert.Contains("2,000.00元", detail, StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("id").GetGuid().ToString(), detail, StringComparison.Ordinal);
        Assert.Contains(" / ", second.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(stored, await EducationStoredAsync(Education, household.Id));

        var earlier = await GrantAsync(Education.Client, household.SeniorStudent, PreviousPeriod, HttpStatusCode.Created);
        Assert.Equal(2000m, earlier.GetProperty("amountYuan").GetDecimal());
        Assert.Equal(2, (await OutboxEventsAsync<HouseholdPaid>(Education, household.Id)).Count);
        var grants = await Education.Client.GetFromJsonAsync<JsonElement>(
            new Uri($"/api/students/{household.SeniorStudent}/subsidies", UriKind.Relative), Cancellation);
        Assert.Equal([CurrentPeriod, PreviousPeriod], grants.EnumerateArray().Select(g => g.GetProperty("period").GetString()));
    }

    [Fact]
    public async Task A_compulsory_stage_student_is_400_naming_stage_and_nothing_is_stored()
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101007", "周学文");
        var before = await EducationStoredAsync(Education, household.Id);

        var problem = await GrantAsync(Education.Client, household.Pupil, CurrentPeriod, HttpStatusCode.BadRequest);

        var errors = FieldErrors(problem);
        Assert.Equal(["stage"], errors.Keys);
        Assert.Contains("义务教育阶段", errors["stage"][0], StringComparison.Ordinal);
        Assert.Equal(before, await EducationStoredAsync(Education, household.Id));
    }

    [Theory]
    [InlineData("2026/2027")]
    [InlineData("2026-2028")]
    [InlineData("26-27")]
    [InlineData("")]
    public async Task A_period_in_the_wrong_format_is_400_naming_period_and_nothing_is_stored(string period)
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101007", "吴志高");
        var before = await EducationStoredAsync(Education, household.Id);

        var problem = await GrantAsync(Education.Client, household.SeniorStudent, period, HttpStatusCode.BadRequest);

        Assert.Equal(["period"], FieldErrors(problem).Keys);
        Assert.Equal(before, await EducationStoredAsync(Education, household.Id));
    }

    [Fact]
    public async Task A_future_period_is_400_naming_period()
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101007", "郑思远");
        var next = int.Parse(CurrentPeriod[..4], System.Globalization.CultureInfo.InvariantCulture) + 1;

        var problem = await GrantAsync(Education.Client, household.SeniorStudent, $"{next}-{next + 1}", HttpStatusCode.BadRequest);

        Assert.Contains("不能为以后的学年发放补助", FieldErrors(problem)["period"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_student_is_a_404_problem_and_nothing_is_stored()
    {
        var outbox = await Education.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE MessageType = $t", ("$t", typeof(HouseholdPaid).FullName!));
        using var response = await Education.Client.PostAsJsonAsync(new Uri($"/api/students/{Guid.NewGuid()}/subsidies", UriKind.Relative),
            new { period = CurrentPeriod }, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(outbox <= await Education.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE MessageType = $t", ("$t", typeof(HouseholdPaid).FullName!)));
    }

    [Fact]
    public async Task The_policy_serves_each_amount_with_its_source_and_the_period_and_ages_as_platform_defaults()
    {
        var policy = await Education.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/policy", UriKind.Relative), Cancellation);

        Assert.Equal(500m, policy.GetProperty("preschoolSubsidyYuan").GetDecimal());
        Assert.Equal(2000m, policy.GetProperty("seniorHighAndAboveSubsidyYuan").GetDecimal());
        Assert.Equal("school-year", policy.GetProperty("subsidyPeriod").GetString());
        Assert.Equal(6, policy.GetProperty("compulsoryAgeFrom").GetInt32());
        Assert.Equal(15, policy.GetProperty("compulsoryAgeTo").GetInt32());
        var sources = policy.GetProperty("sources");
        Assert.Contains("学前教育每人补助500元", sources.GetProperty("PreschoolSubsidyYuan").GetString(), StringComparison.Ordinal);
        Assert.Contains("高中及以上每人补助2000元", sources.GetProperty("SeniorHighAndAboveSubsidyYuan").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("平台默认", sources.GetProperty("SubsidyPeriod").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("平台默认", sources.GetProperty("CompulsoryAgeFrom").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_counts_the_village_by_stage_with_this_periods_grants_and_exports_xlsx()
    {
        // 兴街镇清河村: no other test of the shared platform registers households there; still, count what this test adds.
        const string village = "532623101006";
        var before = await VillageLineAsync(village);
        var household = await RegisteredWithChildrenAsync(platform, village, "孙立平");
        await SurveyAsync(Education.Client, household.Pupil, "notInSchool", HttpStatusCode.OK);
        await GrantAsync(Education.Client, household.SeniorStudent, CurrentPeriod, HttpStatusCode.Created);
        await GrantAsync(Education.Client, household.Preschooler, CurrentPeriod, HttpStatusCode.Created);

        var after = await VillageLineAsync(village);

        decimal Added(string key) => after[key] - before.GetValueOrDefault(key);
        Assert.Equal(3m, Added("students"));
        Assert.Equal(1m, Added("preschool"));
        Assert.Equal(1m, Added("seniorSecondary"));
        Assert.Equal(1m, Added("notInSchool"));
        Assert.Equal(0m, Added("primary"));
        Assert.Equal(1m, Added("dropouts"));
        Assert.Equal(2m, Added("subsidised"));
        Assert.Equal(2500m, Added("subsidyYuan"));

        using var export = await Education.Client.GetAsync(new Uri("/api/ledger/export", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The village's line of the education ledger by column key (empty when the village has no line yet).</summary>
    private async Task<Dictionary<string, decimal>> VillageLineAsync(string village)
    {
        var ledger = await Education.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/ledger", UriKind.Relative), Cancellation);
        var columns = ledger.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()!).ToList();
        var line = ledger.GetProperty("lines").EnumerateArray()
            .SingleOrDefault(l => !l.GetProperty("isTownship").GetBoolean() && l.GetProperty("villageCode").GetString() == village);
        return line.ValueKind == JsonValueKind.Undefined
            ? []
            : columns.Zip(line.GetProperty("values").EnumerateArray().Select(v => v.GetDecimal())).ToDictionary(p => p.First, p => p.Second);
    }
}
