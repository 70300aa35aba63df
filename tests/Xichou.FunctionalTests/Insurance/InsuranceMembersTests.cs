using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Housing.HousingSteps;
using static Xichou.FunctionalTests.Insurance.InsuranceSteps;

namespace Xichou.FunctionalTests.Insurance;

/// <summary>
/// <c>GET /insurance/api/members</c>: every member insurance is told about, a page at a time, ID numbers masked like the register
/// (revealed only with a reason and the header, audited), health state to insurance's own staff only, names masked for the
/// county leader, scoped by place, and closed to the register's township and village staff.
/// </summary>
public class InsuranceMembersTests(Platform platform)
{
    private ServiceHost Insurance => platform[ServiceNames.Insurance];

    [Fact]
    public async Task Members_are_listed_with_id_numbers_masked_and_health_to_insurance_staff_only()
    {
        var (household, head, spouse) = await RegisteredWithSpouseAsync(platform, "532623206002", "侯正芬", "龙发明");

        var members = await MembersAsync(Insurance.Client, household);

        Assert.Equal([head, spouse], members.Select(m => m.GetProperty("id").GetGuid()));
        Assert.All(members, m => Assert.Matches(@"^532623\*{8}\d{3}[\dX]$", m.GetProperty("idNumber").GetString()!));
        Assert.Equal("侯正芬", members[0].GetProperty("name").GetString());
        Assert.Equal("532623206002", members[0].GetProperty("villageCode").GetString());
        Assert.Equal("chronicIllness", members[1].GetProperty("healthState").GetString());

        using var leader = Insurance.ClientFor(TestUser.CountyLeader);
        var seen = await leader.GetFromJsonAsync<JsonElement>(new Uri($"/api/members?householdId={household}", UriKind.Relative), Cancellation);
        var first = seen.GetProperty("items")[0];
        Assert.Equal("侯**", first.GetProperty("name").GetString());
        Assert.Equal("***", seen.GetProperty("items")[1].GetProperty("healthState").GetString());
        using var reveal = await leader.GetAsync(new Uri($"/api/members?householdId={household}&reveal=idNumber&reason=核对参保", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);
    }

    [Fact]
    public async Task A_reveal_needs_a_reason_and_the_header_and_is_audited_per_household()
    {
        var (household, _, _) = await RegisteredWithSpouseAsync(platform);

        using var noHeader = await Insurance.Client.GetAsync(new Uri($"/api/members?householdId={household}&reveal=idNumber&reason=核对参保", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, noHeader.StatusCode);
        Assert.Equal(0, await Insurance.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id", ("$id", Id(household))));

        using var revealed = await Insurance.Client.RevealAsync($"/api/members?householdId={household}&reveal=idNumber&reason=核对参保", Cancellation);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var items = (await revealed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("items");
        Assert.All(items.EnumerateArray(), m => Assert.True(IdNumber.IsValid(m.GetProperty("idNumber").GetString()!)));
        Assert.Equal(1, await Insurance.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id AND Action = 'reveal'", ("$id", Id(household))));
    }

    [Fact]
    public async Task The_list_is_paged_and_filtered_by_place_and_closed_to_township_staff()
    {
        const string village = "532623101007";
        var (one, _, _) = await RegisteredWithSpouseAsync(platform, village, "黄正芬", "杨发明");
        var (two, _, _) = await RegisteredWithSpouseAsync(platform, "532623201001", "陶正芬", "王发明");

        var page = await Insurance.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/members?village={village}&pageSize=1&page=1", UriKind.Relative), Cancellation);
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 2);
        var all = await Insurance.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/members?village={village}&pageSize=200", UriKind.Relative), Cancellation);
        Assert.All(all.GetProperty("items").EnumerateArray(), m => Assert.Equal(village, m.GetProperty("villageCode").GetString()));
        Assert.Contains(all.GetProperty("items").EnumerateArray(), m => m.GetProperty("householdId").GetGuid() == one);
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), m => m.GetProperty("householdId").GetGuid() == two);

        using var bad = await Insurance.Client.GetAsync(new Uri("/api/members?village=999&pageSize=0", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var township = Insurance.ClientFor(TestUser.XingjieTownship);
        using var refused = await township.GetAsync(new Uri("/api/members", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
