using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Monitoring.Security;

/// <summary>
/// Reveals and exports are GETs: a link or an &lt;img&gt; on another site must not make a signed-in browser reveal an ID
/// number (and write an audit line in the user's name) or export the register.
/// </summary>
public class LinkSafetyTests(Platform platform)
{
    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(Guid Id, string IdNumber)> RegisterAsync()
    {
        var idNumber = IdNumbers.New();
        using var created = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = TestUser.SanguangVillage, headName = "杨德富", headIdNumber = idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid(), idNumber);
    }

    [Fact]
    public async Task A_reveal_link_without_the_header_is_a_400_naming_it_and_nothing_is_revealed_or_audited()
    {
        var (id, idNumber) = await RegisterAsync();
        var url = $"/api/households/{id}?reveal=idNumber&reason={Uri.EscapeDataString("入户核实")}";

        using var link = await Monitoring.Client.GetAsync(new Uri(url, UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
        var text = await link.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain(idNumber, text, StringComparison.Ordinal);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.Equal([PersonalData.RevealHeader], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("X-Xichou-Reveal: 1", errors.GetProperty(PersonalData.RevealHeader)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE Action = 'reveal' AND HouseholdId = $id",
            ("$id", id.ToString().ToUpperInvariant())));

        using var asked = await Monitoring.Client.RevealAsync(url, Cancellation);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(idNumber, (await asked.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("headIdNumber").GetString());
    }

    [Theory]
    [InlineData("/api/households/export")]
    [InlineData("/api/risks/export")]
    [InlineData("/api/visits/export")]
    public async Task An_export_from_another_sites_link_is_refused_and_from_the_platforms_own_page_is_served(string export)
    {
        var user = new TestUser($"village-export-{Guid.NewGuid():N}"[..24], [Roles.VillageMonitor], Village: TestUser.SanguangVillage);
        using var browser = Monitoring.ClientFor(user);

        using var crossSite = new HttpRequestMessage(HttpMethod.Get, new Uri(export, UriKind.Relative));
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var refused = await browser.SendAsync(crossSite, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("导出只能从本平台页面发起", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE UserName = $user AND Action = 'export'", ("$user", user.Name)));

        using var sameOrigin = new HttpRequestMessage(HttpMethod.Get, new Uri(export, UriKind.Relative));
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var served = await browser.SendAsync(sameOrigin, Cancellation);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
