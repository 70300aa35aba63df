using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Support;

/// <summary>
/// 漏评: a hotline call about a household that is not on the register is accepted (201) as a check-for-inclusion item for its
/// township, which decides once whether to take it into monitoring; seen inside the jurisdiction only.
/// </summary>
public class HotlineInclusionTests(Platform platform)
{
    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private async Task<JsonElement> ReportAsync(string content, string phone = "13987654321")
    {
        using var response = await Monitoring.Client.PostAsJsonAsync(Url("/api/hotline"),
            new { villageCode = TestUser.SanguangVillage, personName = "李正富", content, callerPhone = phone }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_call_about_a_household_not_on_the_register_is_accepted_as_a_pending_item_for_its_township()
    {
        var check = await ReportAsync("反映该户因病致贫但未纳入监测");

        Assert.Equal("pending", check.GetProperty("decision").GetString());
        Assert.Equal("待核查", check.GetProperty("decisionName").GetString());
        Assert.Equal("532623101", check.GetProperty("townshipCode").GetString());
        Assert.Equal("三光村", check.GetProperty("village").GetString());
        Assert.Equal("139****4321", check.GetProperty("callerPhone").GetString());
        var id = check.GetProperty("id").GetGuid();
        Assert.Equal("Pending", await Monitoring.ScalarAsync("SELECT Decision FROM InclusionChecks WHERE Id = $id", ("$id", id.ToString().ToUpperInvariant())));
        Assert.Equal("13987654321", await Monitoring.ScalarAsync("SELECT CallerPhone FROM InclusionChecks WHERE Id = $id", ("$id", id.ToString().ToUpperInvariant())));
        // No household, so no risk on the register: the township's check comes first.
        Assert.Equal(0, await Monitoring.CountAsync("SELECT COUNT(*) FROM Risks WHERE Explanation LIKE '%因病致贫但未纳入监测%'"));
        Assert.Equal(1, await Monitoring.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE Details LIKE $id", ("$id", $"%{id}%")));
    }

    [Fact]
    public async Task The_township_decides_once_with_reason_who_and_when_and_only_its_own_items()
    {
        var id = (await ReportAsync("反映该户住房困难未纳入")).GetProperty("id").GetGuid();
        var decision = Url($"/api/hotline/inclusion/{id}/decision");

        // Another township does not find it; the village reports but does not decide.
        using (var foreign = await Monitoring.ClientFor(TestUser.XisaTownship).PostAsJsonAsync(decision, new { decision = "included", reason = "核实" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        using (var village = await Monitoring.ClientFor(TestUser.SanguangMonitor).PostAsJsonAsync(decision, new { decision = "included", reason = "核实" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, village.StatusCode);
        }

        using var township = Monitoring.ClientFor(TestUser.XingjieTownship);
        using (var decided = await township.PostAsJsonAsync(decision, new { decision = "included", reason = "经入户核实，因病支出大，纳入重点监测" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            var body = await decided.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal("included", body.GetProperty("decision").GetString());
            Assert.Equal("纳入重点监测", body.GetProperty("decisionName").GetString());
            Assert.Equal("经入户核实，因病支出大，纳入重点监测", body.GetProperty("reason").GetString());
            Assert.Equal(TestUser.XingjieTownship.Name, body.GetProperty("decidedBy").GetString());
            Assert.True(body.GetProperty("decidedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        }
        using (var again = await township.PostAsJsonAsync(decision, new { decision = "notIncluded", reason = "改判" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        Assert.Equal("Included", await Monitoring.ScalarAsync("SELECT Decision FROM InclusionChecks WHERE Id = $id", ("$id", id.ToString().ToUpperInvariant())));

        // Listed over the API and on the hotline page inside the township; not in another township's nor another village's list.
        var listed = await township.GetFromJsonAsync<JsonElement>(Url("/api/hotline/inclusion?decision=included"), Cancellation);
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var xisa = await Monitoring.ClientFor(TestUser.XisaTownship).GetFromJsonAsync<JsonElement>(Url("/api/hotline/inclusion"), Cancellation);
        Assert.DoesNotContain(xisa.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var longping = await Monitoring.ClientFor(TestUser.LongpingMonitor).GetFromJsonAsync<JsonElement>(Url("/api/hotline/inclusion"), Cancellation);
        Assert.DoesNotContain(longping.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        // The village it is about sees it, with not one digit of the caller's phone.
        var sanguang = await Monitoring.ClientFor(TestUser.SanguangMonitor).GetFromJsonAsync<JsonElement>(Url("/api/hotline/inclusion"), Cancellation);
        Assert.Equal("***********", Assert.Single(sanguang.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id).GetProperty("callerPhone").GetString());
        var page = WebUtility.HtmlDecode(await township.GetStringAsync(Url("/hotline"), Cancellation));
        Assert.Contains("反映该户住房困难未纳入", page, StringComparison.Ordinal);
        Assert.Contains("经入户核实，因病支出大，纳入重点监测", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_in_Chinese_and_English_and_stores_nothing()
    {
        var before = await Monitoring.CountAsync("SELECT COUNT(*) FROM InclusionChecks");

        using var unknown = await Monitoring.Client.PostAsJsonAsync(Url("/api/hotline"), new { villageCode = "532623999999", content = " ", personName = new string('李', 65) }, Cancellation);
        using var both = await Monitoring.Client.PostAsJsonAsync(Url("/api/hotline"), new { householdCode = "532623101-X", villageCode = TestUser.SanguangVillage, content = "反映" }, Cancellation);
        using var neither = await Monitoring.Client.PostAsJsonAsync(Url("/api/hotline"), new { content = "反映" }, Cancellation);
        using var outside = await Monitoring.ClientFor(TestUser.LongpingMonitor).PostAsJsonAsync(Url("/api/hotline"), new { villageCode = TestUser.SanguangVillage, content = "反映" }, Cancellation);

        var errors = await ErrorsAsync(unknown);
        Assert.Contains("不是西畴县的村委会代码", errors["villageCode"], StringComparison.Ordinal);
        Assert.Contains("Not a village committee code", errors["villageCode"], StringComparison.Ordinal);
        Assert.Contains("反映内容必填", errors["content"], StringComparison.Ordinal);
        Assert.Contains("The complaint is required", errors["content"], StringComparison.Ordinal);
        Assert.Contains("personName", errors.Keys);
        Assert.Contains("not both", (await ErrorsAsync(both))["villageCode"], StringComparison.Ordinal);
        Assert.Contains("villageCode", (await ErrorsAsync(neither))["householdCode"], StringComparison.Ordinal);
        Assert.Contains("不在您的管辖范围", (await ErrorsAsync(outside))["villageCode"], StringComparison.Ordinal);

        var id = (await ReportAsync("反映")).GetProperty("id").GetGuid();
        using var badDecision = await Monitoring.ClientFor(TestUser.XingjieTownship).PostAsJsonAsync(Url($"/api/hotline/inclusion/{id}/decision"),
            new { decision = "maybe" }, Cancellation);
        var decisionErrors = await ErrorsAsync(badDecision);
        Assert.Contains("included", decisionErrors["decision"], StringComparison.Ordinal);
        Assert.Contains("理由必填", decisionErrors["reason"], StringComparison.Ordinal);
        Assert.Equal("Pending", await Monitoring.ScalarAsync("SELECT Decision FROM InclusionChecks WHERE Id = $id", ("$id", id.ToString().ToUpperInvariant())));
        Assert.Equal(before + 1, await Monitoring.CountAsync("SELECT COUNT(*) FROM InclusionChecks"));
        using var missing = await Monitoring.Client.PostAsJsonAsync(Url($"/api/hotline/inclusion/{Guid.NewGuid()}/decision"), new { decision = "included", reason = "核实" }, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static async Task<Dictionary<string, string>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return body.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => string.Join("|", e.Value.EnumerateArray().Select(m => m.GetString())));
    }
}
