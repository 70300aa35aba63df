using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.FunctionalTests.Monitoring.Register;
using Xichou.Monitoring.Consumers;
using Xichou.Monitoring.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Visits;

/// <summary>
/// 措施一's closed loop for a department's finding: a verification visit cannot close it (the monitoring team cannot verify a
/// house or a water supply); the department's own re-check does, by <see cref="FindingCleared"/>, once however often it arrives.
/// </summary>
public class FindingClearedTests(Platform platform)
{
    /// <summary>蚌谷乡长箐村.</summary>
    private const string Village = "532623200003";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    private IBus Bus => Monitoring.Services.GetRequiredService<IBus>();

    [Fact]
    public async Task A_verification_visit_leaves_a_departments_finding_open_and_FindingCleared_closes_it_exactly_once()
    {
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 8000m);
        var finding = Guid.NewGuid();
        await Bus.Publish(Identified(household, finding), Cancellation);
        await Monitoring.RowsReachAsync("Risks", household, 1, "SourceId = $finding", ("$finding", Upper(finding)));

        var visit = await RecordVerificationAsync(household);

        Assert.True(visit.GetProperty("exitRuleMet").GetBoolean());
        Assert.Empty(visit.GetProperty("closedRisks").EnumerateArray());
        var stayed = Assert.Single(visit.GetProperty("stayedOpen").EnumerateArray());
        Assert.Equal(finding, stayed.GetProperty("risk").GetProperty("sourceId").GetGuid());
        Assert.Contains("部门发现的风险由该部门经转办落实并复核后消除", stayed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("monitored", visit.GetProperty("householdStatus").GetString());
        Assert.Equal("Open", await RiskColumnAsync(finding, "Status"));

        var cleared = Cleared(household, finding);
        var first = Guid.NewGuid();
        await Bus.Publish(cleared, c => c.MessageId = first, Cancellation);
        await Eventually.TrueAsync(() => InboxHasAsync(first), "the FindingCleared to be consumed");
        var closedAt = await RiskColumnAsync(finding, "ClosedAt");
        Assert.Equal("Closed", await RiskColumnAsync(finding, "Status"));
        Assert.Equal(("已完成危房改造，复核为B级", "housing-clerk"),
            (await RiskColumnAsync(finding, "Resolution"), await RiskColumnAsync(finding, "VerifiedBy")));

        // The same message again, and the same clearing under another message id: nothing changes the second time.
        var second = Guid.NewGuid();
        await Bus.Publish(cleared, c => c.MessageId = first, Cancellation);
        await Bus.Publish(cleared with { Resolution = "重复推送" }, c => c.MessageId = second, Cancellation);
        await Eventually.TrueAsync(() => InboxHasAsync(second), "the repeated FindingCleared to be consumed");
        Assert.Equal(closedAt, await RiskColumnAsync(finding, "ClosedAt"));
        Assert.Equal("已完成危房改造，复核为B级", await RiskColumnAsync(finding, "Resolution"));
        Assert.Equal(1L, await Monitoring.ScalarAsync(
            "SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id AND Details LIKE '%\"cleared\":true%'", ("$id", Upper(household))));

        var riskId = Guid.Parse((string)(await Monitoring.ScalarAsync("SELECT Id FROM Risks WHERE SourceId = $id", ("$id", Upper(finding))))!);
        var detail = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/risks/{riskId}", UriKind.Relative), Cancellation);
        Assert.Equal(("closed", "已完成危房改造，复核为B级"), (detail.GetProperty("risk").GetProperty("status").GetString(),
            detail.GetProperty("risk").GetProperty("resolution").GetString()));
        Assert.Contains("部门", detail.GetProperty("howItCloses").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_cleared_before_it_arrived_is_registered_closed_and_the_late_finding_does_not_open_it()
    {
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 8000m);
        var finding = Guid.NewGuid();
        var clearing = Guid.NewGuid();

        await Bus.Publish(Cleared(household, finding), c => c.MessageId = clearing, Cancellation);
        await Eventually.TrueAsync(() => InboxHasAsync(clearing), "the early FindingCleared to be consumed");
        var identified = Guid.NewGuid();
        await Bus.Publish(Identified(household, finding), c => c.MessageId = identified, Cancellation);
        await Eventually.TrueAsync(() => Monitoring.WithScopeAsync(services => services.GetRequiredService<MonitoringDbContext>().InboxMessages
            .AnyAsync(m => m.Consumer == RiskIdentifiedConsumer.InboxName && m.MessageId == identified, Cancellation)), "the late finding to be consumed");

        Assert.Equal(1L, await Monitoring.ScalarAsync("SELECT COUNT(*) FROM Risks WHERE SourceId = $id", ("$id", Upper(finding))));
        Assert.Equal("Closed", await RiskColumnAsync(finding, "Status"));
    }

    private static RiskIdentified Identified(Guid household, Guid finding) => new()
    {
        RiskId = finding,
        HouseholdId = household,
        TownshipCode = "532623200",
        Village = "长箐村",
        VillageCode = Village,
        Department = ServiceNames.Housing,
        Category = "housing-grade-d",
        Severity = "high",
        Description = "住房鉴定为D级危房",
        OccurredAt = DateTimeOffset.UtcNow,
    };

    private static FindingCleared Cleared(Guid household, Guid finding) => new()
    {
        RiskId = finding,
        HouseholdId = household,
        TownshipCode = "532623200",
        Village = "长箐村",
        VillageCode = Village,
        Department = ServiceNames.Housing,
        Category = "housing-grade-d",
        Resolution = "已完成危房改造，复核为B级",
        ClearedBy = "housing-clerk",
        OccurredAt = DateTimeOffset.UtcNow,
    };

    private async Task<JsonElement> RecordVerificationAsync(Guid household)
    {
        using var response = await Monitoring.Client.PostAsJsonAsync(new Uri($"/api/households/{household}/visits", UriKind.Relative), new
        {
            kind = "verification",
            visitedOn = Beijing.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            visitors = "李华",
            food = true, clothing = true, compulsorySchooling = true, medicalCare = true, safeHousing = true, safeDrinkingWater = true,
            perCapitaIncome = 8000m,
            expenses = Array.Empty<object>(),
        }, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<string?> RiskColumnAsync(Guid finding, string column) =>
        (string?)await Monitoring.ScalarAsync($"SELECT {column} FROM Risks WHERE SourceId = $id", ("$id", Upper(finding)));

    private Task<bool> InboxHasAsync(Guid messageId) =>
        Monitoring.WithScopeAsync(services => services.GetRequiredService<MonitoringDbContext>().InboxMessages
            .AnyAsync(m => m.Consumer == FindingClearedConsumer.InboxName && m.MessageId == messageId, Cancellation));

    private static string Upper(Guid id) => id.ToString().ToUpperInvariant();
}
