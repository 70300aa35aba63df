using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>
/// Employment staff at work in Debian's chromium, through the gateway: a labourer's status (a negative income refused beside its
/// field), a training and this month's check of the migrant worker, each through the household page's forms; the home's check list.
/// </summary>
public sealed class EmploymentBrowserTests(PlatformFixture platform) : BrowserTest(platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Employment_staff_record_work_away_a_training_and_the_monthly_check_and_the_household_is_secured()
    {
        using var village = await Platform.CreateGatewayClientAsync("village-sanguang");
        using var registered = await village.PostAsJsonAsync("/monitoring/api/households",
            new { villageCode = "532623101012", headName = "陶正富", headIdNumber = IdNumbers.New(), perCapitaIncome = 7000m }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        using var staff = await Platform.CreateGatewayClientAsync(ServiceNames.Employment);
        var member = await Eventually.GetAsync(async () =>
        {
            using var response = await staff.GetAsync($"/employment/api/households/{household}/labourers", Cancellation);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }
            var items = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("items");
            return items.GetArrayLength() == 1 ? items[0].GetProperty("memberId").GetString() : null;
        }, "employment to hold the household's labourer");
        var today = Beijing.DateOf(DateTimeOffset.UtcNow);
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = await SignInAsync("employment", $"/employment/households/{household}");
        var status = page.GetByTestId("employment-form");
        await status.WaitForAsync();
        Assert.Contains("确保每个家庭均有人就业", await page.GetByTestId("employment-rule").InnerTextAsync(), StringComparison.Ordinal);
        await status.Locator("select[name='EmploymentInput.MemberId']").SelectOptionAsync(member!);
        await status.Locator("select[name='EmploymentInput.Status']").SelectOptionAsync("away");
        await status.Locator("input[name='EmploymentInput.Place']").FillAsync("浙江省义乌市");
        await status.Locator("input[name='EmploymentInput.Employer']").FillAsync("义乌某物流公司");
        await status.Locator("input[name='EmploymentInput.Since']").FillAsync(Day(today.AddMonths(-2)));
        await status.Locator("input[name='EmploymentInput.MonthlyIncomeYuan']").FillAsync("-100");
        await status.Locator("button[type='submit']").ClickAsync();
        var error = page.Locator(".field-error[data-field='monthlyIncomeYuan']");
        await error.WaitForAsync();
        Assert.Contains("不能为负数", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("未登记", await page.GetByTestId("labourer-status").InnerTextAsync());

        await page.GetByTestId("employment-form").Locator("input[name='EmploymentInput.MonthlyIncomeYuan']").FillAsync("4200");
        await page.GetByTestId("employment-form").Locator("button[type='submit']").ClickAsync();
        await page.GetByTestId("employment-form").GetByTestId("form-done").WaitForAsync();
        Assert.Equal("外出务工", await page.GetByTestId("labourer-status").InnerTextAsync());
        // Employed but nobody trained: a finding, shown on the page.
        Assert.Equal("problem", await page.GetByTestId("labourers").GetAttributeAsync("data-state"));
        Assert.Contains("无人参加培训", await page.GetByTestId("open-finding").InnerTextAsync(), StringComparison.Ordinal);

        var training = page.GetByTestId("training-form");
        await training.Locator("select[name='TrainingInput.MemberId']").SelectOptionAsync(member!);
        await training.Locator("input[name='TrainingInput.Course']").FillAsync("物流仓储技能培训");
        await training.Locator("input[name='TrainingInput.Provider']").FillAsync("西畴县人社局培训中心");
        await training.Locator("input[name='TrainingInput.StartOn']").FillAsync(Day(today.AddDays(-10)));
        await training.Locator("input[name='TrainingInput.EndOn']").FillAsync(Day(today.AddDays(-3)));
        await training.Locator("button[type='submit']").ClickAsync();
        await page.GetByTestId("training-form").GetByTestId("form-done").WaitForAsync();
        Assert.Equal("secured", await page.GetByTestId("labourers").GetAttributeAsync("data-state"));
        Assert.Contains("物流仓储技能培训", await page.GetByTestId("labourer-trained").InnerTextAsync(), StringComparison.Ordinal);

        var check = page.GetByTestId("check-form");
        await check.Locator("select[name='CheckInput.MemberId']").SelectOptionAsync(member!);
        await check.Locator("select[name='CheckInput.StillEmployed']").SelectOptionAsync("true");
        await check.Locator("input[name='CheckInput.MonthlyIncomeYuan']").FillAsync("4300");
        await check.Locator("button[type='submit']").ClickAsync();
        await page.GetByTestId("check-form").GetByTestId("form-done").WaitForAsync();
        Assert.Equal("已核查", await page.GetByTestId("labourer-check").InnerTextAsync());

        await page.GotoAsync("/employment/");
        var row = page.Locator($"[data-testid='due-checks'] tr[data-member='{member}']");
        Assert.Equal("checked", await row.GetAttributeAsync("data-state"));
        Assert.Contains("做到每月监测1次", await page.GetByTestId("check-rule").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"[data-testid='findings'] tr[data-household='{household}']").CountAsync());
    }
}
