using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Testing;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>
/// The household's life on the bus, from the register to each department's copy: members only where a department's share
/// selects them, sent to its own queue; registrations with no full ID number; size and status changes everywhere.
/// </summary>
public class HouseholdOnTheBusTests(Platform platform)
{
    /// <summary>蚌谷乡长箐村: no other test counts households here.</summary>
    private const string Village = "532623200003";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    private static DateOnly Today => Beijing.Today(TimeProvider.System);

    [Fact]
    public async Task A_member_added_on_the_register_reaches_insurance_with_ID_numbers_and_education_only_if_school_age_never_water_or_the_command_centre()
    {
        var head = IdNumbers.Born(new DateOnly(1978, 4, 2), male: true);
        var spouse = IdNumbers.Born(new DateOnly(1980, 6, 15), male: false);
        var (id, _) = await Monitoring.RegisterAsync(Village, head, members: new { relation = "配偶", name = "李桂芬", idNumber = spouse, labourCapacity = "弱劳动力" });
        var insurance = platform[ServiceNames.Insurance];
        var education = platform[ServiceNames.Education];
        await insurance.RowsReachAsync("Members", id, 2);
        await education.RowsReachAsync("Households", id, 1);

        var parent = IdNumbers.Born(new DateOnly(1950, 1, 20), male: false);
        await AddMemberAsync(id, new { relation = "父母", name = "王秀英", idNumber = parent, labourCapacity = "丧失劳动力", healthState = "长期慢性病" });

        await insurance.RowsReachAsync("Members", id, 3);
        Assert.Equal(1, await insurance.RowsAsync("Members", id, "IdNumber = $n AND HealthState = 'chronicIllness'", ("$n", parent)));
        // An adult is no school-age child: education learns the household is three now, and of no member.
        await education.RowsReachAsync("Households", id, 1, "MemberCount = 3");
        Assert.Equal(0, await education.RowsAsync("Members", id));

        var child = IdNumbers.Born(Today.AddYears(-9), male: true);
        await AddMemberAsync(id, new { relation = "子女", name = "罗小明", idNumber = child, labourCapacity = "无劳动力", schoolStage = "小学" });

        await education.RowsReachAsync("Members", id, 1);
        Assert.Equal(1, await education.RowsAsync("Members", id,
            "IdNumber = $n AND Name = '罗小明' AND SchoolStage = 'primary' AND Sex = 'male' AND HealthState IS NULL", ("$n", child)));
        await insurance.RowsReachAsync("Members", id, 4);
        Assert.Equal(1, await insurance.RowsAsync("Members", id, "IdNumber = $n", ("$n", child)));
        // Housing holds the head alone, employment the two who can work; neither the parent nor the child.
        Assert.Equal(1, await platform[ServiceNames.Housing].RowsAsync("Members", id, "IdNumber = $n AND Relation = 'head'", ("$n", head)));
        Assert.Equal(1, await platform[ServiceNames.Housing].RowsAsync("Members", id));
        await platform[ServiceNames.Employment].RowsReachAsync("Members", id, 2, "IdNumber IN ($head, $spouse)", ("$head", head), ("$spouse", spouse));
        Assert.Equal(2, await platform[ServiceNames.Employment].RowsAsync("Members", id));
        foreach (var service in new[] { ServiceNames.Water, ServiceNames.CommandCentre })
        {
            // They know the size (the details change reached them) and hold no member and no full number.
            var host = platform[service];
            await host.RowsReachAsync("Households", id, 1, "MemberCount = 4 AND HeadIdNumber = $masked", ("$masked", IdNumber.Mask(head)));
            Assert.Equal(0, await host.RowsAsync("Members", id));
            Assert.Equal(0, await host.CountAsync("SELECT COUNT(*) FROM InboxMessages WHERE Consumer = 'household-members-shared'"));
        }
    }

