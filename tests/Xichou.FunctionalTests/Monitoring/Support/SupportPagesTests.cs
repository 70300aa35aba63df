using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Support;

/// <summary>The pairing, microcredit and hotline pages render for the roles that use them, scoped and masked like the API.</summary>
public class SupportPagesTests(Platform platform)
{
    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task The_poverty_office_sees_coverage_pairing_and_the_hotline_with_callers_phones_masked()
    {
        using var registered = await Monitoring.Client.PostAsJsonAsync(Url("/api/households"),
            new { villageCode = TestUser.LongpingVillage, headName = "侯光明", headIdNumber = IdNumbers.New() }, Cancellation);
        var household = await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        using var complaint = await Monitoring.Client.PostAsJsonAsync(Url("/api/hotline"),
            new { householdCode = household.GetProperty("householdCode").GetString(), content = "反映该户饮水困难", callerPhone = "15887654321" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, complaint.StatusCode);

        var loans = await Monitoring.Client.GetStringAsync(Url("/loans"), Cancellation);
        Assert.Contains("应贷尽贷", loans, StringComparison.Ordinal);
        Assert.Contains("兴街镇", loans, StringComparison.Ordinal);

        var pairing = await Monitoring.Client.GetStringAsync(Url("/pairing"), Cancellation);
        Assert.Contains("未挂钩农户", pairing, StringComparison.Ordinal);
        Assert.Contains(household.GetProperty("householdCode").GetString()!, pairing, StringComparison.Ordinal);

        var hotline = await Monitoring.Client.GetStringAsync(Url("/hotline"), Cancellation);
        Assert.Contains("反映该户饮水困难", hotline, StringComparison.Ordinal);
        Assert.Contains("158****4321", hotline, StringComparison.Ordinal);
        Assert.DoesNotContain("15887654321", hotline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_villages_do_not_see_the_complaint_and_a_pairing_cadre_cannot_open_the_hotline()
    {
        using var registered = await Monitoring.Client.PostAsJsonAsync(Url("/api/households"),
            new { villageCode = TestUser.LongpingVillage, headName = "陆朝军", headIdNumber = IdNumbers.New() }, Cancellation);
        var household = await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        using var complaint = await Monitoring.Client.PostAsJsonAsync(Url("/api/hotline"),
            new { householdId = household.GetProperty("id").GetGuid(), content = "反映该户孩子辍学在家" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, complaint.StatusCode);

        var longping = await Monitoring.ClientFor(TestUser.LongpingMonitor).GetStringAsync(Url("/hotline"), Cancellation);
        var sanguang = await Monitoring.ClientFor(TestUser.SanguangMonitor).GetStringAsync(Url("/hotline"), Cancellation);
        Assert.DoesNotContain("反映该户孩子辍学在家", sanguang, StringComparison.Ordinal);
        Assert.Contains("反映该户孩子辍学在家", longping, StringComparison.Ordinal);

        using var cadre = await Monitoring.ClientFor(TestUser.Cadre("pairing-cadre")).GetAsync(Url("/hotline"), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, cadre.StatusCode);
        using var cadreLoans = await Monitoring.ClientFor(TestUser.Cadre("pairing-cadre")).GetAsync(Url("/loans"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, cadreLoans.StatusCode);
    }
}
