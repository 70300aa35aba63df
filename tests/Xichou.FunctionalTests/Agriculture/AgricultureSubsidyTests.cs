using System.Net;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Agriculture.AgricultureSteps;

namespace Xichou.FunctionalTests.Agriculture;

/// <summary>
/// 措施四 产业发展奖补 through agriculture's API on the real broker: min(50 % of the cost, 3,000 yuan per household across all
/// its applications); a second approval or payment is 409 and pays nothing more; payment publishes HouseholdPaid with the
/// headroom left; concurrent requests never hold more than the cap; bad input is a bilingual 400 naming the field and
/// stores nothing.
/// </summary>
public class AgricultureSubsidyTests(Platform platform)
{
    private ServiceHost Agriculture => platform[ServiceNames.Agriculture];

    [Fact]
    public async Task A_cost_of_5999_98_gets_2999_99_with_0_01_headroom_and_the_application_is_applied()
    {
        var household = await KnownToAgricultureAsync(platform);

        var application = await ApplyAsync(Agriculture.Client, household, 5999.98m, HttpStatusCode.Created);

        Assert.Equal(2999.99m, application.GetProperty("subsidyYuan").GetDecimal());
        Assert.Equal(0.01m, application.GetProperty("headroomYuan").GetDecimal());
        Assert.False(application.GetProperty("cut").GetBoolean());
        Assert.Equal("applied", application.GetProperty("status").GetString());
        Assert.Equal("烤烟", application.GetProperty("industry").GetString());
        Assert.Equal(1, application.GetProperty("labourers").GetInt32());
    }

