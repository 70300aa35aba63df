using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Housing.HousingSteps;

namespace Xichou.FunctionalTests.Education;

/// <summary>A household registered on the register with school-age children, as education then knows them.</summary>
internal sealed record SchoolHousehold(Guid Id, Guid Pupil, Guid Preschooler, Guid SeniorStudent);

/// <summary>What the education tests do again and again: register a household with children, survey, grant, read back.</summary>
internal static class EducationSteps
{
    /// <summary>
    /// A household registered through the monitoring service's API with three children: a 12-year-old in primary school, a
    /// 4-year-old in preschool and a 17-year-old in senior high; returns once education holds the three.
    /// </summary>
    public static async Task<SchoolHousehold> RegisteredWithChildrenAsync(Platform platform, string villageCode, string headName)
    {
        var today = Beijing.Today(TimeProvider.System);
        object Child(string name, int age, string stage, bool male) => new
        {
            relation = "child", name, idNumber = IdNumbers.Born(today.AddYears(-age).AddDays(-30), male), schoolStage = stage,
        };
        var created = await PostAsync(platform.Monitoring.Client, "/api/households", new
        {
            // An adult head: IdNumbers.New() may draw someone born in 2010, whom education would count among the children.
            villageCode, headName, headIdNumber = IdNumbers.Born(new DateOnly(1982, 6, 1), male: true),
            members = new[] { Child($"{headName[..1]}小明", 12, "primary", true), Child($"{headName[..1]}小花", 4, "preschool", false), Child($"{headName[..1]}大军", 17, "seniorSecondary", true) },
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var education = platform[ServiceNames.Education];
        await Eventually.TrueAsync(async () => await education.CountAsync("SELECT COUNT(*) FROM Members WHERE HouseholdId = $id", ("$id", Id(id))) == 3,
            $"education to know household {id}'s three children", TimeSpan.FromMinutes(1));
        var students = await StudentsAsync(education.Client, id);
        Guid Of(string stage) => students.Single(s => s.GetProperty("stage").GetString() == stage).GetProperty("id").GetGuid();
        return new SchoolHousehold(id, Of("primary"), Of("preschool"), Of("seniorSecondary"));
    }

    public static async Task<IReadOnlyList<JsonElement>> StudentsAsync(HttpClient education, Guid householdId)
    {
        var students = await education.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{householdId}/students", UriKind.Relative), Cancellation);
        return [.. students.EnumerateArray()];
    }

    public static Task<JsonElement> SurveyAsync(HttpClient education, Guid studentId, string stage, HttpStatusCode expected, string? school = null,
        string? surveyedOn = null, string? note = null) =>
        PostAsync(education, $"/api/students/{studentId}/survey",
            new { surveyedOn = surveyedOn ?? Today, stage, school = school ?? (stage == "notInSchool" ? null : "兴街镇中心完小"), grade = "六年级", note }, expected);

    public static Task<JsonElement> GrantAsync(HttpClient education, Guid studentId, string period, HttpStatusCode expected) =>
        PostAsync(education, $"/api/students/{studentId}/subsidies", new { period }, expected);

    /// <summary>The period in force today (the school year from September): 2026-2027 from 2026-09-01 to 2027-08-31.</summary>
    public static string CurrentPeriod
    {
        get
        {
            var today = Beijing.Today(TimeProvider.System);
            var first = today.Month >= 9 ? today.Year : today.Year - 1;
            return $"{first}-{first + 1}";
        }
    }

    public static string PreviousPeriod
    {
        get
        {
            var first = int.Parse(CurrentPeriod[..4], System.Globalization.CultureInfo.InvariantCulture) - 1;
            return $"{first}-{first + 1}";
        }
    }

    /// <summary>The bodies of education's outbox rows of <typeparamref name="TEvent"/> about the household, oldest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> OutboxEventsAsync<TEvent>(ServiceHost education, Guid householdId)
    {
        await using var connection = education.OpenDatabaseFile();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Body FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $id) > 0 ORDER BY Sequence";
        command.Parameters.AddWithValue("$type", typeof(TEvent).FullName!);
        command.Parameters.AddWithValue("$id", householdId.ToString());
        var bodies = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            bodies.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }
        return bodies;
    }

    /// <summary>What education stored about a household: student records, grants, outbox rows, audit lines.</summary>
    public static async Task<(long Students, long Subsidies, long Outbox, long Audit)> EducationStoredAsync(ServiceHost education, Guid householdId) => (
        await education.CountAsync("SELECT COUNT(*) FROM Students WHERE HouseholdId = $id", ("$id", Id(householdId))),
        await education.CountAsync("SELECT COUNT(*) FROM EducationSubsidies WHERE HouseholdId = $id", ("$id", Id(householdId))),
        await education.OutboxRowsMentioningAsync(householdId.ToString()),
        await education.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id", ("$id", Id(householdId))));
}
