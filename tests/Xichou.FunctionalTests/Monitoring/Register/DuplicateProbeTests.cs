using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>
/// An ID number already on the register is no oracle: a village monitor who tries one held in another township learns that it
/// is taken and nothing of where, the attempt is in the audit log, and a run of such attempts is stopped with a 429.
/// </summary>
public class DuplicateProbeTests(Platform platform)
{
    private static readonly Uri Households = new("/api/households", UriKind.Relative);

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A 三光村 monitor of their own, so no other test's attempts count against the limit.</summary>
    private static TestUser NewSanguangMonitor() =>
        new($"village-probe-{Guid.NewGuid():N}"[..24], [Roles.VillageMonitor], Village: TestUser.SanguangVillage);

    /// <summary>A household registered by the poverty office in 西洒镇龙泉村: another township than 三光村's.</summary>
    private async Task<(string IdNumber, string Code)> RegisteredInXisaAsync()
    {
        var idNumber = IdNumbers.New();
        using var created = await Monitoring.Client.PostAsJsonAsync(Households,
            new { villageCode = TestUser.LongquanVillage, headName = "熊德明", headIdNumber = idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (idNumber, (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("householdCode").GetString()!);
    }

    private static Task<HttpResponseMessage> ProbeAsync(HttpClient monitor, string idNumber) =>
        monitor.PostAsJsonAsync(Households, new { villageCode = TestUser.SanguangVillage, headName = "王小二", headIdNumber = idNumber }, Cancellation);

    [Fact]
    public async Task A_village_monitor_probing_an_ID_number_registered_in_another_township_learns_nothing_of_where_and_the_probe_is_audited()
    {
        var (idNumber, code) = await RegisteredInXisaAsync();
        var prober = NewSanguangMonitor();
        using var monitor = Monitoring.ClientFor(prober);

        using var response = await ProbeAsync(monitor, idNumber);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("该身份证号已登记 / This ID number is already registered.", problem.GetProperty("title").GetString());
        Assert.Equal("headIdNumber", problem.GetProperty("field").GetString());
        Assert.False(problem.TryGetProperty("householdCode", out _), text);
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestUser.LongquanVillage[..9], text, StringComparison.Ordinal);
        Assert.DoesNotContain(Townships.NameOf(TestUser.LongquanVillage[..9]), text, StringComparison.Ordinal);
        Assert.DoesNotContain("龙泉", text, StringComparison.Ordinal);

        // Adding the person as a member of a household of the monitor's own village answers the same way.
        using var own = await monitor.PostAsJsonAsync(Households,
            new { villageCode = TestUser.SanguangVillage, headName = "王大一", headIdNumber = IdNumbers.New() }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var ownId = (await own.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
        using var member = await monitor.PostAsJsonAsync(new Uri($"/api/households/{ownId}/members", UriKind.Relative),
            new { relation = "配偶", name = "熊德明", idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, member.StatusCode);
        var memberText = await member.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain(code, memberText, StringComparison.Ordinal);
        Assert.DoesNotContain("householdCode", memberText, StringComparison.Ordinal);

        // Both attempts are in the audit log: who, which role, what was refused, the number masked and never in full.
        var audit = await Monitoring.Client.GetFromJsonAsync<JsonElement>(
            new Uri($"/api/audit?userName={prober.Name}&action=refuse", UriKind.Relative), Cancellation);
        var lines = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Equal(Roles.VillageMonitor, line.GetProperty("roles").GetString());
            Assert.Equal("idNumber", line.GetProperty("field").GetString());
            Assert.Equal(DuplicateIdNumbers.HeldElsewhere, line.GetProperty("reason").GetString());
            var details = line.GetProperty("details").GetString()!;
            Assert.Contains(IdNumber.Mask(idNumber), details, StringComparison.Ordinal);
            Assert.DoesNotContain(idNumber, details, StringComparison.Ordinal);
        });
        Assert.Equal(["addMember", "register"], lines.Select(l => JsonDocument.Parse(l.GetProperty("details").GetString()!).RootElement
            .GetProperty("refused").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(0, await Monitoring.CountAsync("SELECT COUNT(*) FROM Households WHERE HeadName = '王小二' AND HeadIdNumber = $id", ("$id", idNumber)));
    }

    [Fact]
    public async Task Inside_the_jurisdiction_the_household_holding_the_number_is_still_named()
    {
        var idNumber = IdNumbers.New();
        using var created = await Monitoring.Client.PostAsJsonAsync(Households,
            new { villageCode = TestUser.SanguangVillage, headName = "王明亮", headIdNumber = idNumber }, Cancellation);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("householdCode").GetString();
        using var monitor = Monitoring.ClientFor(NewSanguangMonitor());

        using var response = await ProbeAsync(monitor, idNumber);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("householdCode").GetString());
    }

    [Fact]
    public async Task After_the_limit_of_numbers_held_elsewhere_the_next_probe_is_a_429_in_Chinese_and_English()
    {
        var limit = Monitoring.Services.GetRequiredService<DuplicateAnswerLimits>().PermitLimit;
        var registered = new List<string>();
        for (var i = 0; i <= limit; i++)
        {
            registered.Add((await RegisteredInXisaAsync()).IdNumber);
        }
        var prober = NewSanguangMonitor();
        using var monitor = Monitoring.ClientFor(prober);

        for (var i = 0; i < limit; i++)
        {
            using var answered = await ProbeAsync(monitor, registered[i]);
            Assert.Equal(HttpStatusCode.Conflict, answered.StatusCode);
        }
        using var stopped = await ProbeAsync(monitor, registered[limit]);

        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        Assert.Equal("application/problem+json", stopped.Content.Headers.ContentType?.MediaType);
        var problem = await stopped.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("已登记身份证号的查询过于频繁 / Too many ID numbers already registered elsewhere were tried.", problem.GetProperty("title").GetString());
        Assert.Contains("分钟后再试", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Try again in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(limit + 1, await Monitoring.CountAsync(
            "SELECT COUNT(*) FROM AuditLog WHERE UserName = $user AND Action = 'refuse'", ("$user", prober.Name)));
        // A new household with a number nobody holds is still registered: the limit is on answers about numbers held elsewhere.
        using var fresh = await ProbeAsync(monitor, IdNumbers.New());
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
    }
}