    [Fact]
    public async Task A_second_approval_is_409_and_a_second_payment_is_409_with_one_HouseholdPaid_carrying_the_headroom()
    {
        var household = await KnownToAgricultureAsync(platform);
        var id = (await ApplyAsync(Agriculture.Client, household, 5999.98m, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var approved = await ApproveAsync(Agriculture.Client, id, HttpStatusCode.OK);
        var again = await ApproveAsync(Agriculture.Client, id, HttpStatusCode.Conflict);

        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Contains("不能重复批准", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(" / ", again.GetProperty("title").GetString(), StringComparison.Ordinal);

        var paid = await PayAsync(Agriculture.Client, id, HttpStatusCode.OK, voucher: "XC-NK-2026-0042");
        await PayAsync(Agriculture.Client, id, HttpStatusCode.Conflict, voucher: "XC-NK-2026-0043");
        await ApproveAsync(Agriculture.Client, id, HttpStatusCode.Conflict);

        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal(2999.99m, paid.GetProperty("paidYuan").GetDecimal());
        var published = await OutboxEventAsync<HouseholdPaid>(Agriculture, household.ToString());
        Assert.Equal(id, published.GetProperty("paymentId").GetGuid());
        Assert.Equal("agriculture", published.GetProperty("department").GetString());
        Assert.Equal("4", published.GetProperty("measure").GetString());
        Assert.Equal("industry-subsidy", published.GetProperty("kind").GetString());
        Assert.Equal("产业发展补助", published.GetProperty("kindName").GetString());
        Assert.Equal(2999.99m, published.GetProperty("amountYuan").GetDecimal());
        Assert.Equal("XC-NK-2026-0042", published.GetProperty("voucher").GetString());
        Assert.Equal("产业发展补助每户累计3000元", published.GetProperty("capName").GetString());
        Assert.Equal(3000m, published.GetProperty("capYuan").GetDecimal());
        Assert.Equal(0.01m, published.GetProperty("headroomAfterYuan").GetDecimal());
        Assert.Equal(Today, published.GetProperty("paidOn").GetString());
        Assert.Equal(2999.99m, await Agriculture.ScalarAsync("SELECT PaidYuan FROM SubsidyAccounts WHERE HouseholdId = $id", ("$id", Id(household))) switch
        {
            string text => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            var other => Convert.ToDecimal(other, System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    [Fact]
    public async Task After_2000_paid_a_second_application_is_cut_to_1000_and_after_3000_a_third_is_refused_naming_what_was_granted()
    {
        var household = await KnownToAgricultureAsync(platform);
        await PaidAsync(Agriculture.Client, household, 4000m);

        var second = await ApplyAsync(Agriculture.Client, household, 5000m, HttpStatusCode.Created, industry: "生猪");

        Assert.Equal(1000m, second.GetProperty("subsidyYuan").GetDecimal());
        Assert.Equal(2500m, second.GetProperty("shareOfCostYuan").GetDecimal());
        Assert.True(second.GetProperty("cut").GetBoolean());
        Assert.Equal(0m, second.GetProperty("headroomYuan").GetDecimal());
        await ApproveAsync(Agriculture.Client, second.GetProperty("id").GetGuid(), HttpStatusCode.OK);
        await PayAsync(Agriculture.Client, second.GetProperty("id").GetGuid(), HttpStatusCode.OK, voucher: "XC-NK-2026-0100");
        var stored = await StoredAsync(Agriculture, household);

        var refused = await ApplyAsync(Agriculture.Client, household, 800m, HttpStatusCode.Conflict, industry: "蔬菜");

        Assert.Contains("已获补助3000元", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3000m, refused.GetProperty("grantedYuan").GetDecimal());
        Assert.Equal(0m, refused.GetProperty("headroomYuan").GetDecimal());
        Assert.Equal(stored, await StoredAsync(Agriculture, household));
    }

    [Fact]
    public async Task A_refused_application_gives_its_headroom_back()
    {
        var household = await KnownToAgricultureAsync(platform);
        var first = (await ApplyAsync(Agriculture.Client, household, 8000m, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ApplyAsync(Agriculture.Client, household, 100m, HttpStatusCode.Conflict, industry: "蔬菜");

        var refused = await PostAsync(Agriculture.Client, $"/api/industry-applications/{first}/refuse", new { reason = "计划与实际不符" }, HttpStatusCode.OK);
        var next = await ApplyAsync(Agriculture.Client, household, 100m, HttpStatusCode.Created, industry: "蔬菜");

        Assert.Equal("refused", refused.GetProperty("status").GetString());
        Assert.Equal("计划与实际不符", refused.GetProperty("refusalReason").GetString());
        Assert.Equal(50m, next.GetProperty("subsidyYuan").GetDecimal());
        Assert.Equal(2950m, next.GetProperty("headroomYuan").GetDecimal());
        await PayAsync(Agriculture.Client, first, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Concurrent_applications_and_approvals_of_one_household_never_hold_more_than_the_cap()
    {
        var household = await KnownToAgricultureAsync(platform);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/households/{household}/industry-applications", UriKind.Relative))
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { industry = "甘蔗", plan = "扩种甘蔗", costYuan = 2000m }),
            };
            using var response = await Agriculture.Client.SendAsync(request, Cancellation);
            return (response.StatusCode, Body: JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.Clone());
        }));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{a.StatusCode}: {a.Body}"));
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Body).ToList();
        Assert.InRange(created.Count, 1, 3);
        Assert.True(created.Sum(c => c.GetProperty("subsidyYuan").GetDecimal()) <= 3000m);
        var ids = created.Select(c => c.GetProperty("id").GetGuid()).ToList();

        var approvals = await Task.WhenAll(ids.Concat(ids).Select(async id =>
        {
            using var response = await Agriculture.Client.PostAsync(new Uri($"/api/industry-applications/{id}/approve", UriKind.Relative),
                System.Net.Http.Json.JsonContent.Create(new { }), Cancellation);
            return (Id: id, response.StatusCode);
        }));

        // Each application approved exactly once, whatever the order; the rest are 409.
        Assert.All(approvals, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        Assert.True(approvals.Count(a => a.StatusCode == HttpStatusCode.OK) <= ids.Count);
        var list = await GetAsync(Agriculture.Client, $"/api/households/{household}/industry-applications");
        Assert.True(list.EnumerateArray().Where(a => a.GetProperty("status").GetString() != "refused").Sum(a => a.GetProperty("subsidyYuan").GetDecimal()) <= 3000m);
        Assert.Equal(approvals.Count(a => a.StatusCode == HttpStatusCode.OK), list.EnumerateArray().Count(a => a.GetProperty("status").GetString() == "approved"));
    }

    [Fact]
    public async Task A_cost_of_zero_an_unknown_industry_and_a_future_payment_date_are_400_each_named_and_nothing_is_stored()
    {
        var household = await KnownToAgricultureAsync(platform);
        var before = await StoredAsync(Agriculture, household);

        var zero = await ApplyAsync(Agriculture.Client, household, 0m, HttpStatusCode.BadRequest);
        var negative = await ApplyAsync(Agriculture.Client, household, -5m, HttpStatusCode.BadRequest);
        var unknown = await ApplyAsync(Agriculture.Client, household, 1000m, HttpStatusCode.BadRequest, industry: "咖啡");
        var fen = await ApplyAsync(Agriculture.Client, household, 1000.005m, HttpStatusCode.BadRequest);

        Assert.Equal(["costYuan"], FieldErrors(zero).Keys);
        Assert.Contains("必须大于0", FieldErrors(zero)["costYuan"][0], StringComparison.Ordinal);
        Assert.Equal(["costYuan"], FieldErrors(negative).Keys);
        Assert.Equal(["industry"], FieldErrors(unknown).Keys);
        Assert.Equal(["costYuan"], FieldErrors(fen).Keys);
        Assert.Equal(before, await StoredAsync(Agriculture, household));

        var id = (await ApplyAsync(Agriculture.Client, household, 1000m, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ApproveAsync(Agriculture.Client, id, HttpStatusCode.OK);
        var stored = await StoredAsync(Agriculture, household);
        var tomorrow = Day(Beijing.Today(TimeProvider.System).AddDays(1));

        var future = await PayAsync(Agriculture.Client, id, HttpStatusCode.BadRequest, paidOn: tomorrow);
        var noVoucher = await PayAsync(Agriculture.Client, id, HttpStatusCode.BadRequest, voucher: " ");
        var noReason = await PostAsync(Agriculture.Client, $"/api/industry-applications/{id}/refuse", new { reason = "" }, HttpStatusCode.BadRequest);

        Assert.Equal(["paidOn"], FieldErrors(future).Keys);
        Assert.Contains("不能晚于今天", FieldErrors(future)["paidOn"][0], StringComparison.Ordinal);
        Assert.Equal(["voucher"], FieldErrors(noVoucher).Keys);
        Assert.Equal(["reason"], FieldErrors(noReason).Keys);
        Assert.Equal(stored, await StoredAsync(Agriculture, household));
        Assert.Equal(0, await Agriculture.OutboxRowsAsync<HouseholdPaid>(household.ToString()));
    }

    [Fact]
    public async Task A_household_agriculture_does_not_know_is_404_and_only_agriculture_staff_apply()
    {
        await ApplyAsync(Agriculture.Client, Guid.NewGuid(), 1000m, HttpStatusCode.NotFound);
        await ApproveAsync(Agriculture.Client, Guid.NewGuid(), HttpStatusCode.NotFound);
        var household = await KnownToAgricultureAsync(platform);
        using var housing = Agriculture.ClientFor(TestUser.Department(ServiceNames.Housing));
        using var leader = Agriculture.ClientFor(TestUser.CountyLeader);

        await ApplyAsync(housing, household, 1000m, HttpStatusCode.Forbidden);
        await ApplyAsync(leader, household, 1000m, HttpStatusCode.Forbidden);

        Assert.Equal(0, await Agriculture.CountAsync("SELECT COUNT(*) FROM IndustryApplications WHERE HouseholdId = $id", ("$id", Id(household))));
    }

    [Fact]
    public async Task The_policy_quotes_the_measure_for_the_share_and_the_cap()
    {
        var policy = await GetAsync(Agriculture.Client, "/api/policy");

        Assert.Equal("西开组发〔2021〕2号", policy.GetProperty("version").GetString());
        Assert.Equal("2021-02-01", policy.GetProperty("effectiveFrom").GetString());
        Assert.Equal(0.5m, policy.GetProperty("subsidyShareOfCost").GetDecimal());
        Assert.Equal(3000m, policy.GetProperty("subsidyCapPerHouseholdYuan").GetDecimal());
        Assert.Equal(["烤烟", "甘蔗", "生猪", "乌骨鸡", "蔬菜"], policy.GetProperty("keyIndustries").EnumerateArray().Select(i => i.GetString()));
        var sources = policy.GetProperty("sources");
        Assert.Contains("不超过该户产业发展成本资金的50%", sources.GetProperty("SubsidyShareOfCost").GetString(), StringComparison.Ordinal);
        Assert.Contains("户补助资金最高不超过3000元", sources.GetProperty("SubsidyCapPerHouseholdYuan").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("平台默认", sources.GetProperty("MaxCostYuan").GetString(), StringComparison.Ordinal);
    }
}
