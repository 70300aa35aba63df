using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.CommandCentre.CommandCentreRig;

namespace Xichou.FunctionalTests.CommandCentre;

/// <summary>
/// The overview's live stream (server-sent events) on a command centre of its own: the overview at once, again after an
/// event arrives on the broker, and a heartbeat while nothing happens (here every second; 10 s by default).
/// </summary>
public sealed class OverviewStreamTests(CommandCentreRig rig) : IClassFixture<CommandCentreRig>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_stream_sends_the_overview_then_the_changed_overview_after_an_event_and_heartbeats_between()
    {
        // Without the personal-data guard, which reads a response to its end: a stream has none. (It carries counts only.)
        using var client = ((Microsoft.AspNetCore.TestHost.TestServer)rig.Host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()).CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/overview/stream", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", TestTokens.For(TestUser.CountyLeader, ServiceNames.CommandCentre));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancellation));

        var (type, data) = await ServerSentEvents.ReadAsync(reader, TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal("overview", type);
        Assert.Equal(4, data.GetProperty("households").GetInt32());

        var (heartbeat, _) = await ServerSentEvents.ReadAsync(reader, TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal("heartbeat", heartbeat);

        await rig.PublishAsync(new HouseholdRegistered
        {
            HouseholdId = Guid.NewGuid(), HouseholdCode = "XC-A5", TownshipCode = "532623204", VillageCode = "532623204001",
            Village = Villages.NameOf("532623204001"), HeadName = "陆成", HeadIdNumber = IdNumbers.New(), OccurredAt = At(11, 19),
        });
        var updated = await Eventually.GetValueAsync(async () =>
        {
            var (kind, body) = await ServerSentEvents.ReadAsync(reader, TimeSpan.FromSeconds(30), Cancellation);
            return kind == "overview" && body.GetProperty("households").GetInt32() == 5 ? (JsonElement?)body : null;
        }, "an overview event counting the new household");
        Assert.Equal(4, updated.GetProperty("monitored").GetInt32());
        Assert.Equal(1, updated.GetProperty("places").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "532623204")
            .GetProperty("households").GetInt32());
    }

    [Fact]
    public async Task A_department_role_cannot_open_the_stream()
    {
        using var client = rig.Host.ClientFor(TestUser.Department(ServiceNames.Water));
        using var response = await client.GetAsync(new Uri("/api/overview/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
