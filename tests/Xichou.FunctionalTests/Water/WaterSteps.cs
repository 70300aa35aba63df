using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Water;

/// <summary>The steps the water bureau's tests share: a household in water's copy, a check's body, reading what water stored.</summary>
public static class WaterSteps
{
    /// <summary>
    /// 柏林乡马蹄寨村, marked water-scarce (20 L) for this test run through the service's real configuration
    /// (<c>Policy:Water:WaterScarceVillages</c>), before the platform fixture starts the hosts. No other test uses it.
    /// </summary>
    public const string ScarceVillage = "532623203003";

    [ModuleInitializer]
    internal static void MarkScarceVillage() =>
        Environment.SetEnvironmentVariable("Policy__Water__WaterScarceVillages__0", ScarceVillage);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static ServiceHost Water(this Platform platform) => platform[ServiceNames.Water];

    public static string Today => DaysAgo(0);

    /// <summary>A Beijing date <paramref name="days"/> before today, as a form or a body carries it.</summary>
    public static string DaysAgo(int days) => Beijing.DateOf(DateTimeOffset.UtcNow).AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A check's body: by default all four indicators met (50 L, quality met, piped to the home, 5 days without supply).</summary>
    public static Dictionary<string, object?> Check(
        decimal litres = 50m, bool quality = true, string? failingItem = null, bool piped = true, int? fetchMinutes = null,
        decimal? horizontalMetres = null, decimal? verticalMetres = null, int days = 5, string? checkedOn = null) => new()
    {
        ["checkedOn"] = checkedOn ?? Today,
        ["litresPerPersonPerDay"] = litres,
        ["qualityMeetsStandard"] = quality,
        ["failingItem"] = failingItem,
        ["pipedToHome"] = piped,
        ["fetchMinutes"] = fetchMinutes,
        ["horizontalMetres"] = horizontalMetres,
        ["verticalMetres"] = verticalMetres,
        ["daysWithoutSupply"] = days,
    };

    /// <summary>A household registered on the county register (so findings and referrals about it reach the register), once water holds it.</summary>
    public static async Task<(Guid Id, string Code)> RegisteredAsync(this Platform platform, string villageCode)
    {
        using var response = await platform.Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode, headName = "陆德明", headIdNumber = IdNumbers.New(), perCapitaIncome = 8000 }, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"registering: {(int)response.StatusCode} {text}");
        var body = JsonDocument.Parse(text).RootElement;
        var id = body.GetProperty("id").GetGuid();
        await platform.WaitForWaterAsync(id);
        return (id, body.GetProperty("householdCode").GetString()!);
    }

    /// <summary>A household announced on the bus only (water's copy, not the register), once water holds it.</summary>
    public static async Task<(Guid Id, string Code)> KnownToWaterAsync(this Platform platform, string villageCode = "532623201001", int registeredDaysAgo = 0)
    {
        var registered = TestData.NewHouseholdRegistered(villageCode) with { OccurredAt = DateTimeOffset.UtcNow.AddDays(-registeredDaysAgo) };
        await platform.PublishAsync(registered, Guid.NewGuid());
        await platform.WaitForWaterAsync(registered.HouseholdId);
        return (registered.HouseholdId, registered.HouseholdCode);
    }

    public static Task WaitForWaterAsync(this Platform platform, Guid householdId) =>
        Eventually.TrueAsync(async () => await platform.Water().CountAsync("SELECT COUNT(*) FROM Households WHERE Id = $id", ("$id", Key(householdId))) == 1,
            $"water to hold household {householdId}");

    /// <summary>The register says the household exited monitoring; returns once water's copy shows it.</summary>
    public static async Task ExitAsync(this Platform platform, Guid householdId, string villageCode)
    {
        await platform.Monitoring.Services.GetRequiredService<IBus>().Publish(new HouseholdStatusChanged
        {
            HouseholdId = householdId,
            TownshipCode = Villages.TownshipOf(villageCode),
            Village = Villages.NameOf(villageCode),
            VillageCode = villageCode,
            Status = "exited",
            PreviousStatus = "monitored",
            On = Beijing.DateOf(DateTimeOffset.UtcNow),
            Reason = "全家外迁，退出监测",
            OccurredAt = DateTimeOffset.UtcNow,
        }, Cancellation);
        await Eventually.TrueAsync(async () => (string?)await platform.Water().ScalarAsync("SELECT Status FROM Households WHERE Id = $id",
            ("$id", Key(householdId))) == "Exited", "water's copy to show the exit");
    }

    public static async Task<JsonElement> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> PostJsonAsync(this HttpClient client, string path, object body, HttpStatusCode expected) =>
        client.SendJsonAsync(HttpMethod.Post, path, body, expected);

    public static Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.SendJsonAsync(HttpMethod.Get, path, null, expected);

    /// <summary>The body of a GET, or null while the resource is not there (404).</summary>
    public static async Task<JsonElement?> TryGetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancellation);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<long> ChecksOfAsync(this ServiceHost water, Guid householdId) =>
        water.CountAsync("SELECT COUNT(*) FROM WaterChecks WHERE HouseholdId = $id", ("$id", Key(householdId)));

    public static Task<long> FindingsAboutAsync(this ServiceHost water, Guid householdId) =>
        water.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $id) > 0",
            ("$type", typeof(RiskIdentified).FullName!), ("$id", householdId.ToString()));

    public static Task<long> AuditLinesAsync(this ServiceHost water, Guid householdId) =>
        water.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id", ("$id", Key(householdId)));

    public static async Task<string?> SurveyOfAsync(this ServiceHost water, Guid householdId) =>
        (string?)await water.ScalarAsync("SELECT SurveyStatus FROM Households WHERE Id = $id", ("$id", Key(householdId)));

    /// <summary>How SQLite holds a GUID key.</summary>
    public static string Key(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>Every message of a ValidationProblem's field is Chinese first, then English.</summary>
    public static void AssertBilingual(JsonElement problem, string field)
    {
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.All(messages.EnumerateArray().Select(m => m.GetString()!), m => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}.* / [A-Z]", m));
    }
}
