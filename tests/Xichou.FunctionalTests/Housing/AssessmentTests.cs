using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Housing.HousingSteps;

namespace Xichou.FunctionalTests.Housing;

/// <summary>
/// 措施三 住房安全鉴定 through housing's API on the real broker: an unsafe grade is a finding on the county's risk register and
/// opens a remediation case; a bad request is a bilingual 400 naming the field and stores nothing; an exited household and
/// a safe grade during an open case are 409; only housing's own staff write.
/// </summary>
public class AssessmentTests(Platform platform)
{
    private ServiceHost Housing => platform[ServiceNames.Housing];

    [Fact]
    public async Task A_grade_D_house_is_recorded_reaches_the_county_risk_register_and_gets_an_open_remediation_case()
    {
        var household = await RegisteredAsync(platform, "532623204001", "陆正学");

        var assessment = await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Created, assessor: "县住建局 王工", note: "墙体严重开裂");

        Assert.Equal("D", assessment.GetProperty("grade").GetString());
        Assert.Equal("整体危房", assessment.GetProperty("gradeName").GetString());
        Assert.True(assessment.GetProperty("unsafe").GetBoolean());
        var remediation = await OpenCaseAsync(Housing.Client, household);
        Assert.Equal(assessment.GetProperty("remediationCaseId").GetGuid(), remediation.GetProperty("id").GetGuid());
        Assert.Equal("D", remediation.GetProperty("openingGrade").GetString());
        Assert.Equal("open", remediation.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, remediation.GetProperty("route").ValueKind);
        var copy = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household}", UriKind.Relative), Cancellation);
        Assert.Equal("problem", copy.GetProperty("surveyStatus").GetString());
        Assert.Contains("D级", copy.GetProperty("surveyNote").GetString(), StringComparison.Ordinal);

        var risk = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var risks = await platform.Monitoring.Client.GetFromJsonAsync<JsonElement>(
                new Uri("/api/risks?category=reported&pageSize=200", UriKind.Relative), Cancellation);
            return risks.GetProperty("items").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(r =>
                r!.Value.GetProperty("householdId").GetGuid() == household
                && r.Value.GetProperty("source").GetString() == "department"
                && r.Value.GetProperty("rule").GetString()!.StartsWith("housing", StringComparison.Ordinal));
        }, "the finding to reach the county's risk register");
        // The finding is the unsafe episode's, so its id is the remediation case's.
        Assert.Equal(assessment.GetProperty("remediationCaseId").GetGuid(), risk!.Value.GetProperty("sourceId").GetGuid());
        Assert.Equal("high", risk.Value.GetProperty("severity").GetString());
        Assert.Equal("village", risk.Value.GetProperty("level").GetString());
        var explanation = risk.Value.GetProperty("explanation").GetString()!;
        Assert.Contains("D级（整体危房）", explanation, StringComparison.Ordinal);
        Assert.Contains(Today, explanation, StringComparison.Ordinal);
        Assert.Contains("县住建局 王工", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grade_outside_A_to_D_is_400_naming_grade_and_stores_nothing()
    {
        var household = await KnownToHousingAsync(platform);
        var before = await StoredAsync(Housing, household);

        var problem = await AssessAsync(Housing.Client, household, "E", HttpStatusCode.BadRequest);

        var errors = FieldErrors(problem);
        Assert.Equal(["grade"], errors.Keys);
        Assert.Contains("鉴定等级只能是A、B、C或D", errors["grade"][0], StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(Housing, household));
        Assert.Equal((0L, 0L, 0L, 0L), before);
    }

    [Fact]
    public async Task A_future_date_a_missing_assessor_and_a_long_note_are_400_each_named_and_nothing_is_stored()
    {
        var household = await KnownToHousingAsync(platform);
        var tomorrow = Day(Beijing.Today(TimeProvider.System).AddDays(1));

        var future = await AssessAsync(Housing.Client, household, "D", HttpStatusCode.BadRequest, assessedOn: tomorrow);
        Assert.Equal(["assessedOn"], FieldErrors(future).Keys);
        Assert.Contains("不能晚于今天", FieldErrors(future)["assessedOn"][0], StringComparison.Ordinal);

        var several = await PostAsync(Housing.Client, $"/api/households/{household}/assessments",
            new { grade = "C", assessedOn = "2026/12/01", assessor = " ", note = new string('裂', 501) }, HttpStatusCode.BadRequest);
        Assert.Equal(["assessedOn", "assessor", "note"], FieldErrors(several).Keys.Order(StringComparer.Ordinal));

        var beforeRegistration = await AssessAsync(Housing.Client, household, "D", HttpStatusCode.BadRequest, assessedOn: "2020-01-01");
        Assert.Contains("不能早于该户纳入监测的日期", FieldErrors(beforeRegistration)["assessedOn"][0], StringComparison.Ordinal);

        Assert.Equal((0L, 0L, 0L, 0L), await StoredAsync(Housing, household));
    }

    [Fact]
    public async Task An_exited_household_gets_no_new_assessment_409_and_nothing_is_stored()
    {
        var household = await KnownToHousingAsync(platform);
        await ExitAsync(platform, household);

        var problem = await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Conflict);

        Assert.Equal("该户已退出监测 / The household has exited monitoring.", problem.GetProperty("title").GetString());
        Assert.Contains(" / ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L, 0L), await StoredAsync(Housing, household));
    }

    [Fact]
    public async Task A_safe_grade_while_the_case_is_open_is_409_asking_for_the_case_to_be_completed()
    {
        var household = await KnownToHousingAsync(platform);
        await AssessAsync(Housing.Client, household, "C", HttpStatusCode.Created);
        var stored = await StoredAsync(Housing, household);

        var problem = await AssessAsync(Housing.Client, household, "B", HttpStatusCode.Conflict);

        Assert.Contains("完成改造", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(stored, await StoredAsync(Housing, household));
        Assert.Equal("open", (await OpenCaseAsync(Housing.Client, household)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_second_unsafe_grade_joins_the_open_case_instead_of_opening_another()
    {
        var household = await KnownToHousingAsync(platform);
        var first = await AssessAsync(Housing.Client, household, "C", HttpStatusCode.Created);

        var second = await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Created);

        Assert.Equal(first.GetProperty("remediationCaseId").GetGuid(), second.GetProperty("remediationCaseId").GetGuid());
        Assert.Equal(1, await Housing.CountAsync("SELECT COUNT(*) FROM RemediationCases WHERE HouseholdId = $id", ("$id", Id(household))));
        var history = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household}/assessments", UriKind.Relative), Cancellation);
        Assert.Equal(["D", "C"], history.EnumerateArray().Select(a => a.GetProperty("grade").GetString()));
    }

    [Fact]
    public async Task A_grade_C_then_a_grade_D_assessment_of_one_house_leave_one_open_housing_risk_on_the_register()
    {
        var household = await RegisteredAsync(platform, "532623204005", "龙光明");
        var first = await AssessAsync(Housing.Client, household, "C", HttpStatusCode.Created);

        var second = await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Created);

        // Both assessments are published, under the open case's id; the register keeps one risk for the house.
        var caseId = first.GetProperty("remediationCaseId").GetGuid();
        Assert.Equal(caseId, second.GetProperty("remediationCaseId").GetGuid());
        Assert.Equal(2, await Housing.OutboxRowsAsync<RiskIdentified>(household.ToString()));
        var risk = Assert.Single(await RegisterFindings.OpenRisksAsync(platform, Housing, household));
        Assert.Equal(caseId, risk.GetProperty("sourceId").GetGuid());
    }

    [Fact]
    public async Task A_safe_house_secures_the_survey_and_opens_no_case_or_finding()
    {
        var household = await KnownToHousingAsync(platform);

        var assessment = await AssessAsync(Housing.Client, household, "B", HttpStatusCode.Created);

        Assert.False(assessment.GetProperty("unsafe").GetBoolean());
        Assert.Equal(JsonValueKind.Null, assessment.GetProperty("remediationCaseId").ValueKind);
        var copy = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household}", UriKind.Relative), Cancellation);
        Assert.Equal("secured", copy.GetProperty("surveyStatus").GetString());
        // One assessment, no case, one audit line; in the outbox no finding, only the survey for the command centre's feed.
        Assert.Equal((1L, 0L, 1L, 1L), await StoredAsync(Housing, household));
        Assert.Equal(1, await Housing.OutboxRowsAsync<SurveyRecorded>(household.ToString()));
    }

    [Fact]
    public async Task Only_housing_staff_record_an_assessment_an_agriculture_user_is_403_and_a_county_leader_reads_only()
    {
        var household = await KnownToHousingAsync(platform);
        using var agriculture = Housing.ClientFor(TestUser.Department(ServiceNames.Agriculture));
        using var leader = Housing.ClientFor(TestUser.CountyLeader);

        await AssessAsync(agriculture, household, "D", HttpStatusCode.Forbidden);
        await AssessAsync(leader, household, "D", HttpStatusCode.Forbidden);
        using var read = await leader.GetAsync(new Uri($"/api/households/{household}/assessments", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal((0L, 0L, 0L, 0L), await StoredAsync(Housing, household));
        using var head = Housing.ClientFor(TestUser.Department("housing-head"));
        await AssessAsync(head, household, "A", HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_household_housing_does_not_know_is_404()
    {
        await AssessAsync(Housing.Client, Guid.NewGuid(), "D", HttpStatusCode.NotFound);
        using var list = await Housing.Client.GetAsync(new Uri($"/api/households/{Guid.NewGuid()}/assessments", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
    }
}
