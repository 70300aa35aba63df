using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Gateway;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Faults;

/// <summary>
/// The operations page and API over a service's error queues: a poison message a real consumer refused is listed (type,
/// id, exception, never the payload), replayed from the page once its cause is fixed, applied, gone from the queue and
/// audited; only the poverty office and admin may see or replay.
/// </summary>
public class DeadLetterTests(Platform platform)
{
    private const string List = "/api/operations/dead-letters";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Water => platform[ServiceNames.Water];

    [Fact]
    public async Task Poison_message_is_listed_then_replayed_from_the_page_after_its_cause_is_fixed_and_the_replay_is_audited()
    {
        var householdId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var reason = $"故障注入 {messageId:N}";
        // Water refuses a status for a household it has never heard of: retried, then parked in its error queue.
        var changes = await platform.Monitoring.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:water-household-changes"));
        await changes.Send(new HouseholdStatusChanged
        {
            HouseholdId = householdId, TownshipCode = "532623202", Village = "新寨村", Status = "exited", PreviousStatus = "monitored",
            On = new DateOnly(2026, 11, 30), Reason = reason, OccurredAt = DateTimeOffset.UtcNow,
        }, context => context.MessageId = messageId, Cancellation);

        using var office = Water.ClientFor(TestUser.PovertyOffice);
        var letter = await Eventually.GetValueAsync(() => FindAsync(office, messageId), "the poison message in water's error queue", TimeSpan.FromMinutes(1));
        Assert.Equal("HouseholdStatusChanged", letter.GetProperty("messageType").GetString());
        Assert.Equal(householdId, letter.GetProperty("householdId").GetGuid());
        Assert.Equal("water-household-changes", letter.GetProperty("inputQueue").GetString());
        Assert.Equal("water-household-changes_error", letter.GetProperty("errorQueue").GetString());
        Assert.EndsWith("UnknownHouseholdException", letter.GetProperty("exceptionType").GetString(), StringComparison.Ordinal);
        Assert.Contains(householdId.ToString(), letter.GetProperty("exceptionMessage").GetString(), StringComparison.Ordinal);
        Assert.True(letter.TryGetProperty("faultedAt", out var faultedAt) && faultedAt.ValueKind == JsonValueKind.String);
        // The payload is not shown: not even the reason it carries.
        Assert.DoesNotContain(reason, letter.GetRawText(), StringComparison.Ordinal);

        // The cause is fixed: the household's registration reaches water.
        var registered = TestData.NewHouseholdRegistered() with { HouseholdId = householdId };
        var registrations = await platform.Monitoring.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:water-household-registered"));
        await registrations.Send(registered, Cancellation);
        await Eventually.TrueAsync(async () => await Water.CountAsync("SELECT COUNT(*) FROM Households WHERE Id = $id", ("$id", Id(householdId))) == 1,
            "water to hold the household");

        // Replayed from the operations page, its form posted with the antiforgery token.
        using var browser = Water.BrowserFor(TestUser.PovertyOffice);
        var page = await browser.GetStringAsync(new Uri("/operations", UriKind.Relative), Cancellation);
        Assert.Contains($"data-message-id=\"{messageId}\"", page, StringComparison.Ordinal);
        Assert.Contains("消息运维", page, StringComparison.Ordinal);
        Assert.DoesNotContain(reason, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "replay",
            ["__RequestVerificationToken"] = GatewayHost.AntiforgeryToken(page),
            ["ReplayId"] = messageId.ToString(),
        });
        using var posted = await browser.PostAsync(new Uri("/operations", UriKind.Relative), form, Cancellation);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains($"已重放 HouseholdStatusChanged {messageId}", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Cancellation)), StringComparison.Ordinal);

        // Applied this time, and gone from the error queue.
        await Eventually.TrueAsync(async () => reason.Equals(
            await Water.ScalarAsync("SELECT StatusReason FROM Households WHERE Id = $id", ("$id", Id(householdId)))),
            "the replayed status to be applied");
        Assert.Null(await FindAsync(office, messageId));
        using var again = await office.PostAsync(new Uri($"{List}/{messageId}/replay", UriKind.Relative), null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        var audit = await office.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?action=replay&userName=poverty-office&limit=500", UriKind.Relative), Cancellation);
        var line = Assert.Single(audit.GetProperty("entries").EnumerateArray(), e => e.GetProperty("details").GetString()!.Contains(messageId.ToString(), StringComparison.Ordinal));
        Assert.Equal(householdId, line.GetProperty("householdId").GetGuid());
        Assert.Contains("water-household-changes", line.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replayed_before_its_cause_is_fixed_a_poison_message_lands_in_the_error_queue_again()
    {
        var messageId = Guid.NewGuid();
        var changes = await platform.Monitoring.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:water-household-changes"));
        await changes.Send(new HouseholdStatusChanged
        {
            HouseholdId = Guid.NewGuid(), TownshipCode = "532623202", Village = "新寨村", Status = "exited", PreviousStatus = "monitored",
            On = new DateOnly(2026, 11, 30), Reason = "故障注入", OccurredAt = DateTimeOffset.UtcNow,
        }, context => context.MessageId = messageId, Cancellation);
        using var admin = Water.ClientFor(TestUser.Admin);
        await Eventually.GetValueAsync(() => FindAsync(admin, messageId), "the poison message in water's error queue", TimeSpan.FromMinutes(1));

        using var replayed = await admin.PostAsync(new Uri($"{List}/{messageId}/replay", UriKind.Relative), null, Cancellation);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var body = await replayed.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("water-household-changes", body.GetProperty("to").GetString());
        // Out of the error queue at once, and back once its retries fail again.
        Assert.Null(await FindAsync(admin, messageId));
        await Eventually.GetValueAsync(() => FindAsync(admin, messageId), "the message back in the error queue", TimeSpan.FromMinutes(1));
    }

    public static TheoryData<string> Refused => new("water", "water-head", "county-leader", "village-sanguang");

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Only_the_poverty_office_and_admin_may_see_or_replay_dead_letters(string userName)
    {
        var user = userName switch
        {
            "county-leader" => TestUser.CountyLeader,
            "village-sanguang" => TestUser.SanguangMonitor,
            "water-head" => TestUser.Department(Departments.ByKey(ServiceNames.Water).HeadRole!),
            _ => TestUser.Department(userName),
        };
        using var client = Water.ClientFor(user);

        using var list = await client.GetAsync(new Uri(List, UriKind.Relative), Cancellation);
        using var replay = await client.PostAsync(new Uri($"{List}/{Guid.NewGuid()}/replay", UriKind.Relative), null, Cancellation);
        using var page = await client.GetAsync(new Uri("/operations", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        using var office = Water.ClientFor(TestUser.PovertyOffice);
        using var allowed = await office.GetAsync(new Uri(List, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    private static string Id(Guid id) => id.ToString().ToUpperInvariant();

    private static async Task<JsonElement?> FindAsync(HttpClient client, Guid messageId)
    {
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri($"{List}?limit=500", UriKind.Relative), Cancellation);
        foreach (var message in list.GetProperty("messages").EnumerateArray())
        {
            if (message.GetProperty("messageId").GetGuid() == messageId)
            {
                return message;
            }
        }
        return null;
    }
}