    [Fact]
    public async Task HouseholdRegistered_on_the_wire_carries_the_head_masked_and_the_member_count_and_no_full_ID_number()
    {
        var received = new ConcurrentDictionary<Guid, (HouseholdRegistered Message, string Body)>();
        var subscriber = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(platform.RabbitMqConnectionString));
            rabbit.ReceiveEndpoint($"functional-tests-registered-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<HouseholdRegistered>(context =>
                {
                    received.TryAdd(context.Message.HouseholdId, (context.Message, context.ReceiveContext.Body.GetString()));
                    return Task.CompletedTask;
                });
            });
        });
        await subscriber.StartAsync(Cancellation);
        try
        {
            var head = IdNumbers.New();
            var spouse = IdNumbers.New();
            var child = IdNumbers.New();
            var (id, code) = await Monitoring.RegisterAsync(Village, head, 9000m,
                new { relation = "配偶", name = "李桂芬", idNumber = spouse }, new { relation = "子女", name = "罗小军", idNumber = child });

            var (message, body) = await Eventually.GetValueAsync(
                () => Task.FromResult(received.TryGetValue(id, out var r) ? r : ((HouseholdRegistered, string)?)null), "the registration on the wire");

            Assert.Equal(code, message.HouseholdCode);
            Assert.Equal(IdNumber.Mask(head), message.HeadIdNumber);
            Assert.Equal(3, message.MemberCount);
            Assert.Contains(IdNumber.Mask(head), body, StringComparison.Ordinal);
            Assert.Empty(PersonalDataGuard.FullIdNumbers(body));
        }
        finally
        {
            await subscriber.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_exit_publishes_HouseholdStatusChanged_and_every_departments_copy_shows_the_household_exited()
    {
        var (id, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New());
        foreach (var service in ServiceNames.HouseholdConsumers)
        {
            await platform[service].RowsReachAsync("Households", id, 1);
        }

        using var exit = await Monitoring.Client.PostAsJsonAsync(new Uri($"/api/households/{id}/status", UriKind.Relative),
            new { status = "exited", reason = "稳定脱贫，退出监测" }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, exit.StatusCode);
        Assert.Equal(1, await Monitoring.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $id) > 0 AND Destination IS NULL",
            ("$type", typeof(HouseholdStatusChanged).FullName!), ("$id", id.ToString())));
        foreach (var service in ServiceNames.HouseholdConsumers)
        {
            var copy = await Eventually.GetValueAsync(async () =>
            {
                var household = await platform[service].Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{id}", UriKind.Relative), Cancellation);
                return household.GetProperty("status").GetString() == "exited" ? household : (JsonElement?)null;
            }, $"{service} to show the household exited", TimeSpan.FromMinutes(1));
            Assert.Equal("稳定脱贫，退出监测", copy.GetProperty("statusReason").GetString());
            Assert.Equal(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), copy.GetProperty("statusOn").GetString());
        }
    }

    [Fact]
    public async Task A_member_who_left_is_taken_from_the_copies_and_a_department_whose_last_member_left_is_sent_an_empty_list()
    {
        var head = IdNumbers.Born(new DateOnly(1970, 3, 3), male: true);
        var student = IdNumbers.Born(Today.AddYears(-15), male: false);
        var (id, _) = await Monitoring.RegisterAsync(Village, head, members: new { relation = "子女", name = "罗小芳", idNumber = student, schoolStage = "初中", labourCapacity = "无劳动力" });
        var education = platform[ServiceNames.Education];
        await education.RowsReachAsync("Members", id, 1, "IdNumber = $n", ("$n", student));
        var household = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{id}", UriKind.Relative), Cancellation);
        var studentId = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("relation").GetString() == "child").GetProperty("id").GetGuid();

        using (var noReason = await Monitoring.Client.DeleteAsync(new Uri($"/api/households/{id}/members/{studentId}", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("移除原因必填", await noReason.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }
        using var removed = await Monitoring.Client.DeleteAsync(
            new Uri($"/api/households/{id}/members/{studentId}?reason={Uri.EscapeDataString("出嫁迁出")}", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await education.RowsReachAsync("Members", id, 0);
        await education.RowsReachAsync("Households", id, 1, "MemberCount = 1");
        await platform[ServiceNames.Insurance].RowsReachAsync("Members", id, 1, "IdNumber = $n", ("$n", head));
        var headId = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("relation").GetString() == "head").GetProperty("id").GetGuid();
        using var headRemoved = await Monitoring.Client.DeleteAsync(
            new Uri($"/api/households/{id}/members/{headId}?reason={Uri.EscapeDataString("户主去世")}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, headRemoved.StatusCode);
    }

    private async Task AddMemberAsync(Guid household, object member)
    {
        using var response = await Monitoring.Client.PostAsJsonAsync(new Uri($"/api/households/{household}/members", UriKind.Relative), member, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"adding a member: {(int)response.StatusCode} {text}");
    }
}
