using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Housing.HousingSteps;

namespace Xichou.FunctionalTests.Insurance;

/// <summary>What the insurance tests do again and again: register a household with members, find them in insurance's copy, read the outbox.</summary>
internal static class InsuranceSteps
{
    /// <summary>
    /// A household registered on the register (monitoring's API) with its head and a spouse, once insurance holds both members;
    /// returns the household and the member ids (head first).
    /// </summary>
    public static async Task<(Guid Household, Guid Head, Guid Spouse)> RegisteredWithSpouseAsync(Platform platform, string villageCode = "532623201001",
        string head = "罗正芬", string spouse = "王德明")
    {
        var headId = IdNumbers.New();
        var created = await PostAsync(platform.Monitoring.Client, "/api/households", new
        {
            villageCode,
            headName = head,
            headIdNumber = headId,
            members = new object[]
            {
                new { relation = "head", name = head, idNumber = headId },
                new { relation = "spouse", name = spouse, idNumber = IdNumbers.New(), healthState = "长期慢性病" },
            },
        }, HttpStatusCode.Created);
        var household = created.GetProperty("id").GetGuid();
        var insurance = platform[ServiceNames.Insurance];
        await Eventually.TrueAsync(async () => await insurance.CountAsync("SELECT COUNT(*) FROM Members WHERE HouseholdId = $id",
            ("$id", Id(household))) == 2, $"insurance to hold both members of {household}");
        var members = await MembersAsync(insurance.Client, household);
        return (household, members.Single(m => m.GetProperty("relation").GetString() == "head").GetProperty("id").GetGuid(),
            members.Single(m => m.GetProperty("relation").GetString() == "spouse").GetProperty("id").GetGuid());
    }

    public static async Task<IReadOnlyList<JsonElement>> MembersAsync(HttpClient insurance, Guid household)
    {
        var page = await insurance.GetFromJsonAsync<JsonElement>(new Uri($"/api/members?householdId={household}", UriKind.Relative), Cancellation);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public static Task<JsonElement> BillAsync(HttpClient insurance, Guid member, decimal selfPaid, HttpStatusCode expected, string? billDate = null,
        decimal? total = null, string hospital = "西畴县人民医院") =>
        PostAsync(insurance, $"/api/members/{member}/hospital-subsidies",
            new { billDate = billDate ?? Today, hospital, totalYuan = total ?? selfPaid + 2_000m, selfPaidYuan = selfPaid }, expected);

    public static Task<JsonElement> EnrolAsync(HttpClient insurance, Guid member, bool basic, bool critical, HttpStatusCode expected = HttpStatusCode.OK,
        int? year = null) =>
        SendAsync(insurance, HttpMethod.Put, $"/api/members/{member}/enrolment",
            new { year = year ?? Beijing.Today(TimeProvider.System).Year, basicMedical = basic, criticalIllness = critical }, expected);

    /// <summary>The bodies (camelCase JSON) of the outbox rows of <typeparamref name="TEvent"/> mentioning <paramref name="text"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> OutboxEventsAsync<TEvent>(ServiceHost host, string text)
    {
        await using var connection = host.OpenDatabaseFile();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Body FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $text) > 0 ORDER BY Sequence";
        command.Parameters.AddWithValue("$type", typeof(TEvent).FullName!);
        command.Parameters.AddWithValue("$text", text);
        var bodies = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            bodies.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }
        return bodies;
    }

    /// <summary>What insurance stored about a household: subsidies, running totals, enrolments, outbox rows, audit lines.</summary>
    public static async Task<(long Subsidies, long Years, long Enrolments, long Outbox, long Audit)> InsuranceStoredAsync(ServiceHost insurance, Guid household) => (
        await insurance.CountAsync("SELECT COUNT(*) FROM HospitalSubsidies WHERE HouseholdId = $id", ("$id", Id(household))),
        await insurance.CountAsync("SELECT COUNT(*) FROM HospitalSubsidyYears WHERE HouseholdId = $id", ("$id", Id(household))),
        await insurance.CountAsync("SELECT COUNT(*) FROM MedicalEnrolments WHERE HouseholdId = $id", ("$id", Id(household))),
        await insurance.OutboxRowsMentioningAsync(household.ToString()),
        await insurance.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id", ("$id", Id(household))));
}
