using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>
/// Education staff at work in Debian's chromium, through the gateway: the school survey finds a child of compulsory age out
/// of school (a dropout on the home page and on the county's risk register); the grant form refuses a period in the wrong
/// format beside its field, then grants a senior high student 2,000 yuan.
/// </summary>
public sealed class EducationBrowserTests(PlatformFixture platform) : BrowserTest(platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Child(int age, bool male) => IdNumber.Compose(IdNumber.XichouAreaCode,
        Beijing.DateOf(DateTimeOffset.UtcNow).AddYears(-age).AddDays(-Random.Shared.Next(30, 300)), Random.Shared.Next(0, 500) * 2 + (male ? 1 : 0));

    [Fact]
    public async Task Education_staff_find_a_dropout_by_the_survey_and_grant_a_senior_high_student_after_a_bad_period_is_refused()
    {
        using var village = await Platform.CreateGatewayClientAsync("village-sanguang");
        using var created = await village.PostAsJsonAsync("/monitoring/api/households", new
        {
            villageCode = "532623101012", headName = "陶正学", headIdNumber = IdNumbers.New(), perCapitaIncome = 8000m,
            members = new[]
            {
                new { relation = "child", name = "陶小军", idNumber = Child(11, true), schoolStage = "primary" },
                new { relation = "child", name = "陶大姐", idNumber = Child(17, false), schoolStage = "seniorSecondary" },
            },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var household = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        using var staff = await Platform.CreateGatewayClientAsync(ServiceNames.Education);
        await Eventually.GetAsync(async () =>
        {
            using var response = await staff.GetAsync($"/education/api/households/{household}/students", Cancellation);
            return response.StatusCode == HttpStatusCode.OK
                && (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetArrayLength() == 2 ? "known" : null;
        }, "education to hold the two children", TimeSpan.FromMinutes(1));

        var page = await SignInAsync("education", $"/education/households/{household}");
        var survey = page.GetByTestId("survey-form");
        await survey.WaitForAsync();
        await survey.Locator("select[name='Survey.StudentId']").SelectOptionAsync(new SelectOptionValue { Label = "陶小军（11 岁）" });
        await survey.Locator("select[name='Survey.Stage']").SelectOptionAsync("notInSchool");
        await survey.Locator("textarea[name='Survey.Note']").FillAsync("随父母外出务工");
        await survey.Locator("button[type='submit']").ClickAsync();
        var done = page.GetByTestId("survey-form").GetByTestId("form-done");
        await done.WaitForAsync();
        Assert.Contains("控辍保学", await done.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByTestId("dropout").CountAsync());

        var grant = page.GetByTestId("grant-form");
        Assert.Contains("高中及以上每人补助2000元", await grant.GetByTestId("subsidy-rule").InnerTextAsync(), StringComparison.Ordinal);
        await grant.Locator("select[name='Grant.StudentId']").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await grant.Locator("input[name='Grant.Period']").FillAsync("2026/27");
        await grant.Locator("button[type='submit']").ClickAsync();
        var error = page.Locator(".field-error[data-field='period']");
        await error.WaitForAsync();
        Assert.Contains("格式应为", await error.InnerTextAsync(), StringComparison.Ordinal);

        var period = EducationPeriod();
        grant = page.GetByTestId("grant-form");
        await grant.Locator("select[name='Grant.StudentId']").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await grant.Locator("input[name='Grant.Period']").FillAsync(period);
        await grant.Locator("button[type='submit']").ClickAsync();
        var granted = page.GetByTestId("grant-form").GetByTestId("form-done");
        await granted.WaitForAsync();
        Assert.Contains("2,000.00", await granted.InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/education/");
        var row = page.Locator($"[data-testid='dropouts'] tr[data-household='{household}']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("陶小军", await row.InnerTextAsync(), StringComparison.Ordinal);

        var explanation = await Eventually.GetAsync(async () =>
        {
            var risks = await village.GetFromJsonAsync<JsonElement>("/monitoring/api/risks?status=open&pageSize=200", Cancellation);
            return risks.GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("householdId").GetGuid() == household && r.GetProperty("rule").GetString()!.StartsWith("education", StringComparison.Ordinal))
                .Select(r => r.GetProperty("explanation").GetString()).FirstOrDefault();
        }, "the dropout finding on the register");
        Assert.Contains("控辍保学", explanation, StringComparison.Ordinal);
    }

    /// <summary>The school year in force (from September): 2026-2027 from 2026-09-01.</summary>
    private static string EducationPeriod()
    {
        var today = Beijing.DateOf(DateTimeOffset.UtcNow);
        var first = today.Month >= 9 ? today.Year : today.Year - 1;
        return $"{first}-{first + 1}";
    }
}
