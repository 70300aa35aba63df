using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Housing;

/// <summary>What the housing tests do again and again: put a household in housing's copy, assess it, call and check.</summary>
internal static class HousingSteps
{
    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static string Today => Day(Beijing.Today(TimeProvider.System));

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Id(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>A household published on the bus as the register would, once housing's copy holds it.</summary>
    public static async Task<Guid> KnownToHousingAsync(Platform platform, string villageCode = "532623201001")
    {
        var registered = TestData.NewHouseholdRegistered(villageCode);
        await platform.PublishAsync(registered, Guid.NewGuid());
        await WaitForHousingAsync(platform, registered.HouseholdId);
        return registered.HouseholdId;
    }

    /// <summary>A household registered through the monitoring service's API (so the register knows it too), once housing holds it.</summary>
    public static async Task<Guid> RegisteredAsync(Platform platform, string villageCode, string headName)
    {
        var created = await PostAsync(platform.Monitoring.Client, "/api/households",
            new { villageCode, headName, headIdNumber = IdNumbers.New() }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await WaitForHousingAsync(platform, id);
        return id;
    }

    /// <summary>The register takes a household (of the default village) off monitoring, on the bus; returns once housing's copy shows it.</summary>
    public static async Task ExitAsync(Platform platform, Guid householdId)
    {
        await platform.Monitoring.Services.GetRequiredService<IBus>().Publish(new HouseholdStatusChanged
        {
            HouseholdId = householdId, TownshipCode = "532623201", Village = "莲花塘村", VillageCode = "532623201001",
            Status = "exited", PreviousStatus = "monitored", On = Beijing.DateOf(DateTimeOffset.UtcNow), Reason = "稳定脱险，退出监测",
            OccurredAt = DateTimeOffset.UtcNow,
        }, Cancellation);
        await Eventually.TrueAsync(async () => (string?)await platform[ServiceNames.Housing].ScalarAsync(
            "SELECT Status FROM Households WHERE Id = $id", ("$id", Id(householdId))) == "Exited", "housing to see the exit");
    }

    public static Task WaitForHousingAsync(Platform platform, Guid householdId) =>
        Eventually.TrueAsync(async () => await platform[ServiceNames.Housing].CountAsync("SELECT COUNT(*) FROM Households WHERE Id = $id",
            ("$id", Id(householdId))) == 1, $"housing to know household {householdId}");

    public static Task<JsonElement> AssessAsync(HttpClient housing, Guid householdId, string grade, HttpStatusCode expected,
        string? assessedOn = null, string assessor = "县住建局 王工", string? note = null) =>
        PostAsync(housing, $"/api/households/{householdId}/assessments", new { grade, assessedOn = assessedOn ?? Today, assessor, note }, expected);

    /// <summary>The household's open remediation case, as housing lists it.</summary>
    public static async Task<JsonElement> OpenCaseAsync(HttpClient housing, Guid householdId)
    {
        var page = await housing.GetFromJsonAsync<JsonElement>(new Uri($"/api/remediations?status=open&householdId={householdId}", UriKind.Relative), Cancellation);
        return Assert.Single(page.GetProperty("items").EnumerateArray());
    }

    public static Task<JsonElement> PlanAsync(HttpClient housing, Guid caseId, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(housing, HttpMethod.Put, $"/api/remediations/{caseId}/plan",
            new { route = "pairing-unit-help", responsiblePerson = "李建国", plan = "挂包帮单位出资拆除重建，砖混结构两层" }, expected);

    public static Task<JsonElement> CompleteAsync(HttpClient housing, Guid caseId, string grade, HttpStatusCode expected) =>
        PostAsync(housing, $"/api/remediations/{caseId}/complete", new { grade, assessedOn = Today, assessor = "县住建局 赵工", note = "新房主体完工" }, expected);

    public static Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected) =>
        SendAsync(client, HttpMethod.Post, path, body, expected);

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The field errors of a 400 ProblemDetails, by field; every message is Chinese, then " / ", then English.</summary>
    public static IReadOnlyDictionary<string, string[]> FieldErrors(JsonElement problem)
    {
        var errors = problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.Ordinal);
        Assert.All(errors.Values.SelectMany(m => m), message => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", message));
        return errors;
    }

    /// <summary>What housing stored about a household: assessments, remediation cases, outbox rows, audit lines.</summary>
    public static async Task<(long Assessments, long Cases, long Outbox, long Audit)> StoredAsync(ServiceHost housing, Guid householdId) => (
        await housing.CountAsync("SELECT COUNT(*) FROM Assessments WHERE HouseholdId = $id", ("$id", Id(householdId))),
        await housing.CountAsync("SELECT COUNT(*) FROM RemediationCases WHERE HouseholdId = $id", ("$id", Id(householdId))),
        await housing.OutboxRowsMentioningAsync(householdId.ToString()),
        await housing.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id", ("$id", Id(householdId))));
}
