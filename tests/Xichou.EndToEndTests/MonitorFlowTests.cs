using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>A village monitor's half-monthly round on a phone, in Debian's chromium, through the gateway.</summary>
public sealed class MonitorFlowTests(PlatformFixture platform) : BrowserTest(platform)
{
    private async Task<Guid> RegisterAsync(string head)
    {
        using var client = await Platform.CreateGatewayClientAsync("village-sanguang");
        var idNumber = IdNumbers.New();
        using var response = await client.PostAsJsonAsync("/monitoring/api/households",
            new { villageCode = "532623101012", headName = head, headIdNumber = idNumber, villagerGroup = "第四村民小组", perCapitaIncome = 8000m });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_village_monitor_opens_this_cycles_list_records_a_hospital_bill_and_sees_the_new_risk()
    {
        // A phone's width (375 px), as a monitor in the village holds it.
        var page = await SignInAsync("village-sanguang", "/monitoring/", new ViewportSize { Width = 375, Height = 812 });

        // This cycle's list: 三光村's households, the not-yet-visited before the visited.
        Assert.Contains("本期走访名单", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var rows = page.Locator("[data-testid='households'] tbody tr");
        var villages = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.village)");
        Assert.NotEmpty(villages);
        Assert.All(villages, village => Assert.Equal("532623101012", village));
        var states = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.state)");
        Assert.Equal(states.OrderBy(s => s == "visited"), states);
        // Nothing spills sideways at phone width.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "the home page is wider than a phone");

        // A household registered just now in 三光村 has no open risk yet, so the bill is a new finding; it is due, so near the top.
        var household = await RegisterAsync("罗开富");
        await page.ReloadAsync();
        var first = page.Locator($"[data-testid='households'] tbody tr[data-household='{household}']");
        Assert.Equal("due", await first.GetAttributeAsync("data-state"));
        await first.GetByRole(AriaRole.Link, new() { Name = "记录走访" }).ClickAsync();
        await page.WaitForURLAsync($"**/monitoring/households/{household}/visit");

        // A first try without the income: nothing is stored, the error stands beside the field in Chinese.
        await page.Locator("select[name='Input.Expenses[0].Cause']").SelectOptionAsync("illness");
        await page.Locator("input[name='Input.Expenses[0].Amount']").FillAsync("30000");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();
        await page.Locator(".field-error[data-field='perCapitaIncome']").WaitForAsync();
        Assert.Contains("人均纯收入必填", await page.Locator(".field-error[data-field='perCapitaIncome']").InnerTextAsync(), StringComparison.Ordinal);

        // The hospital bill: 因病, 30,000 yuan, everything else secured, income above the line.
        await page.Locator("input[name='Input.PerCapitaIncome']").FillAsync("8000");
        await page.Locator("select[name='Input.Expenses[0].Cause']").SelectOptionAsync("illness");
        await page.Locator("input[name='Input.Expenses[0].Amount']").FillAsync("30000");
        await page.Locator("textarea[name='Input.Notes']").FillAsync("户主住院，自付医疗费约3万元");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访" }).ClickAsync();

        var opened = page.GetByTestId("opened-risks");
        await opened.WaitForAsync();
        Assert.Contains("刚性支出骤增", await opened.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("30,000", await opened.InnerTextAsync(), StringComparison.Ordinal);

        // The household's page shows the new risk with the rule and the numbers behind it.
        await page.GetByRole(AriaRole.Link, new() { Name = "查看农户" }).ClickAsync();
        await page.WaitForURLAsync($"**/monitoring/households/{household}");
        var risk = page.Locator("[data-testid='risks'] li[data-rule='expense-spike'][data-status='open']").First;
        Assert.Contains("因病刚性支出 30,000 元", await risk.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("本期已走访", await page.GetByTestId("cycle-state").InnerTextAsync(), StringComparison.Ordinal);
    }
}
