using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Employment.EmploymentSteps;

namespace Xichou.FunctionalTests.Employment;

/// <summary>
/// 措施五 “每月监测1次”: the month's list of migrant workers, overdue first (last month unchecked), then due, then checked; a past
/// month's unchecked workers are overdue; the ledger counts them by village; the policy quotes the measure.
/// </summary>
public class EmploymentCheckListTests(Platform platform)
{
    // 芹菜塘村: no other test records employment here.
    private const string Village = "532623205004";

    private ServiceHost Employment => platform[ServiceNames.Employment];

    private async Task<JsonElement> ListAsync(string month) =>
        await Employment.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/migrant-checks?month={month}", UriKind.Relative), Cancellation);

    private static JsonElement Of(JsonElement list, Guid member) =>
        list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("memberId").GetGuid() == member);

    [Fact]
    public async Task This_months_list_marks_a_worker_unchecked_last_month_overdue_one_checked_last_month_due_and_a_check_makes_it_checked()
    {
        var missed = await RegisteredWithLabourersAsync(platform, Village);
        var kept = await RegisteredWithLabourersAsync(platform, Village);
        var thisMonth = Month(TodayDate);
        var lastMonth = Month(TodayDate.AddMonths(-1));
        var longAgo = Day(TodayDate.AddMonths(-3));
        await AwayAsync(Employment.Client, missed.Id, missed.Head, longAgo);
        await AwayAsync(Employment.Client, kept.Id, kept.Head, longAgo);
        await CheckAsync(Employment.Client, kept.Id, kept.Head, lastMonth, true, 3900m);

        var list = await ListAsync(thisMonth);

        Assert.Equal(thisMonth, list.GetProperty("month").GetString());
        Assert.Equal("overdue", Of(list, missed.Head).GetProperty("state").GetString());
        Assert.Equal("逾期未核查", Of(list, missed.Head).GetProperty("stateName").GetString());
        Assert.Equal("due", Of(list, kept.Head).GetProperty("state").GetString());
        Assert.Equal(lastMonth, Of(list, kept.Head).GetProperty("lastCheckedMonth").GetString());
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("memberId").GetGuid() == missed.Spouse);
        var states = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()).ToList();
        Assert.Equal(states.OrderBy(s => s switch { "overdue" => 0, "due" => 1, _ => 2 }), states);
        // Last month's list: the worker nobody checked is overdue, the other checked.
        var past = await ListAsync(lastMonth);
        Assert.Equal("overdue", Of(past, missed.Head).GetProperty("state").GetString());
        Assert.Equal("checked", Of(past, kept.Head).GetProperty("state").GetString());

        var checkedNow = await CheckAsync(Employment.Client, missed.Id, missed.Head, thisMonth, true, 4321.555m);

        var head = checkedNow.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("memberId").GetGuid() == missed.Head);
        Assert.Equal(4321.56m, head.GetProperty("monthlyIncomeYuan").GetDecimal());
        list = await ListAsync(thisMonth);
        Assert.Equal("checked", Of(list, missed.Head).GetProperty("state").GetString());
        Assert.Equal(4321.56m, Of(list, missed.Head).GetProperty("check").GetProperty("monthlyIncomeYuan").GetDecimal());
        await SendAsync(Employment.Client, HttpMethod.Get, $"/api/migrant-checks?month={Month(TodayDate.AddMonths(1))}", null, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_ledger_counts_the_villages_labourers_trained_away_local_and_checks_and_the_policy_quotes_the_measure()
    {
        static async Task<Dictionary<string, decimal>> FiguresAsync(HttpClient client)
        {
            var ledger = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/ledger", UriKind.Relative), Cancellation);
            var keys = ledger.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()!).ToList();
            var line = ledger.GetProperty("lines").EnumerateArray()
                .SingleOrDefault(l => !l.GetProperty("isTownship").GetBoolean() && l.GetProperty("villageCode").GetString() == Village);
            return line.ValueKind == JsonValueKind.Undefined
                ? keys.ToDictionary(k => k, _ => 0m)
                : keys.Zip(line.GetProperty("values").EnumerateArray().Select(v => v.GetDecimal())).ToDictionary(p => p.First, p => p.Second);
        }
        var before = await FiguresAsync(Employment.Client);
        var household = await RegisteredWithLabourersAsync(platform, Village);
        await AwayAsync(Employment.Client, household.Id, household.Head, Day(TodayDate.AddMonths(-2)));
        await SendAsync(Employment.Client, HttpMethod.Put, $"/api/households/{household.Id}/employment",
            new { memberId = household.Spouse, status = "local", employer = "村保洁员", publicWelfarePost = true, since = Today }, HttpStatusCode.OK);
        await TrainAsync(Employment.Client, household.Id, household.Spouse);

        var after = await FiguresAsync(Employment.Client);

        Assert.Equal(before["labourers"] + 2, after["labourers"]);
        Assert.Equal(before["trained"] + 1, after["trained"]);
        Assert.Equal(before["away"] + 1, after["away"]);
        Assert.Equal(before["local"] + 1, after["local"]);
        Assert.Equal(before["publicWelfarePosts"] + 1, after["publicWelfarePosts"]);
        Assert.Equal(before["checksDue"] + before["checksOverdue"] + 1, after["checksDue"] + after["checksOverdue"]);
        using var export = await Employment.Client.GetAsync(new Uri("/api/ledger/export", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);

        var policy = await Employment.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/policy", UriKind.Relative), Cancellation);
        Assert.Equal("西开组发〔2021〕2号", policy.GetProperty("version").GetString());
        Assert.Equal("2021-02-01", policy.GetProperty("effectiveFrom").GetString());
        Assert.Equal(1, policy.GetProperty("migrantCheckIntervalMonths").GetInt32());
        Assert.Contains("确保每个家庭均有人就业", policy.GetProperty("sources").GetProperty("MinEmployedPerHousehold").GetString(), StringComparison.Ordinal);
        Assert.Contains("平台默认", policy.GetProperty("sources").GetProperty("FindingSeverity").GetString(), StringComparison.Ordinal);
    }
}
