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

        var (type, data) = await ReadEventAsync(reader);
        Assert.Equal("overview", type);
        Assert.Equal(4, data.GetProperty("households").GetInt32());

        var (heartbeat, _) = await ReadEventAsync(reader);
        Assert.Equal("heartbeat", heartbeat);

        await rig.PublishAsync(new HouseholdRegistered
        {
            HouseholdId = Guid.NewGuid(), HouseholdCode = "XC-A5", TownshipCode = "532623204", VillageCode = "532623204001",
            Village = Villages.NameOf("532623204001"), HeadName = "陆成", HeadIdNumber = IdNumbers.New(), OccurredAt = At(11, 19),
        });
        var updated = await Eventually.GetValueAsync(async () =>
        {
            var (kind, body) = await ReadEventAsync(reader);
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

    /// <summary>Reads one server-sent event: its type and its JSON data.</summary>
    private static async Task<(string Type, JsonElement Data)> ReadEventAsync(StreamReader reader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        string type = "message";
        var data = new List<string>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return (type, JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone());
                }
                continue;
            }
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart());
            }
        }
        throw new InvalidOperationException("The stream ended.");
    }
}
