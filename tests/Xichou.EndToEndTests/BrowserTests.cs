using Microsoft.Playwright;

namespace Xichou.EndToEndTests;

/// <summary>In Debian's chromium, through the gateway, as a county user would arrive.</summary>
public sealed class BrowserTests(PlatformFixture platform) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    [Fact]
    public async Task From_the_portal_a_user_reaches_a_styled_department_page_and_its_API_page()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = platform.GatewayAddress.ToString(), Locale = "zh-CN" });

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("住房安全") }).First.ClickAsync();
        await page.WaitForURLAsync("**/housing/");

        Assert.Contains("住房安全", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        // The shared stylesheet loaded under /housing/: the header carries the platform's red.
        var headerColour = await page.Locator("header.topbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(183, 28, 28)", headerColour);
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
