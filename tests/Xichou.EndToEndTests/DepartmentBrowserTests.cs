using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>Department staff at work in Debian's chromium, through the gateway: housing's referral inbox, water's check form.</summary>
public sealed class DepartmentBrowserTests(PlatformFixture platform) : BrowserTest(platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A household registered in 三光村 just now, once <paramref name="department"/> holds its copy.</summary>
    private async Task<Guid> RegisterAsync(string head, string department)
    {
        using var village = await Platform.CreateGatewayClientAsync("village-sanguang");
        using var response = await village.PostAsJsonAsync("/monitoring/api/households",
            new { villageCode = "532623101012", headName = head, headIdNumber = IdNumbers.New(), perCapitaIncome = 8000m }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        using var staff = await Platform.CreateGatewayClientAsync(department);
        await Eventually.GetAsync(async () => (await staff.GetAsync($"/{department}/api/households/{id}", Cancellation)).StatusCode == HttpStatusCode.OK
            ? "known" : null, $"{department} to hold the household");
        return id;
    }

    [Fact]
    public async Task Housing_staff_find_a_village_referral_in_their_inbox_with_its_deadline_and_accept_it()
    {
        var household = await RegisterAsync("陶世华", ServiceNames.Housing);
        using var village = await Platform.CreateGatewayClientAsync("village-sanguang");
        using var created = await village.PostAsJsonAsync("/monitoring/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "屋顶漏雨，请住建局鉴定" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var referral = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();

        var page = await SignInAsync("housing", "/housing/");
        var row = page.Locator($"[data-testid='incoming-referrals'] tr[data-referral='{referral}']");
        await Eventually.GetAsync(async () =>
        {
            await page.ReloadAsync();
            return await row.CountAsync() == 1 ? "shown" : null;
        }, "the referral on housing's home page");
        Assert.Contains("屋顶漏雨，请住建局鉴定", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("green", await row.Locator("[data-light]").GetAttributeAsync("data-light"));

        await page.GotoAsync("/housing/referrals");
        var inboxRow = page.Locator($"[data-testid='incoming-referrals'] tr[data-referral='{referral}']");
        Assert.Equal("requested", await inboxRow.GetAttributeAsync("data-status"));
        await inboxRow.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync($"**/housing/referrals/{referral}");
        Assert.Equal("待接收", await page.GetByTestId("referral-status").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "接收转办" }).ClickAsync();
        await page.GetByTestId("referral-message").WaitForAsync();
        Assert.Equal("办理中", await page.GetByTestId("referral-status").InnerTextAsync());
        await page.GetByTestId("deliver-form").WaitForAsync();

        // The village sees it accepted on the register.
        await Eventually.GetAsync(async () =>
        {
            var view = await village.GetFromJsonAsync<JsonElement>($"/monitoring/api/referrals/{referral}", Cancellation);
            return view.GetProperty("status").GetString() == "accepted" ? "accepted" : null;
        }, "the register's copy to be accepted");
    }

    [Fact]
    public async Task Water_staff_record_a_check_a_negative_amount_is_refused_beside_its_field_and_a_short_supply_is_a_finding()
    {
        var household = await RegisterAsync("陶光明", ServiceNames.Water);
        var page = await SignInAsync("water", $"/water/households/{household}");
        var form = page.GetByTestId("check-form");
        await form.WaitForAsync();
        var today = Beijing.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await form.Locator("input[name='Check.CheckedOn']").FillAsync(today);
        await form.Locator("input[name='Check.LitresPerPersonPerDay']").FillAsync("-5");
        await form.Locator("select[name='Check.QualityMeetsStandard']").SelectOptionAsync("yes");
        await form.Locator("select[name='Check.PipedToHome']").SelectOptionAsync("yes");
        await form.Locator("input[name='Check.DaysWithoutSupply']").FillAsync("10");
        await form.Locator("button[type='submit']").ClickAsync();
        var error = page.Locator(".field-error[data-field='litresPerPersonPerDay']");
        await error.WaitForAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await error.InnerTextAsync());
        Assert.Equal(0, await page.GetByTestId("check-result").CountAsync());

        await page.Locator("input[name='Check.LitresPerPersonPerDay']").FillAsync("30");
        await page.GetByTestId("check-form").Locator("button[type='submit']").ClickAsync();
        var result = page.GetByTestId("check-result");
        await result.WaitForAsync();
        Assert.Equal(1, await result.Locator("[data-indicator='quantity']").CountAsync());
        Assert.Contains("35", await result.InnerTextAsync(), StringComparison.Ordinal);

        // The finding reaches the register, naming the quantity against the standard.
        using var village = await Platform.CreateGatewayClientAsync("village-sanguang");
        var explanation = await Eventually.GetAsync(async () =>
        {
            var risks = await village.GetFromJsonAsync<JsonElement>("/monitoring/api/risks?status=open&pageSize=200", Cancellation);
            return risks.GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("householdId").GetGuid() == household && r.GetProperty("rule").GetString()!.StartsWith("water", StringComparison.Ordinal))
                .Select(r => r.GetProperty("explanation").GetString()).FirstOrDefault();
        }, "the water finding on the register");
        Assert.Contains("30", explanation, StringComparison.Ordinal);
    }
}
