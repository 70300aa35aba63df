using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>
/// The command centre through the gateway: its live stream (server-sent events) outlasting the gateway's 30 s activity
/// timeout on heartbeats and carrying a registration, and the overview in Debian's chromium updating without a reload.
/// </summary>
public sealed class CommandCentreTests(PlatformFixture platform) : BrowserTest(platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<Guid> RegisterAsync(string name)
    {
        using var office = await Platform.CreateGatewayClientAsync("poverty-office");
        using var registered = await office.PostAsJsonAsync("/monitoring/api/households",
            new { villageCode = "532623204001", headName = name, headIdNumber = IdNumbers.New(), perCapitaIncome = 6800m }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task The_stream_through_the_gateway_carries_a_registration_and_heartbeats_keep_it_open_past_the_activity_timeout()
    {
        // A client without the personal-data guard, which reads a response to its end: a stream has none (it carries counts only).
        using var signedIn = await Platform.CreateGatewayClientAsync("county-leader");
        using var client = new HttpClient { BaseAddress = Platform.GatewayAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        using var response = await client.GetAsync("/command-centre/api/overview/stream", HttpCompletionOption.ResponseHeadersRead, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancellation));
        var (first, overview) = await ServerSentEvents.ReadAsync(reader, TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal("overview", first);
        var before = overview.GetProperty("households").GetInt32();

        await RegisterAsync("卢明");
        await Eventually.TrueAsync(async () =>
        {
            var (type, data) = await ServerSentEvents.ReadAsync(reader, TimeSpan.FromSeconds(30), Cancellation);
            return type == "overview" && data.GetProperty("households").GetInt32() > before;
        }, "an overview event counting the registration", TimeSpan.FromSeconds(60));

        // Longer than the gateway's 30 s activity timeout: something arrives at least every 10 s (a heartbeat when nothing
        // changed, the overview when other tests' households did), so the stream is still open after 35 s.
        var started = DateTime.UtcNow;
        var received = new List<string>();
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(35))
        {
            var (type, _) = await ServerSentEvents.ReadAsync(reader, TimeSpan.FromSeconds(15), Cancellation);
            received.Add(type);
        }
        Assert.True(received.Count >= 3, $"{received.Count} events in 35 s: {string.Join(", ", received)}");
        Assert.All(received, type => Assert.True(type is "heartbeat" or "overview", type));
    }

    [Fact]
    public async Task The_overview_draws_each_chart_from_the_numbers_in_its_table_and_counts_a_registration_without_a_reload()
    {
        var page = await SignInAsync("county-leader", "/command-centre/", new ViewportSize { Width = 1600, Height = 1200 });
        var statuses = page.Locator("[data-chart='statuses'][data-drawn]");
        await statuses.WaitForAsync();
        var monitored = await page.Locator("[data-testid='statuses'] tr[data-key='monitored'] td.num").InnerTextAsync();
        // ECharts (SVG renderer) writes the pie's labels as text: the chart says what the table says.
        await Assertions.Expect(statuses.Locator("svg")).ToContainTextAsync($"监测中: {monitored}");
        var levels = page.Locator("[data-chart='risk-levels'][data-drawn] svg");
        await Assertions.Expect(levels).ToContainTextAsync("乡镇级");

        var households = page.GetByTestId("households");
        var before = int.Parse(await households.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        await Eventually.TrueAsync(async () => await page.Locator("[data-overview-root][data-heartbeat], [data-overview-root][data-refreshed]").CountAsync() > 0
            || await page.Locator("[data-live-status]").InnerTextAsync() is { Length: > 0 }, "the page's stream to open");

        await RegisterAsync("龙正春");
        await Eventually.TrueAsync(async () =>
            int.Parse(await page.GetByTestId("households").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) > before,
            "the overview to count the registration without a reload", TimeSpan.FromSeconds(60));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        // After the update the charts are drawn again from the new numbers.
        await page.Locator("[data-chart='statuses'][data-drawn]").WaitForAsync();
        monitored = await page.Locator("[data-testid='statuses'] tr[data-key='monitored'] td.num").InnerTextAsync();
        await Assertions.Expect(page.Locator("[data-chart='statuses'] svg")).ToContainTextAsync($"监测中: {monitored}");

        var screenshots = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "command-centre-overview.png"), FullPage = true });

        var big = page;
        await big.GotoAsync(new Uri(Platform.GatewayAddress, "command-centre/big-screen").ToString());
        await big.Locator("[data-chart='places'][data-drawn]").WaitForAsync();
        Assert.Equal(1, await big.Locator(".township-panel:not([hidden])").CountAsync());
        await big.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "command-centre-big-screen.png") });
    }

    [Fact]
    public async Task A_department_cannot_open_the_command_centre_and_the_zone_commander_sees_their_township()
    {
        using var housing = await Platform.CreateGatewayClientAsync(ServiceNames.Housing);
        using var refused = await housing.GetAsync("/command-centre/api/overview", Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var commander = await Platform.CreateGatewayClientAsync("zone-xingjie");
        var overview = await commander.GetFromJsonAsync<JsonElement>("/command-centre/api/overview", Cancellation);
        Assert.Equal("兴街镇", overview.GetProperty("scope").GetString());
        Assert.Equal(["532623101"], overview.GetProperty("places").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Xichou.sln")))
            {
                return directory.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
