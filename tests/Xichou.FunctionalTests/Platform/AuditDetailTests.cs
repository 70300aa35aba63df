using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.PlatformDefaults;

/// <summary>
/// Admin runs the platform and sees no household data: in a service's audit log it reads who did what, when and to which
/// record, but not the reasons and details (names, incomes, before and after), which the poverty office reads in full.
/// </summary>
public class AuditDetailTests(Platform platform)
{
    private const string HeadName = "审计测试户";
    private const string Reason = "入户核实审计测试";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<Guid> RegisterAndRevealAsync()
    {
        using var register = await platform.Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = TestUser.SanguangVillage, headName = HeadName, headIdNumber = IdNumbers.New() }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var id = (await register.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        using var monitor = platform.Monitoring.ClientFor(TestUser.SanguangMonitor);
        using var reveal = await monitor.RevealAsync($"/api/households/{id}?reveal=idNumber&reason={Uri.EscapeDataString(Reason)}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        return id;
    }

    private async Task<(string Body, JsonElement[] Entries)> AuditAsync(TestUser user, Guid householdId)
    {
        using var client = platform.Monitoring.ClientFor(user);
        var body = await client.GetStringAsync(new Uri($"/api/audit?householdId={householdId}", UriKind.Relative), Cancellation);
        return (body, [.. JsonDocument.Parse(body).RootElement.GetProperty("entries").EnumerateArray()]);
    }

    [Fact]
    public async Task Admin_reads_who_did_what_and_when_but_not_the_names_or_reasons()
    {
        var id = await RegisterAndRevealAsync();

        var (body, entries) = await AuditAsync(TestUser.Admin, id);

        Assert.Equal(["reveal", "create"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("userName").GetString()));
            Assert.Equal(id, e.GetProperty("householdId").GetGuid());
            Assert.Equal(JsonValueKind.Null, e.GetProperty("details").ValueKind);
            Assert.Equal(JsonValueKind.Null, e.GetProperty("reason").ValueKind);
            Assert.True(e.GetProperty("detailsWithheld").GetBoolean());
        });
        Assert.Equal("idNumber", entries[0].GetProperty("field").GetString());
        Assert.DoesNotContain(HeadName, Unescaped(body), StringComparison.Ordinal);
        Assert.DoesNotContain(Reason, Unescaped(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_poverty_office_reads_the_same_lines_in_full()
    {
        var id = await RegisterAndRevealAsync();

        var (_, entries) = await AuditAsync(TestUser.PovertyOffice, id);

        Assert.Equal(["reveal", "create"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(Reason, entries[0].GetProperty("reason").GetString());
        Assert.Contains(HeadName, entries[1].GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.All(entries, e => Assert.False(e.GetProperty("detailsWithheld").GetBoolean()));
    }

    [Fact]
    public async Task The_audit_page_shows_admin_the_lines_without_their_content()
    {
        var id = await RegisterAndRevealAsync();

        using var admin = platform.Monitoring.ClientFor(TestUser.Admin);
        var adminPage = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri($"/audit?householdId={id}", UriKind.Relative), Cancellation));
        using var office = platform.Monitoring.ClientFor(TestUser.PovertyOffice);
        var officePage = WebUtility.HtmlDecode(await office.GetStringAsync(new Uri($"/audit?householdId={id}", UriKind.Relative), Cancellation));

        Assert.Contains("data-action=\"create\"", adminPage, StringComparison.Ordinal);
        Assert.Contains("data-action=\"reveal\"", adminPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"details-withheld\"", adminPage, StringComparison.Ordinal);
        Assert.DoesNotContain(HeadName, adminPage, StringComparison.Ordinal);
        Assert.DoesNotContain(Reason, adminPage, StringComparison.Ordinal);
        Assert.Contains(HeadName, officePage, StringComparison.Ordinal);
        Assert.Contains(Reason, officePage, StringComparison.Ordinal);
    }

    /// <summary>The JSON text with \u escapes decoded, so a name the serializer escaped is still found.</summary>
    private static string Unescaped(string json) => System.Text.RegularExpressions.Regex.Unescape(json);

}
