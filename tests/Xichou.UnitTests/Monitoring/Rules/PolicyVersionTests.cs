using System.Reflection;
using Microsoft.Extensions.Configuration;
using Xichou.Contracts;
using Xichou.Monitoring.Policy;

namespace Xichou.UnitTests.Monitoring.Rules;

/// <summary>The monitoring policy as versioned data: every number with its source, the version in force on a day, and configuration of later versions.</summary>
public class PolicyVersionTests
{
    private static readonly MonitoringPolicy First = MonitoringPolicy.Xichou2021;

    private static readonly MonitoringPolicy Later = First with { Version = "2027年调整", EffectiveFrom = new DateOnly(2027, 1, 1), MonitoringLineYuan = 7000m, EscalationDays = 20 };

    private static readonly MonitoringPolicies Both = new([Later, First]);

    [Fact]
    public void Every_number_carries_its_source_and_only_the_half_month_visit_is_the_measures_own()
    {
        var numbers = typeof(MonitoringPolicy).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(int) || p.PropertyType == typeof(decimal))
            .Select(p => p.Name).ToList();

        Assert.Equal(numbers.Order(StringComparer.Ordinal), First.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.All(First.Sources.Values, source => Assert.False(string.IsNullOrWhiteSpace(source)));
        Assert.Equal([nameof(MonitoringPolicy.VisitCycleDays)],
            First.Sources.Where(s => s.Value.StartsWith("西开组发〔2021〕2号", StringComparison.Ordinal)).Select(s => s.Key));
        Assert.StartsWith("国家规定", First.Sources[nameof(MonitoringPolicy.MonitoringLineYuan)], StringComparison.Ordinal);
        Assert.StartsWith("国家规定", First.Sources[nameof(MonitoringPolicy.MaxLoanYuan)], StringComparison.Ordinal);
        foreach (var platform in new[] { nameof(MonitoringPolicy.ExpenseSpikeYuan), nameof(MonitoringPolicy.ExpenseSpikeHighMultiple),
            nameof(MonitoringPolicy.IncomeDropShare), nameof(MonitoringPolicy.IncomeDropHighShare), nameof(MonitoringPolicy.EscalationDays),
            nameof(MonitoringPolicy.ExpenseSpikeFloorYuan) })
        {
            Assert.StartsWith(MonitoringPolicy.PlatformDefault, First.Sources[platform], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_day_before_a_version_takes_effect_the_one_before_is_in_force_and_on_the_day_the_new_one()
    {
        Assert.Same(First, Both.InForceOn(new DateOnly(2026, 12, 31)));
        Assert.Same(Later, Both.InForceOn(new DateOnly(2027, 1, 1)));
        Assert.Same(Later, Both.InForceOn(new DateOnly(2030, 6, 1)));
        // A day before the first version is judged by the first.
        Assert.Same(First, Both.InForceOn(new DateOnly(2020, 1, 1)));
        Assert.Equal([First, Later], Both.Versions);
    }

    [Fact]
    public void A_version_is_found_by_its_recorded_name_or_by_the_day_when_the_name_is_unknown()
    {
        Assert.Same(First, Both.Named("西开组发〔2021〕2号", new DateOnly(2028, 1, 1)));
        Assert.Same(Later, Both.Named("", new DateOnly(2028, 1, 1)));
    }

    [Fact]
    public void Two_versions_with_one_name_or_one_effective_date_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new MonitoringPolicies([First, Later with { Version = First.Version }]));
        Assert.Throws<ArgumentException>(() => new MonitoringPolicies([First, Later with { EffectiveFrom = First.EffectiveFrom }]));
    }

    [Fact]
    public void The_escalation_clock_runs_by_the_version_in_force_when_the_level_took_the_risk_over()
    {
        var before = new DateTimeOffset(2026, 12, 31, 23, 0, 0, Beijing.Offset);
        var after = new DateTimeOffset(2027, 1, 1, 0, 30, 0, Beijing.Offset);

        Assert.Equal(before.AddDays(30), EscalationClock.DueAt(before, Both));
        Assert.Equal(after.AddDays(20), EscalationClock.DueAt(after, Both));
    }

    [Fact]
    public void Configuration_adds_later_versions_each_starting_from_the_one_before_with_its_own_sources()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Policy:Monitoring:ImportMaxRows"] = "50000",
            ["Policy:Monitoring:Versions:0:Version"] = "2026年调整",
            ["Policy:Monitoring:Versions:0:EffectiveFrom"] = "2026-01-01",
            ["Policy:Monitoring:Versions:0:MonitoringLineYuan"] = "7000",
            ["Policy:Monitoring:Versions:0:Sources:MonitoringLineYuan"] = "国家规定：2026年监测范围",
            ["Policy:Monitoring:Versions:1:Version"] = "2027年调整",
            ["Policy:Monitoring:Versions:1:EffectiveFrom"] = "2027-01-01",
            ["Policy:Monitoring:Versions:1:EscalationDays"] = "20",
        }).Build();

        var policies = MonitoringPolicies.From(configuration);

        Assert.Equal(["西开组发〔2021〕2号", "2026年调整", "2027年调整"], policies.Versions.Select(v => v.Version));
        Assert.Equal([6000m, 7000m, 7000m], policies.Versions.Select(v => v.MonitoringLineYuan));
        Assert.Equal([30, 30, 20], policies.Versions.Select(v => v.EscalationDays));
        Assert.All(policies.Versions, v => Assert.Equal(50000, v.ImportMaxRows));
        Assert.Equal("国家规定：2026年监测范围", policies.Versions[2].Sources[nameof(MonitoringPolicy.MonitoringLineYuan)]);
        Assert.Equal(First.Sources[nameof(MonitoringPolicy.VisitCycleDays)], policies.Versions[2].Sources[nameof(MonitoringPolicy.VisitCycleDays)]);
        // The defaults themselves are untouched.
        Assert.Equal("国家规定：2021年防止返贫监测范围为人均纯收入6000元左右（十条措施未规定监测线）", First.Sources[nameof(MonitoringPolicy.MonitoringLineYuan)]);
        Assert.Equal(6000m, MonitoringPolicy.Xichou2021.MonitoringLineYuan);
    }

    [Fact]
    public void Without_configuration_the_2021_measures_are_the_only_version() =>
        Assert.Equal([MonitoringPolicy.Xichou2021], MonitoringPolicies.From(new ConfigurationBuilder().Build()).Versions);
}
