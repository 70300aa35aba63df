using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Security;

/// <summary>
/// A village monitor sees their village and a township's staff their township, in every list, count, read, export
/// and write; a household outside is "not found", so its existence does not leak.
/// </summary>
public class JurisdictionTests(Platform platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    private async Task<Guid> RegisterAsync(string villageCode)
    {
        using var response = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode, headName = "杨春花", headIdNumber = IdNumbers.New() }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync(new Uri($"/api/households?pageSize=200{query}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    [Fact]
    public async Task A_village_monitor_lists_counts_and_reads_only_their_own_village()
    {
        var sanguang = await RegisterAsync(TestUser.SanguangVillage);
        var longping = await RegisterAsync(TestUser.LongpingVillage);
        using var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);

        var list = await ListAsync(monitor);
        var villages = list.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("villageCode").GetString()).Distinct();
        Assert.Equal([TestUser.SanguangVillage], villages);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetGuid() == sanguang);

        // Asking for the other village by filter narrows inside the jurisdiction; it never widens it.
        var filtered = await ListAsync(monitor, $"&village={TestUser.LongpingVillage}");
        Assert.Equal(0, filtered.GetProperty("total").GetInt32());

        // Other tests register in this village meanwhile: the count is at least what the list showed, and of one township.
        var counts = await monitor.GetFromJsonAsync<JsonElement>(new Uri("/api/households/counts", UriKind.Relative), Cancellation);
        Assert.InRange(counts.GetProperty("total").GetInt32(), list.GetProperty("total").GetInt32(), int.MaxValue);
        Assert.Equal(["532623101"], counts.GetProperty("byTownship").EnumerateObject().Select(p => p.Name));

        using var own = await monitor.GetAsync(new Uri($"/api/households/{sanguang}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var other = await monitor.GetAsync(new Uri($"/api/households/{longping}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task A_village_monitor_cannot_reveal_or_register_in_another_village()
    {
        var longping = await RegisterAsync(TestUser.LongpingVillage);
        using var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);

        using var reveal = await monitor.RevealAsync($"/api/households/{longping}?reveal=idNumber&reason=核实", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, reveal.StatusCode);

        var idNumber = IdNumbers.New();
        using var write = await monitor.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = TestUser.LongpingVillage, headName = "李国富", headIdNumber = idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));

        using var ownWrite = await monitor.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = TestUser.SanguangVillage, headName = "李国富", headIdNumber = idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, ownWrite.StatusCode);
    }

    [Fact]
    public async Task A_village_monitor_exports_only_their_own_village()
    {
        await RegisterAsync(TestUser.SanguangVillage);
        await RegisterAsync(TestUser.LongpingVillage);
        using var monitor = Monitoring.ClientFor(TestUser.LongpingMonitor);

        var rows = await ExportAsync(monitor);

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal("龙坪村", row["村委会"]));
        Assert.Contains(rows, row => (string)row["户主姓名"] == "杨春花");
    }

    [Fact]
    public async Task Township_staff_see_every_village_of_their_township_and_nothing_of_another()
    {
        var sanguang = await RegisterAsync(TestUser.SanguangVillage);
        var longping = await RegisterAsync(TestUser.LongpingVillage);
        var longquan = await RegisterAsync(TestUser.LongquanVillage);
        using var xingjie = Monitoring.ClientFor(TestUser.XingjieTownship);
        using var xisa = Monitoring.ClientFor(TestUser.XisaTownship);

        var xingjieIds = (await ListAsync(xingjie)).GetProperty("items").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(sanguang, xingjieIds);
        Assert.Contains(longping, xingjieIds);
        Assert.DoesNotContain(longquan, xingjieIds);
        Assert.All((await ListAsync(xingjie)).GetProperty("items").EnumerateArray(),
            h => Assert.Equal("532623101", h.GetProperty("townshipCode").GetString()));

        using var across = await xisa.GetAsync(new Uri($"/api/households/{sanguang}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, across.StatusCode);
        using var own = await xisa.GetAsync(new Uri($"/api/households/{longquan}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        var xisaCounts = await xisa.GetFromJsonAsync<JsonElement>(new Uri("/api/households/counts", UriKind.Relative), Cancellation);
        Assert.Equal(["532623100"], xisaCounts.GetProperty("byTownship").EnumerateObject().Select(p => p.Name));

        Assert.All(await ExportAsync(xisa), row => Assert.Equal("西洒镇", row["乡镇"]));

        var idNumber = IdNumbers.New();
        using var write = await xisa.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = TestUser.SanguangVillage, headName = "陶正荣", headIdNumber = idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
    }

    [Fact]
    public async Task A_pairing_cadre_sees_only_the_household_paired_with_them()
    {
        var paired = await RegisterAsync(TestUser.SanguangVillage);
        var unpaired = await RegisterAsync(TestUser.SanguangVillage);
        var cadre = TestUser.Cadre($"cadre-{Guid.NewGuid():N}"[..20]);
        await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Xichou.Monitoring.Infrastructure.MonitoringDbContext>();
            (await db.Households.FindAsync([paired], Cancellation))!.PairWith(cadre.Name);
            return await db.SaveChangesAsync(Cancellation);
        });
        using var client = Monitoring.ClientFor(cadre);

        var list = await ListAsync(client);
        Assert.Equal([paired], list.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()));
        using var other = await client.GetAsync(new Uri($"/api/households/{unpaired}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task A_scoped_user_without_their_scope_claim_sees_nothing()
    {
        await RegisterAsync(TestUser.SanguangVillage);
        using var client = Monitoring.ClientFor(TestUser.SanguangMonitor with { Village = null });

        Assert.Equal(0, (await ListAsync(client)).GetProperty("total").GetInt32());
    }

    private static async Task<List<IDictionary<string, object>>> ExportAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/households/export", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancellation));
        return [.. (await file.QueryAsync(useHeaderRow: true, cancellationToken: Cancellation)).Cast<IDictionary<string, object>>()];
    }
}
