using System.Net;
using System.Text.RegularExpressions;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Housing.HousingSteps;

namespace Xichou.FunctionalTests.Housing;

/// <summary>
/// Housing's pages: the household page's assessment and completion forms posted with their antiforgery token, and the home
/// page's open cases.
/// </summary>
public partial class HousingPageTests(Platform platform)
{
    private ServiceHost Housing => platform[ServiceNames.Housing];

    private static Uri PageOf(Guid household) => new($"/households/{household}", UriKind.Relative);

    /// <summary>The assessment form's hidden fields (antiforgery token, form name) from the page, with the user's entries.</summary>
    private static Dictionary<string, string> AssessmentFormFrom(string page, string grade, string assessedOn)
    {
        var form = AssessmentForm().Match(page);
        Assert.True(form.Success, "the household page offers the assessment form");
        var fields = HiddenFields(form.Value);
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        fields["Assessment.Grade"] = grade;
        fields["Assessment.AssessedOn"] = assessedOn;
        fields["Assessment.Assessor"] = "县住建局 钱工";
        fields["Assessment.Note"] = "屋面局部塌陷";
        return fields;
    }

    [Fact]
    public async Task The_household_page_form_records_an_assessment_with_its_antiforgery_token()
    {
        var household = await KnownToHousingAsync(platform);
        using var browser = Housing.BrowserFor(TestUser.Department(ServiceNames.Housing));
        var page = await browser.GetStringAsync(PageOf(household), Cancellation);
        Assert.Contains("data-testid=\"assessments\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Assessment.Grade\"", page, StringComparison.Ordinal);
        Assert.Contains("type=\"date\"", page, StringComparison.Ordinal);
        // The rule the form applies, quoted from the policy in force.
        Assert.Contains(Xichou.Housing.Policy.HousingPolicy.Xichou2021.Sources["UnsafeGrades"], WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        using var posted = await browser.PostAsync(PageOf(household), new FormUrlEncodedContent(AssessmentFormFrom(page, "C", Today)), Cancellation);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var after = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("已记录C级（局部危房）鉴定", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"remediation-case\"", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"plan-form\"", after, StringComparison.Ordinal);
        Assert.Equal("C", await Housing.ScalarAsync("SELECT Grade FROM Assessments WHERE HouseholdId = $id", ("$id", Id(household))));
        Assert.Equal("县住建局 钱工", await Housing.ScalarAsync("SELECT Assessor FROM Assessments WHERE HouseholdId = $id", ("$id", Id(household))));
    }

    [Fact]
    public async Task A_bad_grade_posted_from_the_page_shows_the_chinese_error_beside_the_field_and_stores_nothing()
    {
        var household = await KnownToHousingAsync(platform);
        using var browser = Housing.BrowserFor(TestUser.Department(ServiceNames.Housing));
        var page = await browser.GetStringAsync(PageOf(household), Cancellation);

        using var posted = await browser.PostAsync(PageOf(household), new FormUrlEncodedContent(AssessmentFormFrom(page, "E", Today)), Cancellation);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var form = AssessmentForm().Match(WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Cancellation)));
        Assert.True(form.Success);
        Assert.Matches("""<span class="error field-error" data-field="grade">鉴定等级只能是A、B、C或D[^<]*</span>""", form.Value);
        Assert.DoesNotContain("One or more", form.Value, StringComparison.Ordinal);
        // What the user typed stays in the form.
        Assert.Contains("县住建局 钱工", form.Value, StringComparison.Ordinal);
        Assert.Equal(0, await Housing.CountAsync("SELECT COUNT(*) FROM Assessments WHERE HouseholdId = $id", ("$id", Id(household))));
    }

    [Fact]
    public async Task A_county_leader_sees_the_assessments_but_no_form()
    {
        var household = await KnownToHousingAsync(platform);
        await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Created);
        using var leader = Housing.BrowserFor(TestUser.CountyLeader);

        var page = await leader.GetStringAsync(PageOf(household), Cancellation);

        Assert.Contains("data-grade=\"D\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"remediation-case\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"assessment-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"plan-form\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exited_households_page_keeps_its_history_and_open_case_but_offers_no_form()
    {
        var household = await KnownToHousingAsync(platform);
        await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Created);
        await ExitAsync(platform, household);
        using var browser = Housing.BrowserFor(TestUser.Department(ServiceNames.Housing));

        var page = await browser.GetStringAsync(PageOf(household), Cancellation);

        Assert.Contains("data-testid=\"exited-notice\"", page, StringComparison.Ordinal);
        Assert.Contains("data-grade=\"D\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"remediation-case\"", page, StringComparison.Ordinal);
        Assert.All(["assessment-form", "plan-form", "progress-form", "complete-form", "refer-form"],
            form => Assert.DoesNotContain($"data-testid=\"{form}\"", page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_home_page_lists_the_open_case_with_its_responsible_person_and_a_link_to_the_household()
    {
        var household = await KnownToHousingAsync(platform);
        var caseId = (await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Created)).GetProperty("remediationCaseId").GetGuid();
        await PlanAsync(Housing.Client, caseId);
        using var browser = Housing.BrowserFor(TestUser.Department(ServiceNames.Housing));

        var home = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation));

        Assert.Contains("data-testid=\"open-cases\"", home, StringComparison.Ordinal);
        var row = Regex.Match(home, $"""<tr data-case="{caseId}"[\s\S]*?</tr>""");
        Assert.True(row.Success, "the open case has a row");
        Assert.Contains($"href=\"households/{household}\"", row.Value, StringComparison.Ordinal);
        Assert.Contains("李建国", row.Value, StringComparison.Ordinal);
        Assert.Contains("挂包帮单位帮建", row.Value, StringComparison.Ordinal);
        Assert.Contains("0 天", row.Value, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"ledger\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completing_the_case_from_the_page_shows_the_referral_to_housing_delivered_among_the_households_referrals()
    {
        var household = await RegisteredAsync(platform, "532623204007", "李光福");
        var referral = (await PostAsync(platform.Monitoring.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "走访发现房屋墙体开裂，请住建局鉴定改造" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => (await Housing.Client.GetAsync(new Uri($"/api/referrals/{referral}", UriKind.Relative), Cancellation))
            .StatusCode == HttpStatusCode.OK, "housing to receive the referral");
        var caseId = (await AssessAsync(Housing.Client, household, "D", HttpStatusCode.Created)).GetProperty("remediationCaseId").GetGuid();
        await PlanAsync(Housing.Client, caseId);
        using var browser = Housing.BrowserFor(TestUser.Department(ServiceNames.Housing));
        var page = await browser.GetStringAsync(PageOf(household), Cancellation);
        Assert.Contains("data-status=\"requested\"", ReferralRow(page, referral), StringComparison.Ordinal);
        var form = CompleteForm().Match(page);
        Assert.True(form.Success, "the household page offers the completion form");
        var fields = HiddenFields(form.Value);
        fields["Completion.Grade"] = "B";
        fields["Completion.AssessedOn"] = Today;
        fields["Completion.Assessor"] = "县住建局 赵工";

        using var posted = await browser.PostAsync(PageOf(household), new FormUrlEncodedContent(fields), Cancellation);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var after = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("改造完成：复核为B级（基本安全），已办结转住建局的转办 1 件。", after, StringComparison.Ordinal);
        Assert.Contains($"data-case=\"{caseId}\"", after, StringComparison.Ordinal);
        // The card's table in the same response already shows it delivered.
        var row = ReferralRow(after, referral);
        Assert.Contains("data-status=\"delivered\"", row, StringComparison.Ordinal);
        Assert.Contains("已办结", row, StringComparison.Ordinal);
        Assert.Equal("Delivered", await Housing.ScalarAsync("SELECT Status FROM Referrals WHERE Id = $id", ("$id", Id(referral))));
    }

    /// <summary>The referral's row in the household card's table of referrals.</summary>
    private static string ReferralRow(string page, Guid referral)
    {
        var table = Regex.Match(page, """<table[^>]*data-testid="household-referrals"[\s\S]*?</table>""");
        Assert.True(table.Success, "the page shows the household's referrals");
        var row = Regex.Match(table.Value, $"""<tr[^>]*data-referral="{referral}"[^>]*>[\s\S]*?</tr>""");
        Assert.True(row.Success, $"referral {referral} has a row");
        return row.Value;
    }

    private static Dictionary<string, string> HiddenFields(string form) =>
        HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("""<form[^>]*data-testid="complete-form"[\s\S]*?</form>""")]
    private static partial Regex CompleteForm();

    [GeneratedRegex("""<form[^>]*data-testid="assessment-form"[\s\S]*?</form>""")]
    private static partial Regex AssessmentForm();

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]*)""")]
    private static partial Regex HiddenInput();
}
