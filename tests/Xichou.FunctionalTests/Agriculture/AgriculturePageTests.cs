using System.Net;
using System.Text.RegularExpressions;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Agriculture.AgricultureSteps;

namespace Xichou.FunctionalTests.Agriculture;

/// <summary>
/// Agriculture's pages: the household page's application, approval and payment forms posted with their antiforgery token,
/// a bad cost shown beside its field, and the home's work list (open applications, unbound households).
/// </summary>
public partial class AgriculturePageTests(Platform platform)
{
    private ServiceHost Agriculture => platform[ServiceNames.Agriculture];

    private static Uri PageOf(Guid household) => new($"/households/{household}", UriKind.Relative);

    private static Dictionary<string, string> FormFrom(string page, Regex form, string what)
    {
        var match = form.Match(page);
        Assert.True(match.Success, $"the page offers {what}");
        var fields = HiddenInput().Matches(match.Value)
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        return fields;
    }

    private static async Task<string> PostAsync(HttpClient browser, Guid household, Dictionary<string, string> fields)
    {
        using var posted = await browser.PostAsync(PageOf(household), new FormUrlEncodedContent(fields), Cancellation);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        return WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task The_household_page_applies_approves_and_pays_a_subsidy_quoting_the_measure()
    {
        var household = await KnownToAgricultureAsync(platform);
        using var browser = Agriculture.BrowserFor(TestUser.Department(ServiceNames.Agriculture));
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(PageOf(household), Cancellation));
        Assert.Contains("户补助资金最高不超过3000元", page, StringComparison.Ordinal);
        Assert.Contains("不超过该户产业发展成本资金的50%", page, StringComparison.Ordinal);

        var application = FormFrom(page, ApplicationForm(), "the application form");
        application["Application.Industry"] = "烤烟";
        application["Application.Plan"] = "新种烤烟10亩";
        application["Application.CostYuan"] = "5999.98";
        var applied = await PostAsync(browser, household, application);

        Assert.Contains("已受理烤烟产业补助申请：补助2999.99元", applied, StringComparison.Ordinal);
        Assert.Contains("剩余额度0.01元", applied, StringComparison.Ordinal);
        var approve = FormFrom(applied, DecisionForm(), "the approval form");
        approve["Decision.Action"] = "approve";
        var approved = await PostAsync(browser, household, approve);

        Assert.Contains("已批准烤烟产业补助2999.99元", approved, StringComparison.Ordinal);
        var pay = FormFrom(approved, DecisionForm(), "the payment form");
        pay["Decision.Action"] = "pay";
        pay["Decision.PaidOn"] = Today;
        pay["Decision.Voucher"] = "XC-NK-PAGE-01";
        var paid = await PostAsync(browser, household, pay);

        Assert.Contains("已发放烤烟产业补助2999.99元（凭证 XC-NK-PAGE-01），剩余额度0.01元", paid, StringComparison.Ordinal);
        Assert.DoesNotMatch(DecisionForm(), paid);
        Assert.Equal("Paid", await Agriculture.ScalarAsync("SELECT Status FROM IndustryApplications WHERE HouseholdId = $id", ("$id", Id(household))));
        Assert.Equal(1, await Agriculture.OutboxRowsAsync<HouseholdPaid>(household.ToString()));
    }

    [Fact]
    public async Task A_cost_of_zero_posted_from_the_page_shows_the_chinese_error_beside_the_field_and_stores_nothing()
    {
        var household = await KnownToAgricultureAsync(platform);
        using var browser = Agriculture.BrowserFor(TestUser.Department(ServiceNames.Agriculture));
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(PageOf(household), Cancellation));
        var application = FormFrom(page, ApplicationForm(), "the application form");
        application["Application.Industry"] = "烤烟";
        application["Application.Plan"] = "新种烤烟10亩";
        application["Application.CostYuan"] = "0";

        var after = await PostAsync(browser, household, application);

        var form = ApplicationForm().Match(after);
        Assert.Matches("""<span class="error field-error" data-field="costYuan">产业发展成本（元）必须大于0[^<]*</span>""", form.Value);
        Assert.Contains("新种烤烟10亩", form.Value, StringComparison.Ordinal);
        Assert.Equal(0, await Agriculture.CountAsync("SELECT COUNT(*) FROM IndustryApplications WHERE HouseholdId = $id", ("$id", Id(household))));
    }

    [Fact]
    public async Task The_home_lists_open_applications_and_unbound_households_before_the_ledger()
    {
        var household = await KnownToAgricultureAsync(platform);
        var application = (await ApplyAsync(Agriculture.Client, household, 1200m, HttpStatusCode.Created, industry: "蔬菜")).GetProperty("id").GetGuid();
        await SendAsync(Agriculture.Client, HttpMethod.Put, $"/api/households/{household}/industries",
            new { surveyedOn = Today, industries = Array.Empty<object>() }, HttpStatusCode.OK);
        using var browser = Agriculture.BrowserFor(TestUser.Department(ServiceNames.Agriculture));

        var home = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation));

        var row = Regex.Match(home, $"""<tr data-application="{application}"[\s\S]*?</tr>""");
        Assert.True(row.Success, "the open application has a row");
        Assert.Contains($"href=\"households/{household}\"", row.Value, StringComparison.Ordinal);
        Assert.Contains("待审批", row.Value, StringComparison.Ordinal);
        Assert.Matches($"""<ul class="items" data-testid="unbound-households">[\s\S]*data-household="{household}"[\s\S]*?</ul>""", home);
        Assert.True(home.IndexOf("data-testid=\"open-applications\"", StringComparison.Ordinal) < home.IndexOf("data-testid=\"ledger\"", StringComparison.Ordinal));
    }

    [GeneratedRegex("""<form[^>]*data-testid="application-form"[\s\S]*?</form>""")]
    private static partial Regex ApplicationForm();

    [GeneratedRegex("""<form[^>]*data-testid="decision-form"[\s\S]*?</form>""")]
    private static partial Regex DecisionForm();

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]*)""")]
    private static partial Regex HiddenInput();
}
