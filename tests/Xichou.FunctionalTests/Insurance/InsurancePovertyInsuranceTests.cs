using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Housing.HousingSteps;
using static Xichou.FunctionalTests.Insurance.InsuranceSteps;

namespace Xichou.FunctionalTests.Insurance;

/// <summary>
/// 措施九（一） 防贫保险: enrolment with the premium split between the pairing unit and county pooling (once a year), the households
/// not enrolled listed; claims reported → assessed → paid (HouseholdPaid, insurance-claim) or refused, steps out of order 409;
/// a housing finding of a grade-D house opens one claim for review; other support (措施八) recorded and published.
/// </summary>
public class InsurancePovertyInsuranceTests(Platform platform)
{
    private ServiceHost Insurance => platform[ServiceNames.Insurance];

    private static int Year => Beijing.Today(TimeProvider.System).Year;

    [Fact]
    public async Task A_household_is_enrolled_once_a_year_with_its_premium_shares_and_leaves_the_gap_list()
    {
        const string village = "532623101012";
        var (household, _, _) = await RegisteredWithSpouseAsync(platform, village, "王正芬", "陶发明");
        var gaps = await ReportAsync(village);
        Assert.Contains(gaps.GetProperty("gaps").EnumerateArray(), g => g.GetProperty("householdId").GetGuid() == household);

        var enrolled = await PostAsync(Insurance.Client, $"/api/households/{household}/poverty-insurance",
            new { year = Year, enrolledOn = Today, pairingUnit = "县财政局", pairingUnitShareYuan = 60m, countyShareYuan = 40.5m }, HttpStatusCode.Created);

        Assert.Equal(100.5m, enrolled.GetProperty("premiumYuan").GetDecimal());
        Assert.Equal(60m, enrolled.GetProperty("pairingUnitShareYuan").GetDecimal());
        Assert.DoesNotContain((await ReportAsync(village)).GetProperty("gaps").EnumerateArray(), g => g.GetProperty("householdId").GetGuid() == household);
        var again = await PostAsync(Insurance.Client, $"/api/households/{household}/poverty-insurance",
            new { year = Year, enrolledOn = Today, pairingUnit = "县财政局", pairingUnitShareYuan = 60m, countyShareYuan = 40m }, HttpStatusCode.Conflict);
        Assert.Contains("已参加防贫保险", again.GetProperty("title").GetString(), StringComparison.Ordinal);
        var negative = await PostAsync(Insurance.Client, $"/api/households/{household}/poverty-insurance",
            new { year = Year + 1, enrolledOn = Today, pairingUnit = "县财政局", pairingUnitShareYuan = -1m, countyShareYuan = 0m }, HttpStatusCode.BadRequest);
        Assert.Equal(["pairingUnitShareYuan"], FieldErrors(negative).Keys);
    }

