using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>
/// Every demo role against every service, through the gateway with a token from <c>POST /auth/token</c>: a
/// representative read (the household counts) and write (monitoring: register a household in 兴街镇三光村; housing:
/// record an assessment; water: record a check; another department: record its survey of a household), each with the
/// exact status the role must get.
/// </summary>
public sealed class AccessMatrixTests(PlatformFixture platform)
{
    private const string Monitoring = ServiceNames.Monitoring;
    private const string CommandCentre = ServiceNames.CommandCentre;
    private const string SanguangVillage = "532623101012";

    private static readonly string[] Departments =
        [ServiceNames.Housing, ServiceNames.Agriculture, ServiceNames.Employment, ServiceNames.Education, ServiceNames.Water, ServiceNames.Insurance];

    private static readonly Random Random = new();

    /// <summary>user → service → (read status, write status); command centre has no write.</summary>
    public static TheoryData<string, string, int, int?> Matrix()
    {
        var data = new TheoryData<string, string, int, int?>();
        void Row(string user, string service, int read, int? write) => data.Add(user, service, read, write);

        foreach (var service in ServiceNames.All)
        {
            var write = service == CommandCentre ? (int?)null : 403;
            Row("admin", service, 403, write);
            Row("county-leader", service, 200, write);
            Row("poverty-office", service, service is Monitoring or CommandCentre ? 200 : 403,
                service == Monitoring ? 201 : write);
            foreach (var department in Departments)
            {
                // A department's staff and its head work in their own service only; the write is 201 where it records a new row.
                var written = department is ServiceNames.Housing or ServiceNames.Water ? 201 : 200;
                Row(department, service, service == department ? 200 : 403, service == department ? written : write);
                Row($"{department}-head", service, service == department ? 200 : 403, service == department ? written : write);
            }
            // Scoped users work in monitoring only; 三光村 is inside 兴街镇, outside 西洒镇 and 龙坪村.
            Row("township-xingjie", service, service == Monitoring ? 200 : 403, service == Monitoring ? 201 : write);
            Row("township-xisa", service, service == Monitoring ? 200 : 403, write);
            Row("village-sanguang", service, service == Monitoring ? 200 : 403, service == Monitoring ? 201 : write);
            Row("village-longping", service, service == Monitoring ? 200 : 403, write);
            Row("pairing-cadre", service, service == Monitoring ? 200 : 403, write);
            // The battle-zone commander (兴街镇) reads the command centre only.
            Row("zone-xingjie", service, service == CommandCentre ? 200 : 403, write);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_role_gets_exactly_its_status_for_a_read_and_a_write(string user, string service, int read, int? write)
    {
        using var client = await platform.CreateGatewayClientAsync(user);
        var cancellation = TestContext.Current.CancellationToken;

        using var readResponse = await client.GetAsync($"/{service}/api/households/counts", cancellation);
        Assert.Equal((HttpStatusCode)read, readResponse.StatusCode);

        if (write is null)
        {
            return;
        }
        var today = Beijing.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var writeResponse = service switch
        {
            Monitoring => await client.PostAsJsonAsync($"/{service}/api/households",
                new { villageCode = SanguangVillage, headName = "熊光明", headIdNumber = IdNumbers.New() }, cancellation),
            ServiceNames.Housing => await client.PostAsJsonAsync($"/{service}/api/households/{await platform.KnownHouseholdAsync()}/assessments",
                new { grade = "A", assessedOn = today, assessor = $"{user} 入户鉴定" }, cancellation),
            ServiceNames.Water => await client.PostAsJsonAsync($"/{service}/api/households/{await platform.KnownHouseholdAsync()}/checks",
                new { checkedOn = today, litresPerPersonPerDay = 60m, qualityMeetsStandard = true, pipedToHome = true, daysWithoutSupply = 0 }, cancellation),
            _ => await client.PutAsJsonAsync($"/{service}/api/households/{await platform.KnownHouseholdAsync()}/survey",
                new { status = "secured", note = $"{user} 入户核查" }, cancellation),
        };
        Assert.Equal((HttpStatusCode)write, writeResponse.StatusCode);
    }

    [Fact]
    public void The_matrix_has_one_row_per_demo_user_and_service()
    {
        var rows = Matrix().Select(row => (row.Data.Item1, row.Data.Item2)).ToList();
        // 21 demo users (the gateway's DemoUsers.All): admin, county leader, poverty office, six departments and their
        // heads, two township staff, two village monitors, the pairing cadre and the battle-zone commander.
        Assert.Equal(21 * ServiceNames.All.Count, rows.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

}
