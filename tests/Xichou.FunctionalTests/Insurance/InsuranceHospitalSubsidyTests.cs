using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Housing.HousingSteps;
using static Xichou.FunctionalTests.Insurance.InsuranceSteps;

namespace Xichou.FunctionalTests.Insurance;

/// <summary>
/// 措施八 住院自付费用补助 through insurance's API on the real broker: 80 % of the self-paid part up to 50,000 yuan per person per
/// year, HouseholdPaid with the cap's headroom through the outbox, a refusal at the cap naming what was granted, concurrent
/// bills never passing the cap, and bad input a bilingual 400 (unknown member 404) with nothing stored.
/// </summary>
public class InsuranceHospitalSubsidyTests(Platform platform)
{
    private ServiceHost Insurance => platform[ServiceNames.Insurance];

    [Fact]
    public async Task A_self_paid_10000_bill_gets_8000_and_publishes_HouseholdPaid_with_42000_headroom()
    {
        var (household, _, spouse) = await RegisteredWithSpouseAsync(platform);

        var granted = await BillAsync(Insurance.Client, spouse, 10_000m, HttpStatusCode.Created, total: 25_000m);

        Assert.Equal(8_000m, granted.GetProperty("subsidyYuan").GetDecimal());
        Assert.Equal(42_000m, granted.GetProperty("remainingThisYearYuan").GetDecimal());
        var paid = Assert.Single(await OutboxEventsAsync<HouseholdPaid>(Insurance, household.ToString()));
        Assert.Equal(granted.GetProperty("id").GetGuid(), paid.GetProperty("paymentId").GetGuid());
        Assert.Equal(spouse, paid.GetProperty("memberId").GetGuid());
        Assert.Equal("insurance", paid.GetProperty("department").GetString());
        Assert.Equal("8", paid.GetProperty("measure").GetString());
        Assert.Equal("hospital-subsidy", paid.GetProperty("kind").GetString());
        Assert.Equal("住院自付费用补助", paid.GetProperty("kindName").GetString());
        Assert.Equal(8_000m, paid.GetProperty("amountYuan").GetDecimal());
        Assert.Equal("每人每年累计50000元", paid.GetProperty("capName").GetString());
        Assert.Equal(50_000m, paid.GetProperty("capYuan").GetDecimal());
        Assert.Equal(42_000m, paid.GetProperty("headroomAfterYuan").GetDecimal());
        Assert.Equal("西开组发〔2021〕2号", paid.GetProperty("policyVersion").GetString());
        // Confirmed by the real broker, not only written.
        await Eventually.TrueAsync(async () => await Insurance.OutboxSentAtAsync<HouseholdPaid>(household.ToString()) is not null,
            "the payment to be published");
        var audit = await Insurance.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id AND Action = 'create'", ("$id", Id(household)));
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task At_45000_a_10000_bill_gets_5000_then_the_next_is_409_naming_50000_granted_and_stores_nothing()
    {
        var (household, head, _) = await RegisteredWithSpouseAsync(platform);
        var lastYear = Day(new DateOnly(Beijing.Today(TimeProvider.System).Year - 1, 6, 1));
        // Last year's cap reached in full does not count this year.
        Assert.Equal(50_000m, (await BillAsync(Insurance.Client, head, 70_000m, HttpStatusCode.Created, billDate: lastYear)).GetProperty("subsidyYuan").GetDecimal());
        await BillAsync(Insurance.Client, head, 10_000m, HttpStatusCode.Conflict, billDate: lastYear);

        Assert.Equal(45_000m, (await BillAsync(Insurance.Client, head, 56_250m, HttpStatusCode.Created)).GetProperty("subsidyYuan").GetDecimal());
        var last = await BillAsync(Insurance.Client, head, 10_000m, HttpStatusCode.Created);
        Assert.Equal(5_000m, last.GetProperty("subsidyYuan").GetDecimal());
        Assert.Equal(0m, last.GetProperty("remainingThisYearYuan").GetDecimal());
        var stored = await InsuranceStoredAsync(Insurance, household);

        var refused = await BillAsync(Insurance.Client, head, 10_000m, HttpStatusCode.Conflict);

        Assert.Equal(50_000m, refused.GetProperty("grantedThisYearYuan").GetDecimal());
        Assert.Contains("已补助50,000.00元", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(" / ", refused.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(stored, await InsuranceStoredAsync(Insurance, household));
        var headroom = (await OutboxEventsAsync<HouseholdPaid>(Insurance, household.ToString())).Select(p => p.GetProperty("headroomAfterYuan").GetDecimal());
        Assert.Equal([0m, 5_000m, 0m], headroom);
    }

    [Fact]
    public async Task Twelve_bills_of_one_person_at_once_never_pass_the_cap()
    {
        var (household, head, _) = await RegisteredWithSpouseAsync(platform);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await Insurance.Client.PostAsJsonAsync(new Uri($"/api/members/{head}/hospital-subsidies", UriKind.Relative),
                new { billDate = Today, hospital = "文山州人民医院", totalYuan = 12_000m, selfPaidYuan = 10_000m }, Cancellation);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
        }));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{a.StatusCode}: {a.Body}"));
        var granted = answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Body.GetProperty("subsidyYuan").GetDecimal()).ToList();
        // 8,000 six times is 48,000; the seventh gets the 2,000 left; the other five are refused at the cap.
        Assert.Equal(50_000m, granted.Sum());
        Assert.Equal(7, granted.Count);
        Assert.Equal(7, (await OutboxEventsAsync<HouseholdPaid>(Insurance, household.ToString())).Count);
        Assert.Equal([0m, 2_000m, 10_000m, 18_000m, 26_000m, 34_000m, 42_000m],
            answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Body.GetProperty("remainingThisYearYuan").GetDecimal()).Order());
    }

    [Fact]
    public async Task Zero_negative_self_paid_above_total_and_a_future_date_are_400_naming_each_field_and_nothing_is_stored()
    {
        var (household, head, _) = await RegisteredWithSpouseAsync(platform);
        var tomorrow = Day(Beijing.Today(TimeProvider.System).AddDays(1));

        var amounts = await PostAsync(Insurance.Client, $"/api/members/{head}/hospital-subsidies",
            new { billDate = Today, hospital = "西畴县人民医院", totalYuan = 0m, selfPaidYuan = -5m }, HttpStatusCode.BadRequest);
        Assert.Equal(["selfPaidYuan", "totalYuan"], FieldErrors(amounts).Keys.Order(StringComparer.Ordinal));
        Assert.Contains("The total must be more than 0 yuan.", FieldErrors(amounts)["totalYuan"][0], StringComparison.Ordinal);

        var above = await BillAsync(Insurance.Client, head, 10_000m, HttpStatusCode.BadRequest, total: 9_999.99m);
        Assert.Equal(["selfPaidYuan"], FieldErrors(above).Keys);
        Assert.Contains("自付费用（10,000.00元）不能超过总费用（9,999.99元）", FieldErrors(above)["selfPaidYuan"][0], StringComparison.Ordinal);

        var future = await BillAsync(Insurance.Client, head, 100m, HttpStatusCode.BadRequest, billDate: tomorrow);
        Assert.Equal(["billDate"], FieldErrors(future).Keys);
        Assert.Contains("不能晚于今天", FieldErrors(future)["billDate"][0], StringComparison.Ordinal);

        Assert.Equal((0L, 0L, 0L, 0L, 0L), await InsuranceStoredAsync(Insurance, household));
    }

    [Fact]
    public async Task An_unknown_member_is_a_404_problem_and_only_insurance_staff_may_grant()
    {
        using var response = await Insurance.Client.PostAsJsonAsync(new Uri($"/api/members/{Guid.NewGuid()}/hospital-subsidies", UriKind.Relative),
            new { billDate = Today, hospital = "西畴县人民医院", totalYuan = 100m, selfPaidYuan = 50m }, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var (household, head, _) = await RegisteredWithSpouseAsync(platform);
        using var leader = Insurance.ClientFor(TestUser.CountyLeader);
        await BillAsync(leader, head, 100m, HttpStatusCode.Forbidden);
        using var housing = Insurance.ClientFor(TestUser.Department(ServiceNames.Housing));
        await BillAsync(housing, head, 100m, HttpStatusCode.Forbidden);
        Assert.Equal((0L, 0L, 0L, 0L, 0L), await InsuranceStoredAsync(Insurance, household));
    }
}
