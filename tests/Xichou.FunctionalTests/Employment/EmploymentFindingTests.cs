using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Housing;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Employment.EmploymentSteps;

namespace Xichou.FunctionalTests.Employment;

/// <summary>
/// 措施五 “确保每个家庭均有人就业” and “至少一人参加培训” on the real broker: a household with nobody employed reaches the county's
/// risk register once however often it is judged again, recording work clears the finding (FindingCleared), and a recurrence is
/// a new finding under a new id.
/// </summary>
public class EmploymentFindingTests(Platform platform)
{
    // 锅地塘村 (兴街镇 is the other engineers'): no other test records employment here.
    private const string Village = "532623205002";

    private ServiceHost Employment => platform[ServiceNames.Employment];

    [Fact]
    public async Task A_household_with_nobody_employed_reaches_the_register_once_and_recording_work_clears_the_finding()
    {
        var household = await RegisteredWithLabourersAsync(platform, Village);

        // One labourer recorded: the survey is not complete, so no finding yet.
        var pending = await NotEmployedAsync(Employment.Client, household.Id, household.Head);
        Assert.Equal("pending", pending.GetProperty("state").GetString());
        Assert.Equal(0, await Employment.OutboxRowsAsync<RiskIdentified>(household.Id.ToString()));

        var problem = await NotEmployedAsync(Employment.Client, household.Id, household.Spouse);
        Assert.Equal("problem", problem.GetProperty("state").GetString());
        Assert.True(problem.GetProperty("nobodyEmployed").GetBoolean());
        var findingId = problem.GetProperty("openFindingId").GetGuid();
        // Judged again by a training (still nobody employed) and a second not-employed: the same finding, not a second one.
        var trained = await TrainAsync(Employment.Client, household.Id, household.Spouse);
        Assert.Equal(findingId, trained.GetProperty("openFindingId").GetGuid());
        Assert.False(trained.GetProperty("nobodyTrained").GetBoolean());
        await NotEmployedAsync(Employment.Client, household.Id, household.Head);

        Assert.Equal(1, await Employment.OutboxRowsAsync<RiskIdentified>(household.Id.ToString()));
        var risk = Assert.Single(await RegisterFindings.OpenRisksAsync(platform, Employment, household.Id));
        Assert.Equal(findingId, risk.GetProperty("sourceId").GetGuid());
        Assert.Equal("employment:employment", risk.GetProperty("rule").GetString());
        Assert.Contains("无人就业（劳动力2人，就业0人，应至少1人）", risk.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var findings = await Employment.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/findings", UriKind.Relative), Cancellation);
        Assert.Contains(findings.EnumerateArray(), f => f.GetProperty("householdId").GetGuid() == household.Id);

        var secured = await AwayAsync(Employment.Client, household.Id, household.Head, Day(TodayDate.AddMonths(-2)));

        Assert.Equal("secured", secured.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, secured.GetProperty("openFindingId").ValueKind);
        Assert.Equal(1, await Employment.OutboxRowsAsync<FindingCleared>(household.Id.ToString()));
        Assert.Equal(1, await Employment.OutboxRowsAsync<FindingCleared>(findingId.ToString()));
        // The register closes the risk on the bureau's word, without a village visit.
        Assert.Equal("closed", (await RegisterFindings.ClosedOnTheRegisterAsync(platform, findingId)).GetProperty("status").GetString());
        Assert.Equal(1, await Employment.CountAsync("SELECT COUNT(*) FROM EmploymentFindings WHERE Id = $id AND ClearedAt IS NOT NULL AND Resolution LIKE '已有1人就业%'",
            ("$id", Id(findingId))));
        findings = await Employment.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/findings", UriKind.Relative), Cancellation);
        Assert.DoesNotContain(findings.EnumerateArray(), f => f.GetProperty("householdId").GetGuid() == household.Id);
        var copy = await Employment.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household.Id}", UriKind.Relative), Cancellation);
        Assert.Equal("secured", copy.GetProperty("surveyStatus").GetString());

        // The migrant worker comes home: this month's check finds them no longer employed, and the household fails again,
        // a new finding under a new id that reaches the register once.
        var again = await CheckAsync(Employment.Client, household.Id, household.Head, Month(TodayDate), stillEmployed: false, income: null);

        Assert.Equal("problem", again.GetProperty("state").GetString());
        var recurrence = again.GetProperty("openFindingId").GetGuid();
        Assert.NotEqual(findingId, recurrence);
        Assert.Equal(2, await Employment.OutboxRowsAsync<RiskIdentified>(household.Id.ToString()));
        var risks = await RegisterFindings.OpenRisksAsync(platform, Employment, household.Id);
        Assert.Single(risks, r => r.GetProperty("sourceId").GetGuid() == recurrence);
    }

    [Fact]
    public async Task Someone_employed_but_nobody_trained_is_a_finding_that_a_training_clears()
    {
        var household = await RegisteredWithLabourersAsync(platform, Village);
        await SendAsync(Employment.Client, HttpMethod.Put, $"/api/households/{household.Id}/employment",
            new { memberId = household.Spouse, status = "local", employer = "生态护林员", publicWelfarePost = true, since = Day(TodayDate.AddMonths(-6)), monthlyIncomeYuan = 800m },
            HttpStatusCode.OK);

        var problem = await SendAsync(Employment.Client, HttpMethod.Put, $"/api/households/{household.Id}/employment",
            new { memberId = household.Head, status = "not-seeking", reason = "照顾卧病在床的老人" }, HttpStatusCode.OK);

        Assert.Equal("problem", problem.GetProperty("state").GetString());
        Assert.False(problem.GetProperty("nobodyEmployed").GetBoolean());
        Assert.True(problem.GetProperty("nobodyTrained").GetBoolean());
        var findingId = problem.GetProperty("openFindingId").GetGuid();
        var risk = Assert.Single(await RegisterFindings.OpenRisksAsync(platform, Employment, household.Id));
        Assert.Equal(findingId, risk.GetProperty("sourceId").GetGuid());
        Assert.Contains("无人参加培训", risk.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        var secured = await TrainAsync(Employment.Client, household.Id, household.Head);

        Assert.Equal("secured", secured.GetProperty("state").GetString());
        Assert.Equal(1, await Employment.OutboxRowsAsync<FindingCleared>(findingId.ToString()));
        Assert.Equal(1, await Employment.OutboxRowsAsync<RiskIdentified>(household.Id.ToString()));
        var head = secured.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("memberId").GetGuid() == household.Head);
        Assert.Equal("无就业意愿", head.GetProperty("statusName").GetString());
        Assert.Equal("低压电工证", Assert.Single(head.GetProperty("trainings").EnumerateArray()).GetProperty("certificate").GetString());
    }
}
