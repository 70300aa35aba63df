using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>The first vertical path, through the gateway: monitoring registers, seven departments each store their copy.</summary>
public sealed class HouseholdFanOutTests(PlatformFixture platform)
{
    private static readonly Random Random = new();

    [Fact]
    public async Task A_household_registered_through_the_gateway_appears_in_all_seven_services()
    {
        using var gateway = await platform.CreateGatewayClientAsync("poverty-office");
        var idNumber = IdNumbers.New();

        using var response = await gateway.PostAsJsonAsync("/monitoring/api/households", new
        {
            villageCode = "532623203002", // 柏林乡三板桥村
            headName = "侯正荣",
            headIdNumber = idNumber,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registered = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var id = registered.GetProperty("id").GetGuid();
        var code = registered.GetProperty("householdCode").GetString();
        Assert.Equal(IdNumber.Mask(idNumber), registered.GetProperty("headIdNumber").GetString());

        foreach (var service in ServiceNames.HouseholdConsumers)
        {
            // Each department reads its own copy; the poverty office reads the command centre's.
            using var reader = await platform.CreateGatewayClientAsync(service == ServiceNames.CommandCentre ? "poverty-office" : service);
            var body = await Eventually.GetAsync(
                async () =>
                {
                    using var get = await reader.GetAsync($"/{service}/api/households/{id}", TestContext.Current.CancellationToken);
                    return get.StatusCode == HttpStatusCode.OK ? await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) : null;
                },
                $"household {id} in {service}");
            var copy = JsonDocument.Parse(body).RootElement;
            Assert.Equal(code, copy.GetProperty("householdCode").GetString());
            Assert.Equal("532623203", copy.GetProperty("townshipCode").GetString());
            Assert.Equal("侯正荣", copy.GetProperty("headName").GetString());
            // The full ID number never leaves a service unmasked.
            Assert.Equal(IdNumber.Mask(idNumber), copy.GetProperty("headIdNumber").GetString());
            Assert.DoesNotContain(idNumber, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_invalid_ID_number_is_a_400_naming_the_field_and_registers_nothing()
    {
        using var gateway = await platform.CreateGatewayClientAsync("poverty-office");
        var valid = IdNumbers.New();
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');

        using var response = await gateway.PostAsJsonAsync("/monitoring/api/households", new
        {
            villageCode = "532623100002", // 西洒镇龙泉村
            headName = "李秀英",
            headIdNumber = wrongCheck,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var message = problem.GetProperty("errors").GetProperty("headIdNumber")[0].GetString();
        Assert.Contains("校验码", message, StringComparison.Ordinal);
        Assert.Contains("check digit", message, StringComparison.Ordinal);

        // Registering the corrected number now succeeds: the rejected one left nothing behind to collide with.
        using var corrected = await gateway.PostAsJsonAsync("/monitoring/api/households", new
        {
            villageCode = "532623100002", // 西洒镇龙泉村
            headName = "李秀英",
            headIdNumber = valid,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task The_demo_register_reaches_every_department()
    {
        // County leaders read every service's counts.
        using var gateway = await platform.CreateGatewayClientAsync("county-leader");
        var register = await gateway.GetFromJsonAsync<JsonElement>("/monitoring/api/households/counts", TestContext.Current.CancellationToken);
        var byTownship = register.GetProperty("byTownship");
        Assert.True(register.GetProperty("total").GetInt32() >= PlatformFixture.DemoHouseholds);
        Assert.Equal(Townships.ByCode.Count, byTownship.EnumerateObject().Count());

        foreach (var service in ServiceNames.HouseholdConsumers)
        {
            // Each department knows at least the demo households of every township (tests may add more meanwhile).
            await Eventually.GetAsync(
                async () =>
                {
                    var counts = await gateway.GetFromJsonAsync<JsonElement>($"/{service}/api/households/counts", TestContext.Current.CancellationToken);
                    var known = counts.GetProperty("byTownship");
                    return byTownship.EnumerateObject().All(t => known.TryGetProperty(t.Name, out var n) && n.GetInt32() >= t.Value.GetInt32())
                        ? counts.ToString()
                        : null;
                },
                $"the demo register in {service}");
        }
    }

}
