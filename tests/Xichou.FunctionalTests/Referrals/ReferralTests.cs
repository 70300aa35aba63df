using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Referrals;

/// <summary>
/// Referrals between services on the real broker: the sender's copy, the receiver's copy and the register's copy of one
/// referral move together through requested → accepted → delivered or rejected, or withdrawn; what is not allowed is a
/// bilingual 400 or 409 and changes nothing.
/// </summary>
public class ReferralTests(Platform platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Water => platform[ServiceNames.Water];

    private ServiceHost Housing => platform[ServiceNames.Housing];

    [Fact]
    public async Task A_referral_from_water_to_housing_is_accepted_and_delivered_and_every_copy_agrees()
    {
        var household = await KnownToAsync(ServiceNames.Water, ServiceNames.Housing);

        var created = await PostAsync(Water.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "饮水排查发现房屋墙体开裂，请住建局鉴定" }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("requested", created.GetProperty("status").GetString());
        Assert.Equal("outgoing", created.GetProperty("direction").GetString());
        var dueOn = DateOnly.Parse(created.GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(dueOn > Beijing.DateOf(DateTimeOffset.UtcNow));

        var incoming = await ReferralAsync(Housing, id, "requested");
        Assert.Equal("incoming", incoming.GetProperty("direction").GetString());
        Assert.Equal(dueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), incoming.GetProperty("dueOn").GetString());
        Assert.Contains(await ListAsync(Housing, "?direction=incoming&status=open"), r => r == id);

        await PostAsync(Housing.Client, $"/api/referrals/{id}/accept", new { }, HttpStatusCode.OK);
        await ReferralAsync(Water, id, "accepted");
        var delivered = await PostAsync(Housing.Client, $"/api/referrals/{id}/deliver",
            new { outcome = "鉴定为B级，墙体已加固", amountYuan = 3500.50m }, HttpStatusCode.OK);
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());

        var senderView = await ReferralAsync(Water, id, "delivered");
        var registerView = await ReferralAsync(platform.Monitoring, id, "delivered");
        foreach (var view in new[] { senderView, registerView })
        {
            Assert.Equal("鉴定为B级，墙体已加固", view.GetProperty("outcome").GetString());
            Assert.Equal(3500.50m, view.GetProperty("amountYuan").GetDecimal());
            Assert.Equal("housing", view.GetProperty("acceptedBy").GetString());
        }
        Assert.Equal("observed", registerView.GetProperty("direction").GetString());
    }

    [Fact]
    public async Task The_sender_withdraws_an_open_referral_and_the_receiver_can_no_longer_act_on_it()
    {
        var household = await KnownToAsync(ServiceNames.Water, ServiceNames.Housing);
        var id = (await PostAsync(Water.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "请核查住房" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReferralAsync(Housing, id, "requested");

        await PostAsync(Housing.Client, $"/api/referrals/{id}/withdraw", new { }, HttpStatusCode.Conflict);
        var withdrawn = await PostAsync(Water.Client, $"/api/referrals/{id}/withdraw", new { note = "已由乡镇解决" }, HttpStatusCode.OK);
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());

        await ReferralAsync(Housing, id, "withdrawn");
        var refused = await PostAsync(Housing.Client, $"/api/referrals/{id}/accept", new { }, HttpStatusCode.Conflict);
        Assert.Contains("不能接收", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await PostAsync(Water.Client, $"/api/referrals/{id}/withdraw", new { }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_rejection_carries_its_reason_from_the_list_to_the_sender()
    {
        var household = await KnownToAsync(ServiceNames.Water, ServiceNames.Housing);
        var id = (await PostAsync(Water.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "请核查住房" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReferralAsync(Housing, id, "requested");

        var badReason = await PostAsync(Housing.Client, $"/api/referrals/{id}/reject", new { reason = "too-busy" }, HttpStatusCode.BadRequest);
        Assert.True(badReason.GetProperty("errors").TryGetProperty("reason", out _));
        var otherWithoutNote = await PostAsync(Housing.Client, $"/api/referrals/{id}/reject", new { reason = "other" }, HttpStatusCode.BadRequest);
        Assert.True(otherWithoutNote.GetProperty("errors").TryGetProperty("note", out _));
        await ReferralAsync(Housing, id, "requested");

        await PostAsync(Housing.Client, $"/api/referrals/{id}/reject", new { reason = "household-refused", note = "户主不同意改造" }, HttpStatusCode.OK);
        var sender = await ReferralAsync(Water, id, "rejected");
        Assert.Equal("household-refused", sender.GetProperty("rejectReason").GetString());
        Assert.Equal("农户拒绝", sender.GetProperty("rejectReasonName").GetString());
    }

    [Fact]
    public async Task Delivering_before_accepting_is_409_and_changes_nothing()
    {
        var household = await KnownToAsync(ServiceNames.Water, ServiceNames.Housing);
        var id = (await PostAsync(Water.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "请核查住房" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReferralAsync(Housing, id, "requested");

        var problem = await PostAsync(Housing.Client, $"/api/referrals/{id}/deliver", new { outcome = "已办" }, HttpStatusCode.Conflict);

        Assert.Contains("/", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("Requested", await Housing.ScalarAsync("SELECT Status FROM Referrals WHERE Id = $id", ("$id", id.ToString().ToUpperInvariant())));
        await PostAsync(Housing.Client, $"/api/referrals/{id}/accept", new { }, HttpStatusCode.OK);
        var badAmount = await PostAsync(Housing.Client, $"/api/referrals/{id}/deliver", new { outcome = "已办", amountYuan = 1.005m }, HttpStatusCode.BadRequest);
        Assert.True(badAmount.GetProperty("errors").TryGetProperty("amountYuan", out _));
        var noOutcome = await PostAsync(Housing.Client, $"/api/referrals/{id}/deliver", new { amountYuan = 10m }, HttpStatusCode.BadRequest);
        Assert.True(noOutcome.GetProperty("errors").TryGetProperty("outcome", out _));
    }

    [Theory]
    [InlineData("water", "toDepartment")] // to itself
    [InlineData("monitoring", "toDepartment")] // the register takes no referrals
    [InlineData("command-centre", "toDepartment")]
    [InlineData("forestry", "toDepartment")]
    [InlineData("", "toDepartment")]
    public async Task A_referral_to_itself_or_to_a_service_that_takes_none_is_400_and_stores_nothing(string to, string field)
    {
        var household = await KnownToAsync(ServiceNames.Water);
        var before = await Water.CountAsync("SELECT COUNT(*) FROM Referrals");

        var problem = await PostAsync(Water.Client, "/api/referrals", new { householdId = household, toDepartment = to, request = "请核查" }, HttpStatusCode.BadRequest);

        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.All(messages, message => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", message));
        Assert.Equal(before, await Water.CountAsync("SELECT COUNT(*) FROM Referrals"));
        Assert.Equal(0, await Water.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE instr(Body, $h) > 0 AND MessageType LIKE '%Referral%'",
            ("$h", household.ToString())));
    }

    [Fact]
    public async Task A_referral_for_an_unknown_household_or_without_a_request_names_each_field()
    {
        var problem = await PostAsync(Water.Client, "/api/referrals", new { householdId = Guid.NewGuid(), toDepartment = "housing" }, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("householdId", out _));
        Assert.True(errors.TryGetProperty("request", out _));
    }

    [Fact]
    public async Task The_same_open_referral_twice_is_409_naming_the_first()
    {
        var household = await KnownToAsync(ServiceNames.Water);
        var first = await PostAsync(Water.Client, "/api/referrals", new { householdId = household, toDepartment = "insurance", request = "请核查参保" }, HttpStatusCode.Created);

        var again = await PostAsync(Water.Client, "/api/referrals", new { householdId = household, toDepartment = "insurance", request = "请核查参保" }, HttpStatusCode.Conflict);

        Assert.Contains(first.GetProperty("id").GetString()!, again.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_receiving_departments_staff_act_on_a_referral()
    {
        var household = await KnownToAsync(ServiceNames.Water, ServiceNames.Housing);
        var id = (await PostAsync(Water.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", request = "请核查住房" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReferralAsync(Housing, id, "requested");

        using var leader = Housing.ClientFor(TestUser.CountyLeader);
        using var agriculture = Housing.ClientFor(TestUser.Department(ServiceNames.Agriculture));
        using var head = Housing.ClientFor(TestUser.Department("housing-head"));
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(new Uri($"/api/referrals/{id}", UriKind.Relative), Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync(new Uri($"/api/referrals/{id}/accept", UriKind.Relative), new { }, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agriculture.PostAsJsonAsync(new Uri($"/api/referrals/{id}/accept", UriKind.Relative), new { }, Cancellation)).StatusCode);
        // The sender cannot accept its own referral in its own copy either.
        await PostAsync(Water.Client, $"/api/referrals/{id}/accept", new { }, HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, (await head.PostAsJsonAsync(new Uri($"/api/referrals/{id}/accept", UriKind.Relative), new { }, Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_household_that_exited_monitoring_gets_no_new_referral()
    {
        var household = await KnownToAsync(ServiceNames.Water);
        await platform.Monitoring.Services.GetRequiredService<MassTransit.IBus>().Publish(new HouseholdStatusChanged
        {
            HouseholdId = household, TownshipCode = "532623201", Village = "莲花塘村", VillageCode = "532623201001",
            Status = "exited", PreviousStatus = "monitored", On = Beijing.DateOf(DateTimeOffset.UtcNow), Reason = "稳定脱险，退出监测",
            OccurredAt = DateTimeOffset.UtcNow,
        }, Cancellation);
        await Eventually.TrueAsync(async () => (string?)await Water.ScalarAsync("SELECT Status FROM Households WHERE Id = $id",
            ("$id", household.ToString().ToUpperInvariant())) == "Exited", "water to see the exit");

        var problem = await PostAsync(Water.Client, "/api/referrals", new { householdId = household, toDepartment = "housing", request = "请核查" }, HttpStatusCode.Conflict);

        Assert.Contains("退出监测", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A new household on the register (莲花塘乡莲花塘村), once each of <paramref name="services"/> holds its copy.</summary>
    private async Task<Guid> KnownToAsync(params string[] services)
    {
        using var response = await platform.Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = "532623201001", headName = "王顺", headIdNumber = IdNumbers.New() }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var household = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        foreach (var service in services)
        {
            await Eventually.TrueAsync(async () => await platform[service].CountAsync("SELECT COUNT(*) FROM Households WHERE Id = $id",
                ("$id", household.ToString().ToUpperInvariant())) == 1, $"{service} to know the household");
        }
        return household;
    }

    private static async Task<JsonElement> ReferralAsync(ServiceHost host, Guid id, string status) =>
        await Eventually.GetAsync<JsonElement?>(async () =>
        {
            using var response = await host.Client.GetAsync(new Uri($"/api/referrals/{id}", UriKind.Relative), Cancellation);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            var view = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            return view.GetProperty("status").GetString() == status ? view : null;
        }, $"{host.Name} to hold referral {id} as {status}") ?? default;

    private static async Task<IReadOnlyList<Guid>> ListAsync(ServiceHost host, string query)
    {
        var page = await host.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/referrals{query}", UriKind.Relative), Cancellation);
        return [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())];
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(expected == response.StatusCode, $"{path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
