using System.Net;
using System.Text.Json;
using Xichou.FunctionalTests.Housing;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Water;

/// <summary>
/// 饮水安全排查 (措施十) through the water service's API on a real SQLite file and broker: the verdict per indicator, the
/// finding on the county's risk register (one per unsafe episode), the survey, and every refusal storing nothing.
/// </summary>
public class WaterCheckTests(Platform platform)
{
    private ServiceHost Water => platform.Water();

    private static string Checks(Guid id) => $"/api/households/{id}/checks";

    [Fact]
    public async Task A_failing_check_is_201_names_every_failing_indicator_and_reaches_the_registers_risks()
    {
        var (id, _) = await platform.RegisteredAsync("532623201002");

        var check = await Water.Client.PostJsonAsync(Checks(id),
            WaterSteps.Check(litres: 30m, quality: false, failingItem: "菌落总数", piped: false, fetchMinutes: 30, days: 40), HttpStatusCode.Created);

        Assert.False(check.GetProperty("safe").GetBoolean());
        Assert.Equal(["quantity", "quality", "convenience", "supply"], check.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
        var indicators = check.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("indicator").GetString()!);
        Assert.Contains("30 升，低于标准 35 升", indicators["quantity"].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("菌落总数", indicators["quality"].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("往返 30 分钟", indicators["convenience"].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("40 天，超过标准 36 天", indicators["supply"].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("problem", (await Water.Client.GetJsonAsync($"/api/households/{id}")).GetProperty("surveyStatus").GetString());

        var risk = await Eventually.GetValueAsync(async () =>
        {
            var risks = await platform.Monitoring.Client.GetJsonAsync("/api/risks?category=reported&pageSize=200");
            return risks.GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("householdId").GetGuid() == id && r.GetProperty("source").GetString() == "department")
                .Select(r => (JsonElement?)r).FirstOrDefault();
        }, "the finding to reach the register");
        Assert.StartsWith("water", risk.GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.Equal("high", risk.GetProperty("severity").GetString());
        var explanation = risk.GetProperty("explanation").GetString()!;
        foreach (var named in new[] { "水量", "30 升", "35 升", "水质", "菌落总数", "用水方便程度", "30 分钟", "20 分钟", "供水保证率", "40 天", "36 天" })
        {
            Assert.Contains(named, explanation, StringComparison.Ordinal);
        }
        Assert.Equal(check.GetProperty("id").GetGuid(), risk.GetProperty("sourceId").GetGuid());
    }

    [Fact]
    public async Task Two_failing_checks_in_a_row_are_one_water_risk_on_the_register()
    {
        var (id, _) = await platform.RegisteredAsync("532623201006");
        var first = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(litres: 30m), HttpStatusCode.Created);

        var second = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(quality: false, failingItem: "浑浊度"), HttpStatusCode.Created);

        // One unsafe episode: the second failing check reports the first one's finding again.
        var finding = first.GetProperty("id").GetGuid();
        Assert.Equal(finding, first.GetProperty("findingId").GetGuid());
        Assert.Equal(finding, second.GetProperty("findingId").GetGuid());
        Assert.Equal(2, await Water.FindingsAboutAsync(id));
        var risk = Assert.Single(await RegisterFindings.OpenRisksAsync(platform, Water, id));
        Assert.Equal(finding, risk.GetProperty("sourceId").GetGuid());
    }

    [Fact]
    public async Task A_failing_check_after_a_passing_one_opens_a_second_water_risk_on_the_register()
    {
        var (id, _) = await platform.RegisteredAsync("532623201006");
        var first = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(litres: 30m), HttpStatusCode.Created);
        await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(), HttpStatusCode.Created);

        var again = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(days: 40), HttpStatusCode.Created);

