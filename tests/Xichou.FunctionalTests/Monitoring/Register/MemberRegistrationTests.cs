using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>POST /api/households with members, and GET /api/households/{id} showing them masked unless revealed.</summary>
public class MemberRegistrationTests(Platform platform)
{
    private static readonly Uri Households = new("/api/households", UriKind.Relative);

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>柏林乡三板桥村: a village the security tests do not count rows in.</summary>
    private static object Request(string head, params object[] members) => new
    {
        villageCode = "532623203002",
        headName = "陶正荣",
        headIdNumber = head,
        villagerGroup = "第三村民小组",
        perCapitaIncome = 5400.5m,
        members,
    };


    [Fact]
    public async Task A_household_with_members_is_stored_with_sex_and_birth_date_from_the_ID_numbers_and_shown_masked()
    {
        var head = IdNumbers.New();
        var spouse = IdNumbers.Born(new DateOnly(1980, 6, 15), male: false);
        var child = IdNumbers.New();

        using var response = await Monitoring.Client.PostAsJsonAsync(Households, Request(head,
            new { relation = "head", name = "陶正荣", idNumber = head, labourCapacity = "有劳动力", healthState = "healthy", phone = "13812345678" },
            new { relation = "配偶", name = "李桂芬", idNumber = spouse, labourCapacity = "weak", healthState = "长期慢性病", phone = "13987654321" },
            new { relation = "child", name = "陶小明", idNumber = child, schoolStage = "初中", labourCapacity = "无劳动力" }), Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        Assert.Equal(3, await Monitoring.CountAsync("SELECT COUNT(*) FROM Members WHERE HouseholdId = $id", ("$id", id.ToString().ToUpperInvariant())));
        Assert.Equal("Female", await Monitoring.ScalarAsync("SELECT Sex FROM Members WHERE IdNumber = $id", ("$id", spouse)));
        Assert.Equal("1980-06-15", await Monitoring.ScalarAsync("SELECT BirthDate FROM Members WHERE IdNumber = $id", ("$id", spouse)));

        var household = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{id}", UriKind.Relative), Cancellation);
        Assert.Equal("第三村民小组", household.GetProperty("villagerGroup").GetString());
        Assert.Equal(5400.5m, household.GetProperty("perCapitaIncome").GetDecimal());
        var members = household.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["head", "spouse", "child"], members.Select(m => m.GetProperty("relation").GetString()));
        Assert.Equal("配偶", members[1].GetProperty("relationLabel").GetString());
        Assert.Equal("female", members[1].GetProperty("sex").GetString());
        Assert.Equal(IdNumber.Mask(spouse), members[1].GetProperty("idNumber").GetString());
        Assert.Equal("139****4321", members[1].GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Null, members[1].GetProperty("healthState").ValueKind);
        Assert.Equal("弱劳动力或半劳动力", members[1].GetProperty("labourCapacityLabel").GetString());
        Assert.Equal("初中", members[2].GetProperty("schoolStageLabel").GetString());
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var expectedAge = today.Year - 1980 - (new DateOnly(today.Year, 6, 15) > today ? 1 : 0);
        Assert.Equal(expectedAge, members[1].GetProperty("age").GetInt32());
    }

    [Fact]
    public async Task Revealing_phones_and_health_shows_them_and_is_audited_but_a_county_leader_may_not()
    {
        var head = IdNumbers.New();
        using var created = await Monitoring.Client.PostAsJsonAsync(Households, Request(head,
            new { relation = "head", name = "陶正荣", idNumber = head, healthState = "大病", phone = "13812345678" }), Cancellation);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();

        using var revealing = await Monitoring.Client.RevealAsync($"/api/households/{id}?reveal=phone,health&reason=电话回访", Cancellation);
        var revealed = await revealing.Content.ReadFromJsonAsync<JsonElement>(Cancellation);

        var member = revealed.GetProperty("members")[0];
        Assert.Equal("13812345678", member.GetProperty("phone").GetString());
        Assert.Equal("seriousIllness", member.GetProperty("healthState").GetString());
        Assert.Equal("患有大病", member.GetProperty("healthStateLabel").GetString());
        Assert.Equal(IdNumber.Mask(head), member.GetProperty("idNumber").GetString());
        var audit = await Monitoring.Client.GetFromJsonAsync<JsonElement>(
            new Uri($"/api/audit?householdId={id}&action=reveal", UriKind.Relative), Cancellation);
        var line = Assert.Single(audit.GetProperty("entries").EnumerateArray());
        Assert.Equal("phone,health", line.GetProperty("field").GetString());
        Assert.Equal("电话回访", line.GetProperty("reason").GetString());

        using var leader = Monitoring.ClientFor(TestUser.CountyLeader);
        using var refused = await leader.GetAsync(new Uri($"/api/households/{id}?reveal=health&reason=查看", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_member_already_in_another_household_is_a_409_naming_that_household_and_nothing_is_stored()
    {
        var firstHead = IdNumbers.New();
        var shared = IdNumbers.New();
        using var first = await Monitoring.Client.PostAsJsonAsync(Households, Request(firstHead,
            new { relation = "子女", name = "陶小明", idNumber = shared }), Cancellation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var code = (await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("householdCode").GetString();
        var secondHead = IdNumbers.New();

        using var second = await Monitoring.Client.PostAsJsonAsync(Households, Request(secondHead,
            new { relation = "配偶", name = "李桂芬", idNumber = IdNumbers.New() },
            new { relation = "孙子女", name = "陶小明", idNumber = shared }), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(code, problem.GetProperty("householdCode").GetString());
        Assert.Equal("members[1].idNumber", problem.GetProperty("field").GetString());
        Assert.Contains(code!, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(secondHead));
        Assert.Equal(0, await Monitoring.CountAsync("SELECT COUNT(*) FROM Members WHERE IdNumber = $id", ("$id", secondHead)));
        Assert.Equal(0, await Monitoring.OutboxRowsMentioningAsync(secondHead));
    }

    [Fact]
    public async Task A_head_registered_alone_is_member_0_and_a_second_household_with_that_person_as_member_is_a_409()
    {
        var head = IdNumbers.New();
        using var first = await Monitoring.Client.PostAsJsonAsync(Households,
            new { villageCode = "532623203002", headName = "罗文学", headIdNumber = head }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("Head", await Monitoring.ScalarAsync("SELECT Relation FROM Members WHERE IdNumber = $id", ("$id", head)));

        using var second = await Monitoring.Client.PostAsJsonAsync(Households, Request(IdNumbers.New(),
            new { relation = "父母", name = "罗文学", idNumber = head }), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("members[0].idNumber", (await second.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_same_ID_number_twice_in_one_request_and_bad_member_fields_are_400s_naming_each_field()
    {
        var head = IdNumbers.New();
        var twice = IdNumbers.New();

        using var response = await Monitoring.Client.PostAsJsonAsync(Households, Request(head,
            new { relation = "配偶", name = "李桂芬", idNumber = twice },
            new { relation = "子女", name = "陶小明", idNumber = twice, schoolStage = "幼儿班", phone = "12345" },
            new { relation = "表亲", name = "", idNumber = head }), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal(
            ["members[1].idNumber", "members[1].phone", "members[1].schoolStage", "members[2].idNumber", "members[2].name", "members[2].relation"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("身份证号在本户中重复", errors.GetProperty("members[1].idNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("在校生状况应为：非在校生、学前教育、小学", errors.GetProperty("members[1].schoolStage")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(head));
    }
}
