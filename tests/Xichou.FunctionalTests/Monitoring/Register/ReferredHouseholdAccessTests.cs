using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>Access follows the referral: a department reads from the register the basics of a household it has a referral about, nothing else.</summary>
public class ReferredHouseholdAccessTests(Platform platform)
{
    /// <summary>法斗乡三元井村.</summary>
    private const string Village = "532623204005";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    private static Uri HouseholdUri(Guid id, string query = "") => new($"/api/households/{id}{query}", UriKind.Relative);

    [Fact]
    public async Task A_department_reads_only_the_basics_of_a_household_referred_to_it_and_gets_404_for_any_other()
    {
        var head = IdNumbers.New();
        var (referred, code) = await Monitoring.RegisterAsync(Village, head, 5400m, new { relation = "配偶", name = "李桂芬", idNumber = IdNumbers.New() });
        var (other, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New());
        using (var referral = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/referrals", UriKind.Relative),
            new { householdId = referred, toDepartment = "housing", request = "请住建局鉴定房屋" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, referral.StatusCode);
        }
        using var housing = Monitoring.ClientFor(TestUser.Department(Roles.Housing));
        using var housingHead = Monitoring.ClientFor(TestUser.Department(Departments.Housing.HeadRole!));
        using var water = Monitoring.ClientFor(TestUser.Department(Roles.Water));

        foreach (var client in new[] { housing, housingHead })
        {
            using var response = await client.GetAsync(HouseholdUri(referred), Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal(code, body.GetProperty("householdCode").GetString());
            Assert.Equal(("罗正华", "三元井村", "法斗乡", "monitored"), (body.GetProperty("headName").GetString(), body.GetProperty("village").GetString(),
                body.GetProperty("townshipName").GetString(), body.GetProperty("status").GetString()));
            var fields = body.EnumerateObject().Select(p => p.Name).ToList();
            Assert.DoesNotContain("headIdNumber", fields);
            Assert.DoesNotContain("members", fields);
            Assert.DoesNotContain("perCapitaIncome", fields);
            Assert.DoesNotContain("villagerGroup", fields);
            Assert.DoesNotContain(IdNumber.Mask(head), body.GetRawText(), StringComparison.Ordinal);
        }
        using (var revealing = await housing.GetAsync(HouseholdUri(referred, "?reveal=idNumber&reason=核实身份"), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, revealing.StatusCode);
        }
        using (var notReferred = await housing.GetAsync(HouseholdUri(other), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, notReferred.StatusCode);
        }
        using (var otherDepartment = await water.GetAsync(HouseholdUri(referred), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherDepartment.StatusCode);
        }
        using var admin = Monitoring.ClientFor(TestUser.Admin);
        using (var forbidden = await admin.GetAsync(HouseholdUri(referred), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }
        // The register's own readers still read the whole household.
        var full = await Monitoring.Client.GetFromJsonAsync<JsonElement>(HouseholdUri(referred), Cancellation);
        Assert.Equal(2, full.GetProperty("members").GetArrayLength());
        Assert.Equal(IdNumber.Mask(head), full.GetProperty("headIdNumber").GetString());
    }

    [Fact]
    public async Task A_department_that_sent_a_referral_about_a_household_reads_its_basics_once_the_register_has_the_referral()
    {
        var (household, code) = await Monitoring.RegisterAsync(Village, IdNumbers.New());
        var waterService = platform[ServiceNames.Water];
        await waterService.RowsReachAsync("Households", household, 1);
        using var water = Monitoring.ClientFor(TestUser.Department(Roles.Water));
        using (var before = await water.GetAsync(HouseholdUri(household), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        using (var referral = await waterService.Client.PostAsJsonAsync(new Uri("/api/referrals", UriKind.Relative),
            new { householdId = household, toDepartment = "insurance", request = "饮水排查发现家中有重病患者，请核查参保" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, referral.StatusCode);
        }

        var basics = await Eventually.GetValueAsync(async () =>
        {
            using var response = await water.GetAsync(HouseholdUri(household), Cancellation);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation) : (JsonElement?)null;
        }, "the register to let water read the household it referred", TimeSpan.FromMinutes(1));
        Assert.Equal(code, basics.GetProperty("householdCode").GetString());
        Assert.False(basics.TryGetProperty("members", out _));
    }
}
