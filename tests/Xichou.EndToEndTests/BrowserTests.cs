using Microsoft.Playwright;

namespace Xichou.EndToEndTests;

/// <summary>In Debian's chromium, through the gateway, as a county user would arrive.</summary>
public sealed class BrowserTests(PlatformFixture platform) : BrowserTest(platform)
{
    [Fact]
    public async Task A_village_monitor_signs_in_sees_only_their_village_and_signs_out()
    {
        var page = await SignInAsync("village-sanguang");

        // The portal offers the monitoring service only.
        Assert.Equal(["monitoring"], await page.Locator("a.tile").EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.service)"));
        await page.Locator("a.tile[data-service='monitoring']").ClickAsync();
        await page.WaitForURLAsync("**/monitoring/");

        Assert.Equal("兴街镇三光村", await page.GetByTestId("jurisdiction").InnerTextAsync());
        var villages = await page.Locator("[data-testid='households'] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.village)");
        Assert.NotEmpty(villages);
        Assert.All(villages, village => Assert.Equal("532623101012", village));
        // The count is of the village too (other tests register there meanwhile, so not an exact number).
        var count = int.Parse(await page.GetByTestId("household-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(count, villages.Length, villages.Length + 10);
        Assert.DoesNotContain("龙坪村", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await page.WaitForURLAsync("**/login**");
        // Signed out: the service page is closed again.
        await page.GotoAsync("/monitoring/");
        await page.WaitForURLAsync("**/login?ReturnUrl=*");
    }

    [Fact]
    public async Task From_the_portal_a_user_reaches_a_styled_department_page_and_its_API_page()
    {
        var page = await SignInAsync("housing");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("住房安全") }).First.ClickAsync();
        await page.WaitForURLAsync("**/housing/");

        Assert.Contains("住房安全", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        // The shared stylesheet loaded under /housing/ (it lays the header out as a flex row), and the header carries housing's
        // colour from the department catalogue (#6d4c41).
        var header = page.Locator("header.topbar");
        Assert.Equal("flex", await header.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Equal("#6d4c41", Xichou.Contracts.Departments.Housing.Colour);
        Assert.Equal("rgb(109, 76, 65)", await header.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        var count = int.Parse(await page.GetByTestId("household-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count >= PlatformFixture.DemoHouseholds, $"the housing page shows {count} households");

        // The nav's API link leads to the API reference of the same service, which loads its document under the same prefix.
        var openApi = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "接口文档 API" }).ClickAsync(),
            response => response.Url.EndsWith("/housing/openapi/v1.json", StringComparison.Ordinal));
        Assert.Equal(200, openApi.Status);
        Assert.EndsWith("/housing/scalar/", page.Url, StringComparison.Ordinal);
    }
}
