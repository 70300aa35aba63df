using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>The insurance office at work in Debian's chromium, through the gateway: the hospital self-pay subsidy form.</summary>
public sealed class InsuranceBrowserTests(PlatformFixture platform) : BrowserTest(platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Insurance_staff_grant_a_hospital_subsidy_self_paid_above_the_total_is_refused_beside_its_field_then_8000_is_granted()
    {
        using var village = await Platform.CreateGatewayClientAsync("village-sanguang");
        var headId = IdNumbers.New();
        using var registered = await village.PostAsJsonAsync("/monitoring/api/households", new
        {
            villageCode = "532623101012", headName = "邓光荣", headIdNumber = headId, perCapitaIncome = 7000m,
            members = new object[]
            {
                new { relation = "head", name = "邓光荣", idNumber = headId },
                new { relation = "spouse", name = "王秀英", idNumber = IdNumbers.New() },
            },
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        using var staff = await Platform.CreateGatewayClientAsync(ServiceNames.Insurance);
        var spouse = await Eventually.GetAsync(async () =>
        {
            var members = await staff.GetFromJsonAsync<JsonElement>($"/insurance/api/members?householdId={household}", Cancellation);
            return members.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("relation").GetString() == "spouse")
                .Select(m => m.GetProperty("id").GetString()).FirstOrDefault();
        }, "insurance to hold the household's members");

        var page = await SignInAsync(ServiceNames.Insurance, $"/insurance/households/{household}");
        var form = page.GetByTestId("hospital-subsidy-form");
        await form.WaitForAsync();
        Assert.Contains("自付部分不超过80%、每人每年不超过5万元", await page.GetByTestId("subsidy-rule").InnerTextAsync(), StringComparison.Ordinal);
        var today = Beijing.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await form.Locator("select[name='Bill.MemberId']").SelectOptionAsync(spouse!);
        await form.Locator("input[name='Bill.BillDate']").FillAsync(today);
        await form.Locator("input[name='Bill.Hospital']").FillAsync("西畴县人民医院");
        await form.Locator("input[name='Bill.TotalYuan']").FillAsync("9000");
        await form.Locator("input[name='Bill.SelfPaidYuan']").FillAsync("10000");
        await form.Locator("button[type='submit']").ClickAsync();
        var error = page.Locator(".field-error[data-field='selfPaidYuan']");
        await error.WaitForAsync();
        Assert.Contains("不能超过总费用", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByTestId("hospital-subsidies").CountAsync());

        form = page.GetByTestId("hospital-subsidy-form");
        await form.Locator("input[name='Bill.TotalYuan']").FillAsync("25000");
        await form.Locator("button[type='submit']").ClickAsync();
        var done = page.GetByTestId("hospital-subsidy-form").GetByTestId("form-done");
        await done.WaitForAsync();
        Assert.Contains("8,000.00", await done.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("42,000.00", await done.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("8,000.00", await page.GetByTestId("subsidy-amount").InnerTextAsync());
        var row = page.Locator($"tr[data-member='{spouse}']");
        Assert.Equal("42,000.00", await row.GetByTestId("remaining-this-year").InnerTextAsync());
    }
}
