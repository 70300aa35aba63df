using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Xichou.CommandCentre.Overview;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Security;

/// <summary>Pages name their own policy: household pages the readers', the audit log page the auditors'.</summary>
public class AuditPageTests(Platform platform)
{
    public static TheoryData<string> Services => new(ServiceNames.All);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Services))]
    public void The_home_page_needs_the_read_policy_and_the_audit_page_the_auditors_policy(string service)
    {
        var pages = platform[service].Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is "/" or "/register" or "/audit")
            .ToDictionary(e => e.RoutePattern.RawText!, e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList());

        if (service == ServiceNames.CommandCentre)
        {
            // Its home is the overview, for the overview's readers; its copy of the register is a page of its own.
            Assert.Contains(OverviewScope.Policy, pages["/"]);
            Assert.Contains(Policies.ReadHouseholds, pages["/register"]);
        }
        else
        {
            Assert.Contains(Policies.ReadHouseholds, pages["/"]);
        }
        Assert.Contains(Policies.ReadAudit, pages["/audit"]);
    }

    [Fact]
    public async Task The_poverty_office_finds_a_registration_on_the_audit_page_and_a_village_monitor_is_refused()
    {
        using var register = await platform.Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = TestUser.SanguangVillage, headName = "罗永红", headIdNumber = IdNumbers.New() }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var id = (await register.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Cancellation)).GetProperty("id").GetGuid();

        using var office = platform.Monitoring.ClientFor(TestUser.PovertyOffice);
        var html = WebUtility.HtmlDecode(await office.GetStringAsync(new Uri($"/audit?householdId={id}", UriKind.Relative), Cancellation));
        Assert.Contains("data-action=\"create\"", html, StringComparison.Ordinal);
        Assert.Contains("罗永红", html, StringComparison.Ordinal);
        Assert.Contains(TestUser.PovertyOffice.Name, html, StringComparison.Ordinal);

        using var monitor = platform.Monitoring.ClientFor(TestUser.SanguangMonitor);
        using var refused = await monitor.GetAsync(new Uri("/audit", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Admin_opens_a_departments_audit_page_but_not_its_household_page()
    {
        using var admin = platform[ServiceNames.Water].ClientFor(TestUser.Admin);

        using var audit = await admin.GetAsync(new Uri("/audit", UriKind.Relative), Cancellation);
        using var home = await admin.GetAsync(new Uri("/", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, home.StatusCode);
    }
}
