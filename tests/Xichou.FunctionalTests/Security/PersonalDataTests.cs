using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Security;

/// <summary>
/// ID numbers are masked everywhere unless a role that needs them asks, with a reason; every reveal, export and write
/// leaves a line in the service's audit log, which the poverty office and admin can search.
/// </summary>
public class PersonalDataTests(Platform platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    private async Task<(Guid Id, string IdNumber)> RegisterAsync(string villageCode = TestUser.SanguangVillage)
    {
        var idNumber = IdNumbers.New();
        using var response = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode, headName = "侯世昌", headIdNumber = idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid(), idNumber);
    }

    private static async Task<JsonElement[]> AuditAsync(ServiceHost host, string query, TestUser? auditor = null)
    {
        using var client = host.ClientFor(auditor ?? TestUser.PovertyOffice);
        var page = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/audit?{query}", UriKind.Relative), Cancellation);
        return [.. page.GetProperty("entries").EnumerateArray()];
    }

    [Fact]
    public async Task A_village_monitor_who_reveals_an_ID_number_with_a_reason_sees_it_and_the_reveal_is_audited()
    {
        var (id, idNumber) = await RegisterAsync();
        using var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);

        using var response = await monitor.RevealAsync($"/api/households/{id}?reveal=idNumber&reason={Uri.EscapeDataString("入户核实身份")}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(idNumber, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("headIdNumber").GetString());
        var reveal = Assert.Single(await AuditAsync(Monitoring, $"householdId={id}&action=reveal"));
        Assert.Equal(TestUser.SanguangMonitor.Name, reveal.GetProperty("userName").GetString());
        Assert.Equal("village-monitor", reveal.GetProperty("roles").GetString());
        Assert.Equal("idNumber", reveal.GetProperty("field").GetString());
        Assert.Equal("入户核实身份", reveal.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Without_reveal_the_ID_number_is_masked_and_nothing_is_audited()
    {
        var (id, idNumber) = await RegisterAsync();

        var household = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{id}", UriKind.Relative), Cancellation);

        Assert.Equal(IdNumber.Mask(idNumber), household.GetProperty("headIdNumber").GetString());
        Assert.Matches("^532623\\*{8}[0-9]{3}[0-9X]$", household.GetProperty("headIdNumber").GetString());
        Assert.Empty(await AuditAsync(Monitoring, $"householdId={id}&action=reveal"));
    }

    [Fact]
    public async Task County_leaders_read_everything_with_names_masked_and_may_not_reveal()
    {
        var (id, _) = await RegisterAsync();
        using var leader = Monitoring.ClientFor(TestUser.CountyLeader);

        using var read = await leader.GetAsync(new Uri($"/api/households/{id}", UriKind.Relative), Cancellation);
        using var reveal = await leader.GetAsync(new Uri($"/api/households/{id}?reveal=idNumber&reason=检查", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var household = await read.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("侯**", household.GetProperty("headName").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);
        Assert.Empty(await AuditAsync(Monitoring, $"householdId={id}&action=reveal"));
    }

    [Theory]
    [InlineData("reveal=idNumber", "reason")]
    [InlineData("reveal=idNumber&reason=+", "reason")]
    [InlineData("reveal=bankCard&reason=核实", "reveal")]
    public async Task A_reveal_without_a_reason_or_of_an_unknown_field_is_a_400_naming_the_field(string query, string field)
    {
        var (id, _) = await RegisterAsync();

        using var response = await Monitoring.Client.RevealAsync($"/api/households/{id}?{query}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Empty(await AuditAsync(Monitoring, $"householdId={id}&action=reveal"));
    }

    [Fact]
    public async Task An_export_is_masked_by_default_and_audited()
    {
        var (_, idNumber) = await RegisterAsync(TestUser.LongpingVillage);
        using var monitor = Monitoring.ClientFor(TestUser.LongpingMonitor);

        var rows = await ExportAsync(monitor, "");

        var row = Assert.Single(rows, r => (string)r["户主身份证号"] == IdNumber.Mask(idNumber));
        Assert.Equal("侯世昌", row["户主姓名"]);
        Assert.DoesNotContain(rows, r => (string)r["户主身份证号"] == idNumber);
        var export = (await AuditAsync(Monitoring, $"userName={TestUser.LongpingMonitor.Name}&action=export")).First();
        Assert.Equal(JsonValueKind.Null, export.GetProperty("field").ValueKind);
        // One row per member (the county's 台账 layout): the audit line counts the members exported and their households.
        Assert.Contains($"\"members\":{rows.Count}", export.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Contains($"\"households\":{rows.Select(r => r["户编号"]).Distinct().Count()}", export.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revealed_export_carries_full_ID_numbers_and_its_reason_in_the_audit_log()
    {
        var (_, idNumber) = await RegisterAsync(TestUser.LongquanVillage);
        using var township = Monitoring.ClientFor(TestUser.XisaTownship);

        var rows = await ExportAsync(township, $"?reveal=idNumber&reason={Uri.EscapeDataString("低保复核")}");

        Assert.Contains(rows, r => (string)r["户主身份证号"] == idNumber);
        var export = (await AuditAsync(Monitoring, $"userName={TestUser.XisaTownship.Name}&action=export")).First();
        Assert.Equal("idNumber", export.GetProperty("field").GetString());
        Assert.Equal("低保复核", export.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Registration_is_audited_with_the_ID_number_masked()
    {
        var (id, idNumber) = await RegisterAsync();

        var create = Assert.Single(await AuditAsync(Monitoring, $"householdId={id}&action=create"));

        Assert.Equal(TestUser.PovertyOffice.Name, create.GetProperty("userName").GetString());
        var details = create.GetProperty("details").GetString()!;
        Assert.Contains(IdNumber.Mask(idNumber), details, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_may_search_the_audit_log_and_a_village_monitor_may_not()
    {
        var (id, _) = await RegisterAsync();

        Assert.Single(await AuditAsync(Monitoring, $"householdId={id}&action=create", TestUser.Admin));
        using var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);
        using var response = await monitor.GetAsync(new Uri("/api/audit", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_department_survey_is_a_write_audited_with_what_changed_and_bad_input_changes_nothing()
    {
        var registered = TestData.NewHouseholdRegistered(TestUser.SanguangVillage);
        await platform.PublishAsync(registered, Guid.NewGuid());
        var insurance = platform[ServiceNames.Insurance];
        var uri = new Uri($"/api/households/{registered.HouseholdId}/survey", UriKind.Relative);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await insurance.Client.GetAsync(new Uri($"/api/households/{registered.HouseholdId}", UriKind.Relative), Cancellation);
            return response.IsSuccessStatusCode;
        }, "insurance to know the household");

        using var bad = await insurance.Client.PutAsJsonAsync(uri, new { status = "problem", note = "" }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["note"], (await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Empty(await AuditAsync(insurance, $"householdId={registered.HouseholdId}"));

        using var ok = await insurance.Client.PutAsJsonAsync(uri, new { status = "problem", note = "户主未参加大病保险，旱季外出务工断缴" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var household = await ok.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("problem", household.GetProperty("surveyStatus").GetString());
        Assert.Equal("insurance", household.GetProperty("surveyedBy").GetString());

        var update = Assert.Single(await AuditAsync(insurance, $"householdId={registered.HouseholdId}&action=update"));
        Assert.Equal("insurance", update.GetProperty("userName").GetString());
        Assert.Contains("\"before\":{\"status\":\"pending\"", update.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Contains("断缴", update.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_the_audit_log_with_a_bad_action_is_a_400()
    {
        using var client = Monitoring.ClientFor(TestUser.PovertyOffice);
        using var response = await client.GetAsync(new Uri("/api/audit?action=delete&limit=0", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal(["action", "limit"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    private static async Task<List<IDictionary<string, object>>> ExportAsync(HttpClient client, string query)
    {
        using var response = await client.RevealAsync($"/api/households/export{query}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancellation));
        return [.. (await file.QueryAsync(useHeaderRow: true, cancellationToken: Cancellation)).Cast<IDictionary<string, object>>()];
    }
}
