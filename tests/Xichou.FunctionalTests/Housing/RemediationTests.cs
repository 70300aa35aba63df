using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Housing.Application;
using Xichou.Housing.Infrastructure;
using Xichou.ServiceDefaults.Security;
using static Xichou.FunctionalTests.Housing.HousingSteps;

namespace Xichou.FunctionalTests.Housing;

/// <summary>
/// 措施三 危房改造: a case opened by an unsafe grade gets a route, one responsible person and a plan, progress, and is
/// completed only by a safe re-assessment, which delivers what was referred to housing for the house to the register in the
/// same transaction.
/// </summary>
public class RemediationTests(Platform platform)
{
    private ServiceHost Housing => platform[ServiceNames.Housing];

    private async Task<(Guid Household, Guid Case)> UnsafeHouseAsync(string grade = "D")
    {
        var household = await KnownToHousingAsync(platform);
        var assessment = await AssessAsync(Housing.Client, household, grade, HttpStatusCode.Created);
        return (household, assessment.GetProperty("remediationCaseId").GetGuid());
    }

    private Task<object?> CaseStatusAsync(Guid caseId) =>
        Housing.ScalarAsync("SELECT Status FROM RemediationCases WHERE Id = $id", ("$id", Id(caseId)));

    [Fact]
    public async Task Completing_a_case_without_a_plan_is_409_and_the_case_stays_open()
    {
        var (household, caseId) = await UnsafeHouseAsync();
        var stored = await StoredAsync(Housing, household);

        var problem = await CompleteAsync(Housing.Client, caseId, "B", HttpStatusCode.Conflict);

        Assert.Equal("尚未制定改造方案 / The case has no plan yet.", problem.GetProperty("title").GetString());
        Assert.Equal("Open", await CaseStatusAsync(caseId));
        Assert.Equal(stored, await StoredAsync(Housing, household));
    }

    [Fact]
    public async Task Completing_at_grade_C_is_400_naming_grade_and_the_case_stays_open()
    {
        var (household, caseId) = await UnsafeHouseAsync();
        await PlanAsync(Housing.Client, caseId);
        var stored = await StoredAsync(Housing, household);

        var problem = await CompleteAsync(Housing.Client, caseId, "C", HttpStatusCode.BadRequest);

        var errors = FieldErrors(problem);
        Assert.Equal(["grade"], errors.Keys);
        Assert.Contains("须复核为A级或B级", errors["grade"][0], StringComparison.Ordinal);
        Assert.Equal("Open", await CaseStatusAsync(caseId));
        Assert.Equal(stored, await StoredAsync(Housing, household));
    }

    [Fact]
    public async Task A_plan_needs_a_known_route_and_one_responsible_person()
    {
        var (_, caseId) = await UnsafeHouseAsync("C");

        var problem = await SendAsync(Housing.Client, HttpMethod.Put, $"/api/remediations/{caseId}/plan",
            new { route = "relocation", responsiblePerson = "", plan = "异地搬迁" }, HttpStatusCode.BadRequest);

        Assert.Equal(["responsiblePerson", "route"], FieldErrors(problem).Keys.Order(StringComparer.Ordinal));
        Assert.Null(await Housing.ScalarAsync("SELECT Route FROM RemediationCases WHERE Id = $id", ("$id", Id(caseId))));
    }

