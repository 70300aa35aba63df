using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Consumers;

namespace Xichou.FunctionalTests.Housing;

/// <summary>What the county's risk register made of a department's findings about a household (the housing and water tests share it).</summary>
public static class RegisterFindings
{
    /// <summary>
    /// The household's open risks on the register from <paramref name="department"/>'s findings, read once the register has
    /// consumed every <see cref="RiskIdentified"/> the department's outbox holds about the household: a finding published
    /// twice has then had its chance to become a second risk.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> OpenRisksAsync(Platform platform, ServiceHost department, Guid householdId)
    {
        var published = await department.OutboxRowsAsync<RiskIdentified>(householdId.ToString());
        Assert.True(published > 0, $"{department.Name} published no finding about {householdId}");
        await Eventually.TrueAsync(async () =>
        {
            for (var row = 0; row < published; row++)
            {
                var messageId = await department.ScalarAsync(
                    "SELECT MessageId FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $id) > 0 ORDER BY Sequence LIMIT 1 OFFSET $row",
                    ("$type", typeof(RiskIdentified).FullName!), ("$id", householdId.ToString()), ("$row", row));
                if (await platform.Monitoring.CountAsync("SELECT COUNT(*) FROM InboxMessages WHERE Consumer = $consumer AND upper(MessageId) = upper($message)",
                    ("$consumer", RiskIdentifiedConsumer.InboxName), ("$message", messageId!)) == 0)
                {
                    return false;
                }
            }
            return true;
        }, $"the register to consume {published} finding(s) of {department.Name} about {householdId}");
        var risks = await platform.Monitoring.Client.GetFromJsonAsync<JsonElement>(
            new Uri("/api/risks?status=open&category=reported&pageSize=200", UriKind.Relative), TestContext.Current.CancellationToken);
        return [.. risks.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("householdId").GetGuid() == householdId
            && r.GetProperty("rule").GetString()!.StartsWith(department.Name, StringComparison.Ordinal))];
    }

    /// <summary>
    /// Waits until the register has closed the risk it opened for the finding <paramref name="findingId"/> (the department's
    /// <see cref="FindingCleared"/> consumed) and returns the risk as the register's API shows it.
    /// </summary>
    public static async Task<JsonElement> ClosedOnTheRegisterAsync(Platform platform, Guid findingId)
    {
        var riskId = await Eventually.GetAsync(async () => (string?)await platform.Monitoring.ScalarAsync(
                "SELECT Id FROM Risks WHERE SourceId = $finding AND Status = 'Closed'", ("$finding", findingId.ToString().ToUpperInvariant())),
            $"the register to close the risk of finding {findingId}", TimeSpan.FromMinutes(1));
        var detail = await platform.Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/risks/{riskId}", UriKind.Relative),
            TestContext.Current.CancellationToken);
        return detail.GetProperty("risk").Clone();
    }
}
