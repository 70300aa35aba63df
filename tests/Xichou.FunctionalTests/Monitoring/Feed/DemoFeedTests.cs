using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.FunctionalTests.Monitoring.Support;
using Xichou.Monitoring.Infrastructure.Demo;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;

namespace Xichou.FunctionalTests.Monitoring.Feed;

/// <summary>
/// The demo county's past on the register's feed, so the command centre has history with demo data: the demo writes through
/// the register's own SaveChanges, so every risk, escalation, closing, visit, pairing and loan it stores is published, each at
/// the time it happened.
/// </summary>
public class DemoFeedTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2025, 6, 18);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_county_publishes_one_event_per_risk_escalation_closing_visit_pairing_and_loan_need_each_at_its_own_time()
    {
        var now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(10, 0)), Beijing.Offset);
        await using var scratch = await ScratchMonitoringDatabase.CreateAsync("xichou-demo-feed-", Cancellation);
        var db = scratch.Db;

        // More than one batch, so households of later batches find their cadres in the database, not in the tracker.
        var plan = DemoCounty.Generate(DemoCountyWriter.BatchSize + 100, Today);
        var summary = await DemoCountyWriter.WriteAsync(db, plan, MonitoringPolicies.Default, now, Cancellation);

        var rows = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync(Cancellation);
        var byType = rows.GroupBy(r => r.MessageType).ToDictionary(g => g.Key, g => g.ToList());
        output.WriteLine($"{summary}: {rows.Count} outbox rows; " + string.Join(", ", byType.Select(t => $"{t.Key.Split('.')[^1]} {t.Value.Count}")));
        List<T> All<T>() => [.. byType.GetValueOrDefault(typeof(T).FullName!, []).Select(r => JsonSerializer.Deserialize<T>(r.Body, Json)!)];

        var registered = All<RiskRegistered>();
        var closed = All<RiskClosed>();
        var visited = All<HouseholdVisited>();
        Assert.Equal(summary.Risks, registered.Count);
        Assert.Equal(summary.Risks - summary.OpenRisks, closed.Count);
        Assert.Equal(summary.Escalations, All<RiskEscalated>().Count);
        Assert.Equal(summary.Visits, visited.Count);
        Assert.Equal(summary.Cadres, All<CadrePaired>().Count(p => p.CadreId is not null));
        Assert.Equal(summary.Loans, All<SurveyRecorded>().Count(s => s.Department == ServiceNames.Monitoring));
        // Every risk reached the register at village level, and closed only by a verification visit.
        Assert.All(registered, r => Assert.Equal("village", r.Level));
        Assert.All(closed, r => Assert.Equal("verified", r.How));
        // The past as it happened: no event dated after the seeding, visits on their own dates, cadres' visits outside the cycle.
        Assert.All(registered, r => Assert.True(r.OccurredAt <= now));
        Assert.Contains(registered, r => r.OccurredAt < now.AddDays(-30));
        Assert.Equal(await db.Visits.CountAsync(v => v.Kind == VisitKind.Cadre, Cancellation), visited.Count(v => !v.KeepsCycle));
        Assert.True(visited.Select(v => v.VisitedOn).Distinct().Count() > 30);
        // A risk's events come in order: registered before it escalated or closed.
        var first = closed[0].RiskId;
        Assert.True(rows.FindIndex(r => r.MessageType == typeof(RiskRegistered).FullName && r.Body.Contains(first.ToString(), StringComparison.Ordinal))
            < rows.FindIndex(r => r.MessageType == typeof(RiskClosed).FullName && r.Body.Contains(first.ToString(), StringComparison.Ordinal)));
    }
}