    [Fact]
    public async Task A_case_planned_followed_and_completed_at_grade_B_is_safe_and_delivers_the_referral_to_housing_on_the_register()
    {
        var household = await RegisteredAsync(platform, "532623204002", "罗明富");
        var referral = (await PostAsync(platform.Monitoring.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "走访发现房屋漏雨、墙体开裂，请住建局鉴定改造" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => (await Housing.Client.GetAsync(new Uri($"/api/referrals/{referral}", UriKind.Relative), Cancellation))
            .StatusCode == HttpStatusCode.OK, "housing to receive the referral");
        await PostAsync(Housing.Client, $"/api/referrals/{referral}/accept", new { }, HttpStatusCode.OK);
        var caseId = (await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Created)).GetProperty("remediationCaseId").GetGuid();

        var planned = await PlanAsync(Housing.Client, caseId);
        Assert.Equal("pairing-unit-help", planned.GetProperty("route").GetString());
        Assert.Equal("挂包帮单位帮建", planned.GetProperty("routeName").GetString());
        Assert.Equal("李建国", planned.GetProperty("responsiblePerson").GetString());
        var followed = await PostAsync(Housing.Client, $"/api/remediations/{caseId}/progress", new { on = Today, text = "旧房已拆除，地基开挖" }, HttpStatusCode.OK);
        Assert.Equal("旧房已拆除，地基开挖", Assert.Single(followed.GetProperty("progress").EnumerateArray()).GetProperty("text").GetString());

        var completion = await CompleteAsync(Housing.Client, caseId, "B", HttpStatusCode.OK);

        var completed = completion.GetProperty("case");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal("B", completed.GetProperty("finalGrade").GetString());
        Assert.Equal(completion.GetProperty("reAssessment").GetProperty("id").GetGuid(), completed.GetProperty("completingAssessmentId").GetGuid());
        var delivered = Assert.Single(completion.GetProperty("deliveredReferrals").EnumerateArray());
        Assert.Equal(referral, delivered.GetProperty("id").GetGuid());
        var copy = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household}", UriKind.Relative), Cancellation);
        Assert.Equal("secured", copy.GetProperty("surveyStatus").GetString());
        var open = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/remediations?status=open&householdId={household}", UriKind.Relative), Cancellation);
        Assert.Equal(0, open.GetProperty("total").GetInt32());

