using System.Text.Json;

namespace Xichou.TestKit;

/// <summary>Reads a server-sent event stream as a browser's EventSource does: one event's type and its JSON data at a time.</summary>
public static class ServerSentEvents
{
    /// <summary>The next event, or a failure once <paramref name="timeout"/> passes or the stream ends.</summary>
    public static async Task<(string Type, JsonElement Data)> ReadAsync(StreamReader reader, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var type = "message";
        var data = new List<string>();
        while (await reader.ReadLineAsync(limit.Token) is { } line)
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
