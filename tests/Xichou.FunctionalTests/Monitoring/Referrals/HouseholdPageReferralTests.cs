using System.Net;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.FunctionalTests.Monitoring.Register;

namespace Xichou.FunctionalTests.Monitoring.Referrals;

/// <summary>The household page (户情): every department's findings, every referral of the household, and the 转办 form for those who may send one.</summary>
public partial class HouseholdPageReferralTests(Platform platform)
{
    /// <summary>兴街镇龙坪村, so its village monitor may write here.</summary>
    private const string Village = TestUser.LongpingVillage;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    [Fact]
    public async Task A_village_monitor_refers_a_department_finding_from_the_household_page_and_sees_it_listed_with_field_errors_in_Chinese_first()
    {
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New());
        var finding = Guid.NewGuid();
        await Monitoring.Services.GetRequiredService<IBus>().Publish(new RiskIdentified
        {
            RiskId = finding, HouseholdId = household, TownshipCode = "532623101", Village = "龙坪村", VillageCode = Village,
            Department = ServiceNames.Water, Category = "water-quality", Severity = "medium", Description = "水质检测大肠菌群超标",
            OccurredAt = DateTimeOffset.UtcNow,
        }, Cancellation);
        await Monitoring.RowsReachAsync("Risks", household, 1, "SourceId = $finding", ("$finding", finding.ToString().ToUpperInvariant()));
        var riskId = (string)(await Monitoring.ScalarAsync("SELECT Id FROM Risks WHERE SourceId = $finding", ("$finding", finding.ToString().ToUpperInvariant())))!;
        using var browser = Monitoring.BrowserFor(TestUser.LongpingMonitor);
        var page = Html(await browser.GetStringAsync(PageUri(household), Cancellation));

        var findings = Section().Matches(page).Single(m => m.Value.Contains("部门发现", StringComparison.Ordinal)).Value;
        Assert.Contains("县水务局", findings, StringComparison.Ordinal);
        Assert.Contains("水质检测大肠菌群超标", findings, StringComparison.Ordinal);
        Assert.Contains("该户暂无转办", page, StringComparison.Ordinal);
        var form = ReferForm().Match(page);
        Assert.True(form.Success, "the household page offers the 转办 form");
        Assert.Contains(riskId.ToLowerInvariant(), form.Value.ToLowerInvariant(), StringComparison.Ordinal);
        var fields = HiddenInput().Matches(form.Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);

        // No request: nothing is stored and the error stands next to the field, in Chinese.
        fields["Refer.ToDepartment"] = "water";
        fields["Refer.RiskId"] = riskId;
        fields["Refer.Request"] = "";
        using (var invalid = await browser.PostAsync(PageUri(household), new FormUrlEncodedContent(fields), Cancellation))
        {
            var answer = Html(await invalid.Content.ReadAsStringAsync(Cancellation));
            Assert.Matches("data-field=\"request\">转办事项必填<", answer);
            Assert.DoesNotContain("The request is required", answer, StringComparison.Ordinal);
        }
        Assert.Equal(0, await Monitoring.RowsAsync("Referrals", household));

        fields["Refer.Request"] = "请水务局落实管网维修并复检水质";
        using (var posted = await browser.PostAsync(PageUri(household), new FormUrlEncodedContent(fields), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Contains("已转办", Html(await posted.Content.ReadAsStringAsync(Cancellation)), StringComparison.Ordinal);
        }

        Assert.Equal(1, await Monitoring.RowsAsync("Referrals", household,
            "FromService = 'monitoring' AND ToDepartment = 'water' AND RiskId = $risk AND RequestedBy = $by AND Status = 'Requested'",
            ("$risk", riskId), ("$by", TestUser.LongpingMonitor.Name)));
        var after = Html(await browser.GetStringAsync(PageUri(household), Cancellation));
        var listed = ReferralTable().Match(after);
        Assert.True(listed.Success, "the household's referrals are listed");
        Assert.Contains("县水务局", listed.Value, StringComparison.Ordinal);
        Assert.Contains("待接收", listed.Value, StringComparison.Ordinal);
        Assert.Contains("请水务局落实管网维修并复检水质", listed.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoever_may_not_send_referrals_sees_the_households_referrals_but_no_form()
    {
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New());
        using var leader = Monitoring.BrowserFor(TestUser.CountyLeader);

        var page = Html(await leader.GetStringAsync(PageUri(household), Cancellation));

        Assert.Contains("该户暂无转办", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"refer-form\"", page, StringComparison.Ordinal);
    }

    private static Uri PageUri(Guid household) => new($"/households/{household}", UriKind.Relative);

    private static string Html(string text) => WebUtility.HtmlDecode(text);

    [GeneratedRegex("""<section class="card">[\s\S]*?</section>""")]
    private static partial Regex Section();

    [GeneratedRegex("""<form[^>]*data-testid="refer-form"[\s\S]*?</form>""")]
    private static partial Regex ReferForm();

    [GeneratedRegex("""<table[^>]*data-testid="household-referrals"[\s\S]*?</table>""")]
    private static partial Regex ReferralTable();

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]*)""")]
    private static partial Regex HiddenInput();
}