        var onTheRegister = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var view = await platform.Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/referrals/{referral}", UriKind.Relative), Cancellation);
            return view.GetProperty("status").GetString() == "delivered" ? view : null;
        }, "the register to see the referral delivered");
        Assert.Equal($"住房改造完成，复核为B级（{Today}，鉴定人县住建局 赵工）", onTheRegister!.Value.GetProperty("outcome").GetString());

        var again = await CompleteAsync(Housing.Client, caseId, "A", HttpStatusCode.Conflict);
        Assert.Equal("改造已完成 / The remediation case is completed.", again.GetProperty("title").GetString());
        var progressAfter = await PostAsync(Housing.Client, $"/api/remediations/{caseId}/progress", new { on = Today, text = "补记" }, HttpStatusCode.Conflict);
        Assert.Contains("改造已完成", progressAfter.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referral_still_requested_is_accepted_and_delivered_by_the_completion()
    {
        var household = await RegisteredAsync(platform, "532623204003", "杨光荣");
        var referral = (await PostAsync(platform.Monitoring.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "请住建局核查住房安全" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => (await Housing.Client.GetAsync(new Uri($"/api/referrals/{referral}", UriKind.Relative), Cancellation))
            .StatusCode == HttpStatusCode.OK, "housing to receive the referral");
        var caseId = (await AssessAsync(Housing.Client, household, "C", HttpStatusCode.Created)).GetProperty("remediationCaseId").GetGuid();
        await PlanAsync(Housing.Client, caseId);

        var completion = await CompleteAsync(Housing.Client, caseId, "A", HttpStatusCode.OK);

        Assert.Equal(referral, Assert.Single(completion.GetProperty("deliveredReferrals").EnumerateArray()).GetProperty("id").GetGuid());
        var view = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/referrals/{referral}", UriKind.Relative), Cancellation);
        Assert.Equal("delivered", view.GetProperty("status").GetString());
        Assert.Equal("housing", view.GetProperty("acceptedBy").GetString());
    }

    [Fact]
    public async Task A_referral_that_changed_while_the_case_was_being_completed_is_409_and_nothing_of_the_completion_is_stored()
    {
        var household = await RegisteredAsync(platform, "532623204006", "陶正兴");
        var referral = (await PostAsync(platform.Monitoring.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "请住建局核查住房安全" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => (await Housing.Client.GetAsync(new Uri($"/api/referrals/{referral}", UriKind.Relative), Cancellation))
            .StatusCode == HttpStatusCode.OK, "housing to receive the referral");
        var caseId = (await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Created)).GetProperty("remediationCaseId").GetGuid();
        await PlanAsync(Housing.Client, caseId);
        var user = new ClaimsPrincipal(new ClaimsIdentity(TestUser.Department(ServiceNames.Housing).Claims, "test", XichouClaims.Name, XichouClaims.Role));

        var outcome = await Housing.WithScopeAsync(async services =>
        {
            // The completion's unit of work has read the referral as requested; another user accepts it meanwhile.
            await services.GetRequiredService<HousingDbContext>().Referrals.FirstAsync(r => r.Id == referral, Cancellation);
            await PostAsync(Housing.Client, $"/api/referrals/{referral}/accept", new { }, HttpStatusCode.OK);
            return await services.GetRequiredService<RemediationDesk>().CompleteAsync(caseId,
                new AssessmentRequest("B", Today, "县住建局 赵工", null), user, Cancellation);
        });

        var conflict = Assert.IsType<HousingOutcome<RemediationCompletionView>.Conflict>(outcome);
        Assert.Equal("改造案刚刚有变化 / The remediation case has just changed.", conflict.Title);
        Assert.Equal("请刷新后重试 / Reload it and try again.", conflict.Detail);
        Assert.Equal("Open", await CaseStatusAsync(caseId));
        Assert.Equal(1, await Housing.CountAsync("SELECT COUNT(*) FROM Assessments WHERE HouseholdId = $id", ("$id", Id(household))));
        Assert.Equal("Accepted", await Housing.ScalarAsync("SELECT Status FROM Referrals WHERE Id = $id", ("$id", Id(referral))));
        Assert.Equal(0, await Housing.OutboxRowsAsync<ReferralDelivered>(referral.ToString()));
        var copy = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household}", UriKind.Relative), Cancellation);
        Assert.Equal("problem", copy.GetProperty("surveyStatus").GetString());

        // Read again, it completes: the case and the delivery together.
        var completion = await CompleteAsync(Housing.Client, caseId, "B", HttpStatusCode.OK);
        Assert.Equal(referral, Assert.Single(completion.GetProperty("deliveredReferrals").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(1, await Housing.OutboxRowsAsync<ReferralDelivered>(referral.ToString()));
    }

    [Fact]
    public async Task Progress_dated_before_the_finding_or_in_the_future_is_400_naming_on()
    {
        var (_, caseId) = await UnsafeHouseAsync("C");
        var tomorrow = Day(Beijing.Today(TimeProvider.System).AddDays(1));

        var future = await PostAsync(Housing.Client, $"/api/remediations/{caseId}/progress", new { on = tomorrow, text = "预计完工" }, HttpStatusCode.BadRequest);
        var early = await PostAsync(Housing.Client, $"/api/remediations/{caseId}/progress", new { on = "2020-01-01", text = "补记" }, HttpStatusCode.BadRequest);

        Assert.Equal(["on"], FieldErrors(future).Keys);
        Assert.Equal(["on"], FieldErrors(early).Keys);
        Assert.Equal(0, await Housing.CountAsync("SELECT COUNT(*) FROM RemediationProgress WHERE RemediationCaseId = $id", ("$id", Id(caseId))));
    }

    [Fact]
    public async Task The_case_list_filters_by_status_and_refuses_an_unknown_one()
    {
        var (household, caseId) = await UnsafeHouseAsync();

        var open = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/remediations?status=open&householdId={household}", UriKind.Relative), Cancellation);
        var completed = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/remediations?status=completed&householdId={household}", UriKind.Relative), Cancellation);
        using var bad = await Housing.Client.GetAsync(new Uri("/api/remediations?status=closed", UriKind.Relative), Cancellation);
        using var unknown = await Housing.Client.GetAsync(new Uri($"/api/remediations/{Guid.NewGuid()}", UriKind.Relative), Cancellation);

        Assert.Equal(caseId, Assert.Single(open.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(0, completed.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