        Assert.Equal(again.GetProperty("id").GetGuid(), again.GetProperty("findingId").GetGuid());
        var risks = await RegisterFindings.OpenRisksAsync(platform, Water, id);
        Assert.Equal(new[] { first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid() }.Order(),
            risks.Select(r => r.GetProperty("sourceId").GetGuid()).Order());
    }

    [Fact]
    public async Task A_failing_check_after_the_households_case_was_completed_starts_a_new_finding()
    {
        var (id, _) = await platform.KnownToWaterAsync("532623201006");
        var first = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(litres: 30m), HttpStatusCode.Created);
        var caseId = (await Water.Client.PostJsonAsync("/api/remediations", new { measure = "修建蓄水池", responsiblePerson = "李明", householdIds = new[] { id } },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var during = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(litres: 32m), HttpStatusCode.Created);
        await Water.Client.PostJsonAsync($"/api/remediations/{caseId}/complete", WaterSteps.Check(), HttpStatusCode.OK);

        var after = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(litres: 30m), HttpStatusCode.Created);

        // A failing check while the case is open continues the episode; the completed case ended it.
        Assert.Equal(first.GetProperty("id").GetGuid(), during.GetProperty("findingId").GetGuid());
        Assert.Equal(after.GetProperty("id").GetGuid(), after.GetProperty("findingId").GetGuid());
    }

    [Fact]
    public async Task A_passing_check_publishes_no_finding_and_secures_the_survey_with_an_audit_line()
    {
        var (id, _) = await platform.KnownToWaterAsync();

        var check = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(piped: false, horizontalMetres: 800m, days: 36), HttpStatusCode.Created);

        Assert.True(check.GetProperty("safe").GetBoolean());
        Assert.Empty(check.GetProperty("failing").EnumerateArray());
        Assert.All(check.GetProperty("indicators").EnumerateArray(), i => Assert.True(i.GetProperty("passed").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, check.GetProperty("findingId").ValueKind);
        Assert.Equal("Secured", await Water.SurveyOfAsync(id));
        Assert.Equal(0, await Water.FindingsAboutAsync(id));
        using var office = Water.ClientFor(TestUser.PovertyOffice);
        var audit = await office.GetJsonAsync($"/api/audit?householdId={id}&action=create");
        Assert.Contains(check.GetProperty("id").GetString()!, Assert.Single(audit.GetProperty("entries").EnumerateArray()).GetProperty("details").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_litres_is_400_naming_the_field_in_Chinese_and_English_and_stores_nothing()
    {
        var (id, _) = await platform.KnownToWaterAsync();

        var problem = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(litres: -5m), HttpStatusCode.BadRequest);

        WaterSteps.AssertBilingual(problem, "litresPerPersonPerDay");
        Assert.Contains("不能为负数", problem.GetProperty("errors").GetProperty("litresPerPersonPerDay")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Water.ChecksOfAsync(id));
        Assert.Equal("Pending", await Water.SurveyOfAsync(id));
        Assert.Equal(0, await Water.AuditLinesAsync(id));
        Assert.Equal(0, await Water.FindingsAboutAsync(id));
    }

    public static TheoryData<string, string> Mistakes => new()
    {
        { "future", "checkedOn" },
        { "before-registration", "checkedOn" },
        { "no-failing-item", "failingItem" },
        { "not-piped-no-distance", "fetchMinutes" },
        { "a-year-and-a-day", "daysWithoutSupply" },
        { "absurd-litres", "litresPerPersonPerDay" },
        { "no-quality", "qualityMeetsStandard" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_is_400_naming_its_field_and_stores_nothing(string mistake, string field)
    {
        var (id, _) = await platform.KnownToWaterAsync();
        var body = mistake switch
        {
            "future" => WaterSteps.Check(checkedOn: WaterSteps.DaysAgo(-1)),
            "before-registration" => WaterSteps.Check(checkedOn: "2020-01-01"),
            "no-failing-item" => WaterSteps.Check(quality: false),
            "not-piped-no-distance" => WaterSteps.Check(piped: false),
            "a-year-and-a-day" => WaterSteps.Check(days: 367),
            "absurd-litres" => WaterSteps.Check(litres: 20_000m),
            _ => WaterSteps.Check(),
        };
        if (mistake == "no-quality")
        {
            body["qualityMeetsStandard"] = null;
        }

        var problem = await Water.Client.PostJsonAsync(Checks(id), body, HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        WaterSteps.AssertBilingual(problem, field);
        Assert.Equal(0, await Water.ChecksOfAsync(id));
        Assert.Equal(0, await Water.AuditLinesAsync(id));
    }

    [Fact]
    public async Task A_household_that_exited_monitoring_is_409_and_nothing_is_stored()
    {
        var (id, _) = await platform.KnownToWaterAsync("532623201003");
        await platform.ExitAsync(id, "532623201003");

        var problem = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(litres: 10m), HttpStatusCode.Conflict);

        Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}.* / [A-Z]", problem.GetProperty("title").GetString()!);
        Assert.Contains("退出监测", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Water.ChecksOfAsync(id));
        Assert.Equal(0, await Water.FindingsAboutAsync(id));
        Assert.Equal(0, await Water.AuditLinesAsync(id));
    }

    [Fact]
    public async Task A_household_water_does_not_know_is_404()
    {
        await Water.Client.PostJsonAsync(Checks(Guid.NewGuid()), WaterSteps.Check(), HttpStatusCode.NotFound);
        await Water.Client.GetJsonAsync(Checks(Guid.NewGuid()), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_housing_user_is_403_on_the_check_endpoints_and_a_county_leader_reads_but_cannot_write()
    {
        var (id, _) = await platform.KnownToWaterAsync();
        using var housing = Water.ClientFor(TestUser.Department("housing"));
        using var leader = Water.ClientFor(TestUser.CountyLeader);

        await housing.PostJsonAsync(Checks(id), WaterSteps.Check(), HttpStatusCode.Forbidden);
        await housing.GetJsonAsync(Checks(id), HttpStatusCode.Forbidden);
        await leader.PostJsonAsync(Checks(id), WaterSteps.Check(), HttpStatusCode.Forbidden);
        await leader.GetJsonAsync(Checks(id));
        Assert.Equal(0, await Water.ChecksOfAsync(id));
    }

    [Fact]
    public async Task The_history_lists_checks_newest_day_first_and_a_late_entry_for_an_earlier_day_leaves_the_survey_alone()
    {
        var (id, _) = await platform.KnownToWaterAsync("532623201004", registeredDaysAgo: 10);

        var today = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(), HttpStatusCode.Created);
        var late = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(litres: 12m, checkedOn: WaterSteps.DaysAgo(3)), HttpStatusCode.Created);

        Assert.False(late.GetProperty("safe").GetBoolean());
        var history = (await Water.Client.GetJsonAsync(Checks(id))).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([today.GetProperty("id").GetGuid(), late.GetProperty("id").GetGuid()], history);
        // The household's water is judged by its latest day: the survey stays secured and no finding goes to the register.
        Assert.Equal("Secured", await Water.SurveyOfAsync(id));
        Assert.Equal(0, await Water.FindingsAboutAsync(id));
    }

    [Fact]
    public async Task A_check_before_the_households_registration_is_refused()
    {
        var (id, _) = await platform.KnownToWaterAsync("532623201004", registeredDaysAgo: 2);

        var problem = await Water.Client.PostJsonAsync(Checks(id), WaterSteps.Check(checkedOn: WaterSteps.DaysAgo(5)), HttpStatusCode.BadRequest);

        Assert.Contains("登记日期", problem.GetProperty("errors").GetProperty("checkedOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Water.ChecksOfAsync(id));
    }
}
