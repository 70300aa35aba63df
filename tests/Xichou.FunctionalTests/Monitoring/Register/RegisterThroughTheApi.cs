using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>The steps the tests of the register's events share: registering through the API and reading a department's copy.</summary>
public static class RegisterThroughTheApi
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Registers a household with <paramref name="headIdNumber"/> as its head (and <paramref name="members"/> besides) as the poverty office.</summary>
    public static async Task<(Guid Id, string Code)> RegisterAsync(
        this ServiceHost monitoring, string villageCode, string headIdNumber, decimal perCapitaIncome = 9000m, params object[] members)
    {
        using var response = await monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), new
        {
            villageCode,
            headName = "罗正华",
            headIdNumber,
            perCapitaIncome,
            members = (object[])[new { relation = "户主", name = "罗正华", idNumber = headIdNumber }, .. members],
        }, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"registering: {(int)response.StatusCode} {text}");
        var body = JsonDocument.Parse(text).RootElement;
        return (body.GetProperty("id").GetGuid(), body.GetProperty("householdCode").GetString()!);
    }

    /// <summary>Rows of <paramref name="table"/> (Households, Members) a service holds for the household, optionally with one more condition.</summary>
    public static Task<long> RowsAsync(this ServiceHost host, string table, Guid householdId, string? and = null, params (string Name, object Value)[] parameters) =>
        host.CountAsync($"SELECT COUNT(*) FROM {table} WHERE {(table == "Households" ? "Id" : "HouseholdId")} = $household{(and is null ? "" : $" AND {and}")}",
            [("$household", householdId.ToString().ToUpperInvariant()), .. parameters]);

    /// <summary>
    /// Waits until <paramref name="host"/> holds exactly <paramref name="count"/> such rows; a minute, as a whole run's
    /// fan-out (an import of a thousand households among it) keeps the departments' queues busy on two cores.
    /// </summary>
    public static Task RowsReachAsync(this ServiceHost host, string table, Guid householdId, long count, string? and = null,
        params (string Name, object Value)[] parameters) =>
        Eventually.TrueAsync(async () => await host.RowsAsync(table, householdId, and, parameters) == count,
            $"{host.Name} to hold {count} {table} row(s) of household {householdId}{(and is null ? "" : $" where {and}")}", TimeSpan.FromMinutes(1));
}
