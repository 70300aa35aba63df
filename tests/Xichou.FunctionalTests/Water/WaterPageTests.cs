using System.Net;
using System.Text.RegularExpressions;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Water;

/// <summary>The water bureau's pages (static SSR): the household page's check form posted with its antiforgery token, as a browser does.</summary>
public partial class WaterPageTests(Platform platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Water => platform.Water();

    private static readonly string[] CheckFields =
    [
        "Check.CheckedOn", "Check.LitresPerPersonPerDay", "Check.QualityMeetsStandard", "Check.FailingItem", "Check.PipedToHome",
        "Check.FetchMinutes", "Check.HorizontalMetres", "Check.VerticalMetres", "Check.DaysWithoutSupply",
    ];

    [Fact]
    public async Task The_household_page_offers_the_check_form_with_every_field_and_the_standards_wording()
    {
        var (id, _) = await platform.KnownToWaterAsync();
        using var browser = Water.BrowserFor(TestUser.Department("water"));

        var page = await browser.GetStringAsync(new Uri($"/households/{id}", UriKind.Relative), Cancellation);

        var form = Form(page, "check-form");
        foreach (var field in CheckFields)
        {
            Assert.Contains($"name=\"{field}\"", form, StringComparison.Ordinal);
        }
        Assert.Contains("name=\"Check.CheckedOn\" type=\"date\"", form, StringComparison.Ordinal);
        Assert.Contains("每人每天可获得的水量不低于35升", WebUtility.HtmlDecode(form), StringComparison.Ordinal);
        Assert.Contains("一年中断供水不超过36天", WebUtility.HtmlDecode(form), StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", form, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"open-case-form\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_litres_posted_from_the_page_show_the_chinese_error_beside_the_field_and_store_nothing()
    {
        var (id, _) = await platform.KnownToWaterAsync();
        using var browser = Water.BrowserFor(TestUser.Department("water"));
        var fields = Hidden(Form(await browser.GetStringAsync(new Uri($"/households/{id}", UriKind.Relative), Cancellation), "check-form"));
        fields["Check.CheckedOn"] = WaterSteps.Today;
        fields["Check.LitresPerPersonPerDay"] = "-20";
        fields["Check.QualityMeetsStandard"] = "yes";
        fields["Check.PipedToHome"] = "yes";
        fields["Check.DaysWithoutSupply"] = "0";

        using var posted = await browser.PostAsync(new Uri($"/households/{id}", UriKind.Relative), new FormUrlEncodedContent(fields), Cancellation);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Cancellation));
        var label = Label(Form(page, "check-form"), "Check.LitresPerPersonPerDay");
        Assert.Matches("data-field=\"litresPerPersonPerDay\">[^<]*不能为负数<", label);
        Assert.DoesNotContain(" / ", Regex.Match(label, "data-field=\"litresPerPersonPerDay\">([^<]*)<").Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("value=\"-20\"", label, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"check-result\"", page, StringComparison.Ordinal);
        Assert.Equal(0, await Water.ChecksOfAsync(id));
        Assert.Equal(0, await Water.AuditLinesAsync(id));
    }

    [Fact]
    public async Task A_failing_check_posted_from_the_page_shows_each_failing_indicator_and_joins_the_history()
    {
        var (id, _) = await platform.KnownToWaterAsync();
        using var browser = Water.BrowserFor(TestUser.Department("water"));
        var fields = Hidden(Form(await browser.GetStringAsync(new Uri($"/households/{id}", UriKind.Relative), Cancellation), "check-form"));
        fields["Check.CheckedOn"] = WaterSteps.Today;
        fields["Check.LitresPerPersonPerDay"] = "30";
        fields["Check.QualityMeetsStandard"] = "no";
        fields["Check.FailingItem"] = "总大肠菌群";
        fields["Check.PipedToHome"] = "no";
        fields["Check.HorizontalMetres"] = "801";
        fields["Check.DaysWithoutSupply"] = "10";

        using var posted = await browser.PostAsync(new Uri($"/households/{id}", UriKind.Relative), new FormUrlEncodedContent(fields), Cancellation);

        var page = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Cancellation));
        var result = Section(page, "check-result");
        Assert.Equal(["quantity", "quality", "convenience"], Regex.Matches(result, "data-indicator=\"([a-z]+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("总大肠菌群", result, StringComparison.Ordinal);
        Assert.Contains("水平距离 801 米", result, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"checks\"", page, StringComparison.Ordinal);
        Assert.Equal(1, await Water.ChecksOfAsync(id));
    }

    [Fact]
    public async Task Readers_who_may_not_write_and_exited_households_get_no_forms()
    {
        var (id, _) = await platform.KnownToWaterAsync("532623201005");
        await Water.Client.PostJsonAsync($"/api/households/{id}/checks", WaterSteps.Check(litres: 10m), HttpStatusCode.Created);
        using var leader = Water.BrowserFor(TestUser.CountyLeader);
        var asLeader = await leader.GetStringAsync(new Uri($"/households/{id}", UriKind.Relative), Cancellation);
        Assert.Contains("data-testid=\"checks\"", asLeader, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"check-form\"", asLeader, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"open-case-form\"", asLeader, StringComparison.Ordinal);

        await platform.ExitAsync(id, "532623201005");
        using var browser = Water.BrowserFor(TestUser.Department("water"));
        var page = await browser.GetStringAsync(new Uri($"/households/{id}", UriKind.Relative), Cancellation);
        Assert.Contains("data-testid=\"exited-notice\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"check-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"open-case-form\"", page, StringComparison.Ordinal);
        // An exited household needs no case either.
        var home = await browser.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);
        Assert.DoesNotContain($"data-household=\"{id}\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_opened_from_the_home_page_for_the_ticked_households_shows_among_the_open_cases()
    {
        var (first, _) = await platform.KnownToWaterAsync("532623202003");
        var (second, _) = await platform.KnownToWaterAsync("532623202003");
        foreach (var household in new[] { first, second })
        {
            await Water.Client.PostJsonAsync($"/api/households/{household}/checks", WaterSteps.Check(piped: false, fetchMinutes: 45), HttpStatusCode.Created);
        }
        using var browser = Water.BrowserFor(TestUser.Department("water"));
        var home = await browser.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);
        var form = Regex.Match(home, """<form[^>]*>(?:(?!</form>)[\s\S])*?data-testid="needs-case"[\s\S]*?</form>""").Value;
        var fields = Hidden(form);
        // Tick the two households: each row posts its household id, and "Selected" only where ticked.
        foreach (var household in new[] { first, second })
        {
            var row = fields.First(f => f.Value == household.ToString()).Key;
            fields[row.Replace(".HouseholdId", ".Selected", StringComparison.Ordinal)] = "true";
        }
        fields["Group.Measure"] = "坡脚村集中供水点延伸管网入户";
        fields["Group.ResponsiblePerson"] = "新马街乡水管站 黄文";
        fields["Group.SupplyPoint"] = "坡脚村集中供水点";

        using var posted = await browser.PostAsync(new Uri("/", UriKind.Relative), new FormUrlEncodedContent(fields), Cancellation);

        var page = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("data-testid=\"case-opened\"", page, StringComparison.Ordinal);
        var openCases = Section(page, "open-cases");
        var row2 = Regex.Match(openCases, """<tr data-case="[^"]+">(?:(?!</tr>)[\s\S])*坡脚村集中供水点延伸管网入户[\s\S]*?</tr>""").Value;
        Assert.Contains($"households/{first}", row2, StringComparison.Ordinal);
        Assert.Contains($"households/{second}", row2, StringComparison.Ordinal);
        Assert.Equal(2, await Water.CountAsync("SELECT COUNT(*) FROM RemediationHouseholds WHERE HouseholdId IN ($a, $b)",
            ("$a", WaterSteps.Key(first)), ("$b", WaterSteps.Key(second))));
    }

    [Fact]
    public async Task The_case_panel_completes_the_case_with_a_recheck_posted_from_the_household_page_and_shows_the_referral_delivered()
    {
        var (id, _) = await platform.RegisteredAsync("532623202001");
        await Water.Client.PostJsonAsync($"/api/households/{id}/checks", WaterSteps.Check(days: 60), HttpStatusCode.Created);
        var caseId = (await Water.Client.PostJsonAsync("/api/remediations", new { measure = "修建蓄水池", responsiblePerson = "马街村村委会 杨光", householdIds = new[] { id } },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var referral = (await platform.Monitoring.Client.PostJsonAsync("/api/referrals",
            new { householdId = id, toDepartment = "water", request = "走访发现常年断水，请水务局解决" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => await Water.Client.TryGetJsonAsync($"/api/referrals/{referral}") is not null, "water's copy of the referral");
        using var browser = Water.BrowserFor(TestUser.Department("water"));
        var page = await browser.GetStringAsync(new Uri($"/households/{id}", UriKind.Relative), Cancellation);
        Assert.Contains($"data-case=\"{caseId}\"", page, StringComparison.Ordinal);
        Assert.Contains("data-status=\"requested\"", ReferralRow(page, referral), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"open-case-form\"", page, StringComparison.Ordinal);
        var fields = Hidden(Form(page, "complete-form"));
        fields["Recheck.CheckedOn"] = WaterSteps.Today;
        fields["Recheck.LitresPerPersonPerDay"] = "45";
        fields["Recheck.QualityMeetsStandard"] = "yes";
        fields["Recheck.PipedToHome"] = "yes";
        fields["Recheck.DaysWithoutSupply"] = "60";

        using var refused = await browser.PostAsync(new Uri($"/households/{id}", UriKind.Relative), new FormUrlEncodedContent(fields), Cancellation);

        var refusedPage = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("data-indicator=\"supply\"", Section(refusedPage, "recheck-failed"), StringComparison.Ordinal);
        Assert.Equal(1, await Water.ChecksOfAsync(id));

        fields["Recheck.DaysWithoutSupply"] = "12";
        using var posted = await browser.PostAsync(new Uri($"/households/{id}", UriKind.Relative), new FormUrlEncodedContent(fields), Cancellation);

        var after = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("data-testid=\"case-completed\"", after, StringComparison.Ordinal);
        Assert.Contains("；已办结转办 1 件。", after, StringComparison.Ordinal);
        Assert.Contains($"data-case=\"{caseId}\" data-status=\"completed\"", after, StringComparison.Ordinal);
        // The card's table in the same response already shows the referral delivered.
        var row = ReferralRow(after, referral);
        Assert.Contains("data-status=\"delivered\"", row, StringComparison.Ordinal);
        Assert.Contains("已办结", row, StringComparison.Ordinal);
        Assert.Equal(2, await Water.ChecksOfAsync(id));
        Assert.Equal("Secured", await Water.SurveyOfAsync(id));
    }

    /// <summary>The referral's row in the household card's table of referrals.</summary>
    private static string ReferralRow(string page, Guid referral)
    {
        var row = Regex.Match(Section(page, "household-referrals"), $"""<tr[^>]*data-referral="{referral}"[^>]*>[\s\S]*?</tr>""");
        Assert.True(row.Success, $"referral {referral} has a row");
        return row.Value;
    }

    private static string Form(string page, string testId)
    {
        var match = Regex.Match(page, $"""<form[^>]*data-testid="{testId}"[\s\S]*?</form>""");
        Assert.True(match.Success, $"the page has no {testId}");
        return match.Value;
    }

    private static string Section(string page, string testId)
    {
        var match = Regex.Match(page, $"""<(section|table|ul)[^>]*data-testid="{testId}"[\s\S]*?</\1>""");
        Assert.True(match.Success, $"the page has no {testId}");
        return match.Value;
    }

    /// <summary>The label around the input named <paramref name="name"/>: the field and its errors.</summary>
    private static string Label(string form, string name)
    {
        var match = Regex.Match(form, $"""<label>(?:(?!</label>)[\s\S])*name="{Regex.Escape(name)}"[\s\S]*?</label>""");
        Assert.True(match.Success, $"no label for {name}");
        return match.Value;
    }

    private static Dictionary<string, string> Hidden(string form) =>
        HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]*)""")]
    private static partial Regex HiddenInput();
}
