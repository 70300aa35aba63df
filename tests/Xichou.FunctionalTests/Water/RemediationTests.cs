using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.ServiceDefaults.Security;
using Xichou.Water.Application.Remediations;
using Xichou.Water.Infrastructure;
using Xichou.Water.Model.Checks;

namespace Xichou.FunctionalTests.Water;

/// <summary>
/// 整改 (措施十 "有问题的农户逐户解决到位"): a case per household or per supply point, completed only by a re-check every household
/// passes, judged by each household's own village; completion delivers the open referrals to water in the same transaction.
/// </summary>
public class RemediationTests(Platform platform)
{
    private ServiceHost Water => platform.Water();

    [Fact]
    public async Task A_supply_point_case_completes_only_when_the_recheck_passes_for_both_households_and_delivers_the_referral()
    {
        // 马蹄寨村 is water-scarce (20 L); 柏林村 is not (35 L).
        var (scarce, _) = await platform.RegisteredAsync(WaterSteps.ScarceVillage);
        var (other, otherCode) = await platform.RegisteredAsync("532623203001");
        foreach (var household in new[] { scarce, other })
        {
            await Water.Client.PostJsonAsync($"/api/households/{household}/checks", WaterSteps.Check(litres: 15m), HttpStatusCode.Created);
        }
        var home = await Water.Client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains($"data-household=\"{scarce}\"", NeedsCase(home), StringComparison.Ordinal);
        Assert.Contains($"data-household=\"{other}\"", NeedsCase(home), StringComparison.Ordinal);

        var opened = await Water.Client.PostJsonAsync("/api/remediations", new
        {
            measure = "马蹄寨小水窖清淤扩容，新建引水管道入户",
            responsiblePerson = "柏林乡水管站 王志刚",
            supplyPoint = "马蹄寨小水窖",
            householdIds = new[] { scarce, other },
        }, HttpStatusCode.Created);
        var caseId = opened.GetProperty("id").GetGuid();
        Assert.Equal("open", opened.GetProperty("status").GetString());
        Assert.Equal(2, opened.GetProperty("households").GetArrayLength());
        home = await Water.Client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain($"data-household=\"{scarce}\"", NeedsCase(home), StringComparison.Ordinal);
        Assert.Contains($"data-case=\"{caseId}\"", home, StringComparison.Ordinal);

        // The register refers one of them to water, and water accepts it.
        var referral = (await platform.Monitoring.Client.PostJsonAsync("/api/referrals",
            new { householdId = other, toDepartment = "water", request = "走访发现饮水困难，请水务局解决" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => await Water.Client.TryGetJsonAsync($"/api/referrals/{referral}") is { } r
            && r.GetProperty("status").GetString() == "requested", "water's copy of the referral");
        await Water.Client.PostJsonAsync($"/api/referrals/{referral}/accept", new { }, HttpStatusCode.OK);

        // 25 L is enough in the water-scarce village only: 409 naming the other household, nothing stored.
        var refused = await Water.Client.PostJsonAsync($"/api/remediations/{caseId}/complete", WaterSteps.Check(litres: 25m), HttpStatusCode.Conflict);
        Assert.Contains(otherCode, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("水量", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var failing = Assert.Single(refused.GetProperty("households").EnumerateArray());
        Assert.Equal(other, failing.GetProperty("householdId").GetGuid());
        Assert.Equal("quantity", Assert.Single(failing.GetProperty("failing").EnumerateArray()).GetProperty("indicator").GetString());
        Assert.Equal(1, await Water.ChecksOfAsync(scarce));
        Assert.Equal(1, await Water.ChecksOfAsync(other));
        Assert.Equal("open", (await Water.Client.GetJsonAsync($"/api/remediations/{caseId}")).GetProperty("status").GetString());
        Assert.Equal("Problem", await Water.SurveyOfAsync(scarce));
        Assert.Equal("accepted", (await Water.Client.GetJsonAsync($"/api/referrals/{referral}")).GetProperty("status").GetString());

        var completed = await Water.Client.PostJsonAsync($"/api/remediations/{caseId}/complete", WaterSteps.Check(litres: 40m), HttpStatusCode.OK);

        Assert.Equal("completed", completed.GetProperty("remediation").GetProperty("status").GetString());
        var checks = completed.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(2, checks.Count);
        Assert.All(checks, c => Assert.True(c.GetProperty("safe").GetBoolean()));
        Assert.All(checks, c => Assert.Equal(caseId, c.GetProperty("remediationId").GetGuid()));
        var delivered = Assert.Single(completed.GetProperty("deliveredReferrals").EnumerateArray());
        Assert.Equal(referral, delivered.GetProperty("id").GetGuid());
        Assert.StartsWith("饮水整改完成，复查达标", delivered.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.Equal("Secured", await Water.SurveyOfAsync(scarce));
        Assert.Equal("Secured", await Water.SurveyOfAsync(other));
        Assert.Equal(2, await Water.ChecksOfAsync(other));
        var registerCopy = await Eventually.GetValueAsync(async () =>
        {
            var copy = await platform.Monitoring.Client.GetJsonAsync($"/api/referrals/{referral}");
            return copy.GetProperty("status").GetString() == "delivered" ? copy : (JsonElement?)null;
        }, "the register's copy of the referral to show it delivered");
        Assert.StartsWith("饮水整改完成，复查达标", registerCopy.GetProperty("outcome").GetString(), StringComparison.Ordinal);

        await Water.Client.PostJsonAsync($"/api/remediations/{caseId}/complete", WaterSteps.Check(litres: 40m), HttpStatusCode.Conflict);
        var open = await Water.Client.GetJsonAsync("/api/remediations?status=open&pageSize=200");
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == caseId);
        var done = await Water.Client.GetJsonAsync("/api/remediations?status=completed&pageSize=200");
        Assert.Contains(done.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == caseId);
    }

    [Fact]
    public async Task A_referral_that_changed_while_the_case_was_being_completed_is_409_and_nothing_of_the_completion_is_stored()
    {
        var (household, _) = await platform.RegisteredAsync("532623203002");
        await Water.Client.PostJsonAsync($"/api/households/{household}/checks", WaterSteps.Check(litres: 15m), HttpStatusCode.Created);
        var caseId = (await Water.Client.PostJsonAsync("/api/remediations", new { measure = "新建引水管道入户", responsiblePerson = "柏林乡水管站 王志刚", householdIds = new[] { household } },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var referral = (await platform.Monitoring.Client.PostJsonAsync("/api/referrals",
            new { householdId = household, toDepartment = "water", request = "走访发现饮水困难，请水务局解决" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => await Water.Client.TryGetJsonAsync($"/api/referrals/{referral}") is not null, "water's copy of the referral");
        var user = new ClaimsPrincipal(new ClaimsIdentity(TestUser.Department(ServiceNames.Water).Claims, "test", XichouClaims.Name, XichouClaims.Role));
        var recheck = new CheckRequest(Beijing.Today(TimeProvider.System), 40m, true, null, true, null, null, null, 5);

        var outcome = await Water.WithScopeAsync(async services =>
        {
            // The completion's unit of work has read the referral as requested; another user accepts it meanwhile.
            await services.GetRequiredService<WaterDbContext>().Referrals.FirstAsync(r => r.Id == referral, TestContext.Current.CancellationToken);
            await Water.Client.PostJsonAsync($"/api/referrals/{referral}/accept", new { }, HttpStatusCode.OK);
            return await services.GetRequiredService<RemediationDesk>().CompleteAsync(caseId, recheck, user, TestContext.Current.CancellationToken);
        });

        var conflict = Assert.IsType<RemediationOutcome.Conflict>(outcome);
        Assert.Equal("整改状态已变化 / The case has just changed.", conflict.Title);
        Assert.Equal("open", (await Water.Client.GetJsonAsync($"/api/remediations/{caseId}")).GetProperty("status").GetString());
        Assert.Equal(1, await Water.ChecksOfAsync(household));
        Assert.Equal("Problem", await Water.SurveyOfAsync(household));
        Assert.Equal("accepted", (await Water.Client.GetJsonAsync($"/api/referrals/{referral}")).GetProperty("status").GetString());
        Assert.Equal(0, await Water.OutboxRowsAsync<ReferralDelivered>(referral.ToString()));

        var completed = await Water.Client.PostJsonAsync($"/api/remediations/{caseId}/complete", WaterSteps.Check(litres: 40m), HttpStatusCode.OK);
        Assert.Equal(referral, Assert.Single(completed.GetProperty("deliveredReferrals").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(1, await Water.OutboxRowsAsync<ReferralDelivered>(referral.ToString()));
    }

    [Fact]
    public async Task A_case_names_each_missing_field_and_each_household_water_does_not_know()
    {
        var stranger = Guid.NewGuid();

        var problem = await Water.Client.PostJsonAsync("/api/remediations",
            new { measure = " ", householdIds = new[] { stranger } }, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["householdIds", "measure", "responsiblePerson"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains(stranger.ToString(), errors.GetProperty("householdIds")[0].GetString(), StringComparison.Ordinal);
        WaterSteps.AssertBilingual(problem, "householdIds");
        await Water.Client.PostJsonAsync("/api/remediations", new { measure = "改水", responsiblePerson = "李", householdIds = Array.Empty<Guid>() }, HttpStatusCode.BadRequest);
        await Water.Client.GetJsonAsync("/api/remediations?status=closed", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_household_in_an_open_case_or_exited_gets_no_second_case()
    {
        var (first, _) = await platform.KnownToWaterAsync("532623202002");
        var (exited, exitedCode) = await platform.KnownToWaterAsync("532623202002");
        await platform.ExitAsync(exited, "532623202002");
        var body = new { measure = "更换净水设备", responsiblePerson = "张红", householdIds = new[] { first } };
        var caseId = (await Water.Client.PostJsonAsync("/api/remediations", body, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var again = await Water.Client.PostJsonAsync("/api/remediations", body, HttpStatusCode.Conflict);
        Assert.Contains(caseId.ToString(), again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var gone = await Water.Client.PostJsonAsync("/api/remediations",
            new { measure = "更换净水设备", responsiblePerson = "张红", householdIds = new[] { exited } }, HttpStatusCode.Conflict);
        Assert.Contains(exitedCode, gone.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await Water.CountAsync("SELECT COUNT(*) FROM RemediationHouseholds WHERE HouseholdId IN ($a, $b)",
            ("$a", WaterSteps.Key(first)), ("$b", WaterSteps.Key(exited))));
    }

    [Fact]
    public async Task A_housing_user_cannot_open_or_read_cases()
    {
        using var housing = Water.ClientFor(TestUser.Department("housing"));

        await housing.PostJsonAsync("/api/remediations", new { measure = "改水", responsiblePerson = "李", householdIds = new[] { Guid.NewGuid() } }, HttpStatusCode.Forbidden);
        await housing.GetJsonAsync("/api/remediations", HttpStatusCode.Forbidden);
    }

    private static string NeedsCase(string page)
    {
        var start = page.IndexOf("data-testid=\"needs-case\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }
        var end = page.IndexOf("</ul>", start, StringComparison.Ordinal);
        return page[start..end];
    }
}
