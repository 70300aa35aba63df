using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.FunctionalTests.Monitoring.Register;

namespace Xichou.FunctionalTests.Employment;

/// <summary>A household on the register with two labourers (the head, able; the spouse, weak) and a child employment is not told about.</summary>
public sealed record LabouredHousehold(Guid Id, Guid Head, Guid Spouse);

/// <summary>What the employment tests do again and again: register a household with labourers, record their work, read it back.</summary>
internal static class EmploymentSteps
{
    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static DateOnly TodayDate => Beijing.Today(TimeProvider.System);

    public static string Today => Day(TodayDate);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Id(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>Registered through the monitoring service's API (so the register holds it too), once employment holds its two labourers.</summary>
    public static async Task<LabouredHousehold> RegisteredWithLabourersAsync(Platform platform, string villageCode)
    {
        var head = IdNumbers.Born(new DateOnly(1979, 3, 8), male: true);
        var spouse = IdNumbers.Born(new DateOnly(1982, 9, 1), male: false);
        var child = IdNumbers.Born(TodayDate.AddYears(-8), male: true);
        var (id, _) = await platform.Monitoring.RegisterAsync(villageCode, head, 5200m,
            new { relation = "配偶", name = "陶玉兰", idNumber = spouse, labourCapacity = "弱劳动力" },
            new { relation = "子女", name = "罗小宝", idNumber = child, labourCapacity = "无劳动力", schoolStage = "小学" });
        var employment = platform[ServiceNames.Employment];
        await employment.RowsReachAsync("Members", id, 2);
        var labourers = await LabourersAsync(employment.Client, id);
        var items = labourers.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        return new LabouredHousehold(id, items.Single(i => i.GetProperty("relation").GetString() == "head").GetProperty("memberId").GetGuid(),
            items.Single(i => i.GetProperty("relation").GetString() != "head").GetProperty("memberId").GetGuid());
    }

    public static Task<JsonElement> LabourersAsync(HttpClient employment, Guid householdId) =>
        SendAsync(employment, HttpMethod.Get, $"/api/households/{householdId}/labourers", null, HttpStatusCode.OK);

    public static Task<JsonElement> NotEmployedAsync(HttpClient employment, Guid householdId, Guid memberId, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(employment, HttpMethod.Put, $"/api/households/{householdId}/employment", new { memberId, status = "not-employed" }, expected);

    public static Task<JsonElement> AwayAsync(HttpClient employment, Guid householdId, Guid memberId, string since, decimal income = 4200m,
        HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(employment, HttpMethod.Put, $"/api/households/{householdId}/employment",
            new { memberId, status = "away", place = "广东省东莞市", employer = "东莞某电子厂", since, monthlyIncomeYuan = income }, expected);

    public static Task<JsonElement> TrainAsync(HttpClient employment, Guid householdId, Guid memberId, HttpStatusCode expected = HttpStatusCode.Created,
        string? startOn = null, string? endOn = null) =>
        SendAsync(employment, HttpMethod.Post, $"/api/households/{householdId}/trainings",
            new { memberId, course = "电工技能培训", provider = "西畴县职业技术学校", startOn = startOn ?? Day(TodayDate.AddDays(-20)), endOn = endOn ?? Today, certificate = "低压电工证" },
            expected);

    public static Task<JsonElement> CheckAsync(HttpClient employment, Guid householdId, Guid memberId, string month, bool stillEmployed, decimal? income,
        HttpStatusCode expected = HttpStatusCode.Created) =>
        SendAsync(employment, HttpMethod.Post, $"/api/households/{householdId}/migrant-checks",
            new { memberId, month, stillEmployed, monthlyIncomeYuan = income }, expected);

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
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

    /// <summary>Everything employment stores about a household: its own rows, outbox rows and audit lines.</summary>
    public static async Task<string> StoredAsync(ServiceHost employment, Guid householdId)
    {
        var counts = new List<long>();
        foreach (var table in new[] { "Labourers", "Trainings", "JobServices", "MigrantChecks", "EmploymentFindings" })
        {
            counts.Add(await employment.CountAsync($"SELECT COUNT(*) FROM {table} WHERE HouseholdId = $id", ("$id", Id(householdId))));
        }
        counts.Add(await employment.OutboxRowsMentioningAsync(householdId.ToString()));
        counts.Add(await employment.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id", ("$id", Id(householdId))));
        return string.Join(",", counts);
    }
}
