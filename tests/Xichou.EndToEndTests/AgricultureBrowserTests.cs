using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>
/// Agriculture staff at work in Debian's chromium, through the gateway: a subsidy application whose cost is refused beside
/// its field, then applied, approved and paid on the household's page, shown on the home's work list in between.
/// </summary>
public sealed class AgricultureBrowserTests(PlatformFixture platform) : BrowserTest(platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agriculture_staff_apply_for_a_subsidy_approve_it_and_pay_it_with_the_cap_shown()
    {
        using var village = await Platform.CreateGatewayClientAsync("village-sanguang");
        using var registered = await village.PostAsJsonAsync("/monitoring/api/households",
            new { villageCode = "532623101012", headName = "陶正华", headIdNumber = IdNumbers.New(), perCapitaIncome = 7000m }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        using var staff = await Platform.CreateGatewayClientAsync("agriculture");
        await Eventually.GetAsync(async () =>
        {
            using var response = await staff.GetAsync($"/agriculture/api/households/{household}/agriculture", Cancellation);
            return response.StatusCode == HttpStatusCode.OK
                && (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("labourers").GetInt32() > 0 ? "known" : null;
        }, "agriculture to hold the household and its labourer");

        var page = await SignInAsync("agriculture", $"/agriculture/households/{household}");
        var form = page.GetByTestId("application-form");
        await form.WaitForAsync();
        Assert.Contains("户补助资金最高不超过3000元", await page.GetByTestId("subsidy-rule").InnerTextAsync(), StringComparison.Ordinal);

        await form.Locator("select[name='Application.Industry']").SelectOptionAsync("烤烟");
        await form.Locator("textarea[name='Application.Plan']").FillAsync("新种烤烟10亩，购置烤房设备");
        await form.Locator("input[name='Application.CostYuan']").FillAsync("0");
        await form.Locator("button[type='submit']").ClickAsync();
        var error = page.Locator(".field-error[data-field='costYuan']");
        await error.WaitForAsync();
        Assert.Contains("必须大于0", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid='applications'] tr[data-application]").CountAsync());

        await page.GetByTestId("application-form").Locator("input[name='Application.CostYuan']").FillAsync("5999.98");
        await page.GetByTestId("application-form").Locator("button[type='submit']").ClickAsync();
        var row = page.Locator("[data-testid='applications'] tr[data-application]");
        await row.WaitForAsync();
        Assert.Equal("applied", await row.GetAttributeAsync("data-status"));
        Assert.Contains("2999.99", await row.GetByTestId("subsidy-yuan").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("0.01 元", await page.GetByTestId("headroom").InnerTextAsync());
        var application = await row.GetAttributeAsync("data-application");

        // The home's work list shows it, waiting for approval.
        await page.GotoAsync("/agriculture/");
        Assert.Equal("applied",
            await page.Locator($"[data-testid='open-applications'] tr[data-application='{application}']").GetAttributeAsync("data-status"));
        await page.Locator($"[data-testid='open-applications'] tr[data-application='{application}'] a").ClickAsync();
        await page.WaitForURLAsync($"**/agriculture/households/{household}");

        await page.Locator($"[data-testid='applications'] tr[data-application='{application}']").GetByTestId("approve").ClickAsync();
        await page.Locator("[data-testid='applications'] tr[data-status='approved']").WaitForAsync();

        var pay = page.Locator($"[data-testid='applications'] tr[data-application='{application}'] [data-testid='decision-form']");
        await pay.Locator("input[name='Decision.Voucher']").FillAsync("XC-NK-2026-0777");
        await pay.GetByTestId("pay").ClickAsync();
        var paid = page.Locator("[data-testid='applications'] tr[data-status='paid']");
        await paid.WaitForAsync();
        var today = Beijing.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains("XC-NK-2026-0777", await paid.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(today, await paid.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("2999.99 元", await page.GetByTestId("paid").InnerTextAsync());
        Assert.Equal(0, await page.GetByTestId("decision-form").CountAsync());

        var view = await staff.GetFromJsonAsync<JsonElement>($"/agriculture/api/industry-applications/{application}", Cancellation);
        Assert.Equal("paid", view.GetProperty("status").GetString());
        Assert.Equal("XC-NK-2026-0777", view.GetProperty("voucher").GetString());
    }
}
