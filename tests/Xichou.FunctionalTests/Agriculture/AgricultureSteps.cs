using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Agriculture;

/// <summary>What the agriculture tests do again and again: put a household (with a labourer) in agriculture's copy, apply, decide, check.</summary>
internal static class AgricultureSteps
{
    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static string Today => Day(Beijing.Today(TimeProvider.System));

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Id(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>A household published on the bus as the register would, once agriculture holds it and its head (a labourer).</summary>
    public static async Task<Guid> KnownToAgricultureAsync(Platform platform, string villageCode = "532623201001")
    {
        var registered = TestData.NewHouseholdRegistered(villageCode);
        await platform.PublishAsync(registered, Guid.NewGuid());
        await WaitForAgricultureAsync(platform, registered.HouseholdId);
        return registered.HouseholdId;
    }

    /// <summary>A household registered through the monitoring service's API (so the register knows it too), once agriculture holds its labourer.</summary>
    public static async Task<Guid> RegisteredAsync(Platform platform, string villageCode, string headName)
    {
        var created = await PostAsync(platform.Monitoring.Client, "/api/households",
            new { villageCode, headName, headIdNumber = IdNumbers.Born(new DateOnly(1980, 5, 1), male: true) }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await WaitForAgricultureAsync(platform, id);
        return id;
    }

    public static Task WaitForAgricultureAsync(Platform platform, Guid householdId) =>
        Eventually.TrueAsync(async () => await platform[ServiceNames.Agriculture].CountAsync("SELECT COUNT(*) FROM Members WHERE HouseholdId = $id",
            ("$id", Id(householdId))) >= 1, $"agriculture to know household {householdId} and its labourer");

    public static Task<JsonElement> ApplyAsync(HttpClient agriculture, Guid householdId, decimal costYuan, HttpStatusCode expected, string industry = "烤烟") =>
        PostAsync(agriculture, $"/api/households/{householdId}/industry-applications", new { industry, plan = "新种烤烟10亩，购置烤房设备", costYuan }, expected);

    public static Task<JsonElement> ApproveAsync(HttpClient agriculture, Guid applicationId, HttpStatusCode expected) =>
        PostAsync(agriculture, $"/api/industry-applications/{applicationId}/approve", new { note = "符合措施四" }, expected);

    public static Task<JsonElement> PayAsync(HttpClient agriculture, Guid applicationId, HttpStatusCode expected, string? paidOn = null, string voucher = "XC-NK-2026-0001") =>
        PostAsync(agriculture, $"/api/industry-applications/{applicationId}/pay", new { paidOn = paidOn ?? Today, voucher }, expected);

    /// <summary>Applied, approved and paid: the application's id.</summary>
    public static async Task<Guid> PaidAsync(HttpClient agriculture, Guid householdId, decimal costYuan)
    {
        var application = (await ApplyAsync(agriculture, householdId, costYuan, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ApproveAsync(agriculture, application, HttpStatusCode.OK);
        await PayAsync(agriculture, application, HttpStatusCode.OK, voucher: $"XC-{Guid.NewGuid():N}"[..20]);
        return application;
    }

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

    public static async Task<JsonElement> GetAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), Cancellation);

    /// <summary>The field errors of a 400 ProblemDetails, by field; every message is Chinese, then " / ", then English.</summary>
    public static IReadOnlyDictionary<string, string[]> FieldErrors(JsonElement problem)
    {
        var errors = problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.Ordinal);
        Assert.All(errors.Values.SelectMany(m => m), message => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", message));
        return errors;
    }

    /// <summary>What agriculture stored about a household: applications, cap rows, linkages, policies, claims, findings, outbox rows, audit lines.</summary>
    public static async Task<string> StoredAsync(ServiceHost agriculture, Guid householdId)
    {
        var counts = new List<long>();
        foreach (var table in new[] { "IndustryApplications", "SubsidyAccounts", "Linkages", "InsurancePolicies", "LossClaims", "AgricultureFindings",
            "HouseholdIndustries", "AuditLog" })
        {
            counts.Add(await agriculture.CountAsync($"SELECT COUNT(*) FROM {table} WHERE HouseholdId = $id", ("$id", Id(householdId))));
        }
        counts.Add(await agriculture.OutboxRowsMentioningAsync(householdId.ToString()));
        return string.Join(",", counts);
    }

    /// <summary>The body of the one outbox row of <typeparamref name="TEvent"/> mentioning <paramref name="text"/>.</summary>
    public static async Task<JsonElement> OutboxEventAsync<TEvent>(ServiceHost host, string text)
    {
        Assert.Equal(1, await host.OutboxRowsAsync<TEvent>(text));
        var body = (string)(await host.ScalarAsync("SELECT Body FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $text) > 0",
            ("$type", typeof(TEvent).FullName!), ("$text", text)))!;
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
