using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Housing;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Education.EducationSteps;
using static Xichou.FunctionalTests.Housing.HousingSteps;

namespace Xichou.FunctionalTests.Education;

/// <summary>
/// 措施六 在读情况排查 through education's API on the real broker, with monitoring: a child of compulsory age found out of school
/// is one education risk on the county's risk register however often it is surveyed so; back in school publishes
/// FindingCleared for that risk; a later dropout is a new finding. Bad input is a bilingual 400 naming the field, nothing stored.
/// </summary>
public class EducationSurveyTests(Platform platform)
{
    private ServiceHost Education => platform[ServiceNames.Education];

    [Fact]
    public async Task A_compulsory_age_child_out_of_school_reaches_the_register_as_one_education_risk_however_often_surveyed()
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101012", "杨正华");

        var first = await SurveyAsync(Education.Client, household.Pupil, "notInSchool", HttpStatusCode.OK, note: "外出打工随父母");
        var again = await SurveyAsync(Education.Client, household.Pupil, "notInSchool", HttpStatusCode.OK, note: "仍未返校");

        Assert.Equal("published", first.GetProperty("finding").GetString());
        var findingId = first.GetProperty("findingId").GetGuid();
        Assert.True(first.GetProperty("student").GetProperty("dropout").GetBoolean());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("finding").ValueKind);
        Assert.Equal(findingId, again.GetProperty("student").GetProperty("dropoutFindingId").GetGuid());
        Assert.Equal(1, await Education.OutboxRowsAsync<RiskIdentified>(household.Id.ToString()));
        var risk = Assert.Single(await RegisterFindings.OpenRisksAsync(platform, Education, household.Id));
        Assert.Equal(findingId, risk.GetProperty("sourceId").GetGuid());
        Assert.Equal("high", risk.GetProperty("severity").GetString());
        var explanation = risk.GetProperty("explanation").GetString()!;
        Assert.Contains("控辍保学", explanation, StringComparison.Ordinal);
        Assert.Contains("12周岁", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("小明", explanation, StringComparison.Ordinal);
        var copy = await Education.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household.Id}", UriKind.Relative), Cancellation);
        Assert.Equal("problem", copy.GetProperty("surveyStatus").GetString());
    }

    [Fact]
    public async Task Back_in_school_publishes_FindingCleared_for_the_dropout_and_a_later_dropout_is_a_new_finding()
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101012", "罗光荣");
        var dropout = await SurveyAsync(Education.Client, household.Pupil, "notInSchool", HttpStatusCode.OK);
        var findingId = dropout.GetProperty("findingId").GetGuid();

        var back = await SurveyAsync(Education.Client, household.Pupil, "juniorSecondary", HttpStatusCode.OK, school: "兴街镇第一中学");

        Assert.Equal("cleared", back.GetProperty("finding").GetString());
        Assert.Equal(findingId, back.GetProperty("findingId").GetGuid());
        Assert.False(back.GetProperty("student").GetProperty("dropout").GetBoolean());
        var cleared = Assert.Single(await OutboxEventsAsync<FindingCleared>(Education, household.Id));
        Assert.Equal(findingId, cleared.GetProperty("riskId").GetGuid());
        Assert.Equal("education", cleared.GetProperty("department").GetString());
        Assert.Equal("dropout", cleared.GetProperty("category").GetString());
        Assert.Contains("兴街镇第一中学", cleared.GetProperty("resolution").GetString(), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await Education.OutboxSentAtAsync<FindingCleared>(household.Id.ToString()) is not null,
            "the broker to confirm FindingCleared");
        Assert.Equal("closed", (await RegisterFindings.ClosedOnTheRegisterAsync(platform, findingId)).GetProperty("status").GetString());
        var copy = await Education.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household.Id}", UriKind.Relative), Cancellation);
        Assert.Equal("secured", copy.GetProperty("surveyStatus").GetString());

        var again = await SurveyAsync(Education.Client, household.Pupil, "notInSchool", HttpStatusCode.OK);

        Assert.Equal("published", again.GetProperty("finding").GetString());
        Assert.NotEqual(findingId, again.GetProperty("findingId").GetGuid());
        Assert.Equal(2, await Education.OutboxRowsAsync<RiskIdentified>(household.Id.ToString()));
    }

    [Fact]
    public async Task A_seventeen_year_old_out_of_school_is_past_compulsory_age_and_no_finding()
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101012", "陈发明");

        var survey = await SurveyAsync(Education.Client, household.SeniorStudent, "notInSchool", HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, survey.GetProperty("finding").ValueKind);
        Assert.False(survey.GetProperty("student").GetProperty("compulsoryAge").GetBoolean());
        Assert.Equal(0, await Education.OutboxRowsAsync<RiskIdentified>(household.Id.ToString()));
    }

    [Fact]
    public async Task A_bad_stage_a_future_date_and_a_missing_school_are_400_each_named_and_nothing_is_stored()
    {
        var household = await RegisteredWithChildrenAsync(platform, "532623101012", "黄德才");
        var before = await EducationStoredAsync(Education, household.Id);
        var tomorrow = Day(Beijing.Today(TimeProvider.System).AddDays(1));

        var problem = await PostAsync(Education.Client, $"/api/students/{household.Pupil}/survey",
            new { surveyedOn = tomorrow, stage = "kindergarten", school = new string('校', 101) }, HttpStatusCode.BadRequest);
        Assert.Equal(["school", "stage", "surveyedOn"], FieldErrors(problem).Keys.Order(StringComparer.Ordinal));

        var noSchool = await PostAsync(Education.Client, $"/api/students/{household.Pupil}/survey",
            new { surveyedOn = Today, stage = "primary" }, HttpStatusCode.BadRequest);
        Assert.Contains("须填写就读学校", FieldErrors(noSchool)["school"][0], StringComparison.Ordinal);

        Assert.Equal(before, await EducationStoredAsync(Education, household.Id));
    }

    [Fact]
    public async Task An_unknown_student_is_a_404_problem()
    {
        using var response = await Education.Client.PostAsJsonAsync(new Uri($"/api/students/{Guid.NewGuid()}/survey", UriKind.Relative),
            new { surveyedOn = Today, stage = "notInSchool" }, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
