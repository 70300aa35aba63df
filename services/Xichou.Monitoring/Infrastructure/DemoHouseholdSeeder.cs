using Xichou.Contracts;
using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure.Demo;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Monitoring.Infrastructure;

/// <summary>
/// With <c>Demo:Enabled</c>, puts a living county on an empty register (<see cref="DemoCounty"/>): households with
/// their families, three months of visits, risks at every level, cadres and loans — so the platform has work to show
/// the moment it starts. Every household is announced to the departments like a registered one.
/// </summary>
internal sealed partial class DemoHouseholdSeeder(
    TimeProvider time, IConfiguration configuration, MonitoringPolicies policies, ILogger<DemoHouseholdSeeder> logger) : IDatabaseSeeder<MonitoringDbContext>
{
    /// <summary>The demo pairing cadre's user name (the gateway's demo user of the same name).</summary>
    public const string DemoCadre = DemoCounty.DemoCadre;

    /// <summary>兴街镇三光村, where the demo cadre's household is.</summary>
    public const string DemoCadreVillage = DemoCounty.DemoCadreVillage;

    public const int DefaultHouseholds = DemoCounty.DefaultHouseholds;

    public async Task SeedAsync(MonitoringDbContext db, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Enabled") || await db.Households.AnyAsync(cancellationToken))
        {
            return;
        }
        var now = time.GetUtcNow();
        var today = Beijing.DateOf(now);
        var started = time.GetTimestamp();
        var plan = DemoCounty.Generate(configuration.GetValue("Demo:Households", DefaultHouseholds), today);
        var summary = await DemoCountyWriter.WriteAsync(db, plan, policies, now, cancellationToken);
        LogSeeded(summary.Households, summary.Members, summary.Visits, summary.Risks, summary.OpenRisks, summary.Cadres, summary.Loans,
            time.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(LogLevel.Information,
        "Demo county: {Households} households, {Members} members, {Visits} visits, {Risks} risks ({Open} open), {Cadres} cadres, {Loans} loans in {Milliseconds:F0} ms")]
    private partial void LogSeeded(int households, int members, int visits, int risks, int open, int cadres, int loans, double milliseconds);
}