    [Fact]
    public async Task A_claim_goes_reported_assessed_paid_publishing_HouseholdPaid_and_a_step_out_of_order_is_409()
    {
        var (household, _, _) = await RegisteredWithSpouseAsync(platform);
        var claim = await PostAsync(Insurance.Client, $"/api/households/{household}/claims",
            new { kind = "natural-disaster", description = "冰雹毁坏烤烟20亩" }, HttpStatusCode.Created);
        var id = claim.GetProperty("id").GetGuid();
        Assert.Equal("reported", claim.GetProperty("status").GetString());
        Assert.Equal("自然灾害", claim.GetProperty("kindName").GetString());

        await PostAsync(Insurance.Client, $"/api/claims/{id}/pay", new { paidOn = Today }, HttpStatusCode.Conflict);
        var assessed = await PostAsync(Insurance.Client, $"/api/claims/{id}/assess", new { amountYuan = 3_250.5m, note = "按受灾面积核定" }, HttpStatusCode.OK);
        Assert.Equal("assessed", assessed.GetProperty("status").GetString());
        Assert.Empty(await OutboxEventsAsync<HouseholdPaid>(Insurance, household.ToString()));

        var paid = await PostAsync(Insurance.Client, $"/api/claims/{id}/pay", new { paidOn = Today, voucher = "FP-2026-001" }, HttpStatusCode.OK);

        Assert.Equal("paid", paid.GetProperty("status").GetString());
        var payment = Assert.Single(await OutboxEventsAsync<HouseholdPaid>(Insurance, household.ToString()));
        Assert.Equal("insurance-claim", payment.GetProperty("kind").GetString());
        Assert.Equal("9.1", payment.GetProperty("measure").GetString());
        Assert.Equal(3_250.5m, payment.GetProperty("amountYuan").GetDecimal());
        Assert.Equal("FP-2026-001", payment.GetProperty("voucher").GetString());
        Assert.Equal(id, payment.GetProperty("paymentId").GetGuid());
        await PostAsync(Insurance.Client, $"/api/claims/{id}/refuse", new { reason = "重复报案" }, HttpStatusCode.Conflict);
        await PostAsync(Insurance.Client, $"/api/claims/{id}/pay", new { paidOn = Today }, HttpStatusCode.Conflict);
        Assert.Single(await OutboxEventsAsync<HouseholdPaid>(Insurance, household.ToString()));

        var unknown = await PostAsync(Insurance.Client, $"/api/households/{household}/claims", new { kind = "flood", description = "x" }, HttpStatusCode.BadRequest);
        Assert.Equal(["kind"], FieldErrors(unknown).Keys);
        var refusedClaim = await PostAsync(Insurance.Client, $"/api/households/{household}/claims",
            new { kind = "sudden-accident", description = "摩托车事故" }, HttpStatusCode.Created);
        var refused = await PostAsync(Insurance.Client, $"/api/claims/{refusedClaim.GetProperty("id").GetGuid()}/refuse",
            new { reason = "不属于保险责任" }, HttpStatusCode.OK);
        Assert.Equal("refused", refused.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_grade_D_house_found_by_housing_opens_one_housing_claim_for_review()
    {
        var (household, _, _) = await RegisteredWithSpouseAsync(platform, "532623204003", "罗光明", "陆正英");
        await WaitForHousingAsync(platform, household);

        await AssessAsync(platform[ServiceNames.Housing].Client, household, "D", HttpStatusCode.Created, note: "墙体开裂");
        await AssessAsync(platform[ServiceNames.Housing].Client, household, "D", HttpStatusCode.Created, note: "复查仍为整体危房");

        // The second assessment publishes the same finding (the open case's id) again: once insurance has taken both deliveries,
        // the inbox and the unique source have kept one claim.
        var housing = platform[ServiceNames.Housing];
        Assert.Equal(2, await housing.OutboxRowsAsync<RiskIdentified>(household.ToString()));
        await Eventually.TrueAsync(async () =>
        {
            for (var row = 0; row < 2; row++)
            {
                var messageId = await housing.ScalarAsync(
                    "SELECT MessageId FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $id) > 0 ORDER BY Sequence LIMIT 1 OFFSET $row",
                    ("$type", typeof(RiskIdentified).FullName!), ("$id", household.ToString()), ("$row", row));
                if (await Insurance.CountAsync("SELECT COUNT(*) FROM InboxMessages WHERE Consumer = 'finding-claims' AND upper(MessageId) = upper($m)",
                    ("$m", messageId!)) == 0)
                {
                    return false;
                }
            }
            return true;
        }, "insurance to take both deliveries of housing's finding");
        var claims = await Insurance.Client.GetFromJsonAsync<JsonElement?>(new Uri($"/api/claims?householdId={household}", UriKind.Relative), Cancellation);
        var claim = Assert.Single(claims!.Value.GetProperty("items").EnumerateArray());
        Assert.Equal("housing", claim.GetProperty("kind").GetString());
        Assert.Equal("reported", claim.GetProperty("status").GetString());
        Assert.Equal("housing", claim.GetProperty("sourceDepartment").GetString());
        Assert.Contains("墙体开裂", claim.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_support_is_recorded_under_the_measures_name_and_published_a_bad_kind_is_400()
    {
        var (household, _, _) = await RegisteredWithSpouseAsync(platform);

        var paid = await PostAsync(Insurance.Client, $"/api/households/{household}/other-support",
            new { kind = "cultivated-land", amountYuan = 486.32m, paidOn = Today, voucher = "GD-01" }, HttpStatusCode.Created);

        Assert.Equal("耕地地力补贴", paid.GetProperty("kindName").GetString());
        var payment = Assert.Single(await OutboxEventsAsync<HouseholdPaid>(Insurance, household.ToString()));
        Assert.Equal("other-support", payment.GetProperty("kind").GetString());
        Assert.Equal("耕地地力补贴", payment.GetProperty("kindName").GetString());
        Assert.Equal(486.32m, payment.GetProperty("amountYuan").GetDecimal());
        Assert.False(payment.TryGetProperty("capYuan", out var cap) && cap.ValueKind != JsonValueKind.Null);
        var bad = await PostAsync(Insurance.Client, $"/api/households/{household}/other-support",
            new { kind = "pension", amountYuan = 0m, paidOn = "tomorrow" }, HttpStatusCode.BadRequest);
        Assert.Equal(["amountYuan", "kind", "paidOn"], FieldErrors(bad).Keys.Order(StringComparer.Ordinal));
        Assert.Single(await OutboxEventsAsync<HouseholdPaid>(Insurance, household.ToString()));
    }

    [Fact]
    public async Task The_policy_names_each_number_with_its_source()
    {
        var policy = await Insurance.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/policy", UriKind.Relative), Cancellation);

        Assert.Equal("西开组发〔2021〕2号", policy.GetProperty("version").GetString());
        Assert.Equal("2021-02-01", policy.GetProperty("effectiveFrom").GetString());
        Assert.Equal(0.8m, policy.GetProperty("hospitalSubsidyShareOfSelfPaid").GetDecimal());
        Assert.Equal(50_000m, policy.GetProperty("hospitalSubsidyCapPerPersonYearYuan").GetDecimal());
        var sources = policy.GetProperty("sources");
        Assert.Contains("每人每年不超过5万元", sources.GetProperty("HospitalSubsidyCapPerPersonYearYuan").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("平台默认", sources.GetProperty("CoverageGapSeverity").GetString(), StringComparison.Ordinal);
        Assert.Equal(7, policy.GetProperty("claimKinds").EnumerateObject().Count());
    }

    private async Task<JsonElement> ReportAsync(string village) =>
        await Insurance.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/poverty-insurance?village={village}&pageSize=200", UriKind.Relative), Cancellation);
}
