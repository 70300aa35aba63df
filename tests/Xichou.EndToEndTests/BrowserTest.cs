using Microsoft.Playwright;

namespace Xichou.EndToEndTests;

/// <summary>
/// A test class driving Debian's chromium through the gateway: one browser per class, and signing in as a county user
/// does (sent to the login page, and back to where they were going).
/// </summary>
public abstract class BrowserTest(PlatformFixture platform) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected PlatformFixture Platform { get; } = platform;

    protected IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

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
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens <paramref name="path"/>, signs in as <paramref name="userName"/> on the login page it leads to, and waits to be back there.</summary>
    protected async Task<IPage> SignInAsync(string userName, string path = "/", ViewportSize? viewport = null)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = Platform.GatewayAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = viewport,
        });
        await page.GotoAsync(path);
        await page.WaitForURLAsync("**/login?ReturnUrl=*");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(PlatformFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(Platform.GatewayAddress, path.TrimStart('/')).ToString());
        return page;
    }
}
