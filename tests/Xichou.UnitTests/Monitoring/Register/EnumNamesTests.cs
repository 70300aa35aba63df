using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Http;

namespace Xichou.UnitTests.Monitoring.Register;

/// <summary>One catalogue of the monitoring service's enum names: each value has exactly one Chinese label and one wire name.</summary>
public class EnumNamesTests
{
    public static TheoryData<string> Enums => new(Names.All.Select(n => n.EnumType.Name));

    [Theory]
    [MemberData(nameof(Enums))]
    public void Every_value_has_exactly_one_label_and_one_wire_name(string enumName)
    {
        var names = Names.All.Single(n => n.EnumType.Name == enumName);
        var entries = names.Entries.ToList();

        Assert.Equal(Enum.GetValues(names.EnumType).Cast<object>().Order(), entries.Select(e => e.Value).Order());
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Label), $"{enumName}.{e.Value} has no label"));
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Wire), $"{enumName}.{e.Value} has no wire name"));
        Assert.Equal(entries.Count, entries.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(entries.Count, entries.Select(e => e.Wire).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_enum_of_the_monitoring_model_is_in_the_catalogue()
    {
        // The import's progress stages are never shown by name; every other enum of Model and Policy is.
        var shown = typeof(MonitoringDbContext).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic && t.Namespace is { } ns
                && (ns.StartsWith("Xichou.Monitoring.Model", StringComparison.Ordinal) || ns.StartsWith("Xichou.Monitoring.Policy", StringComparison.Ordinal)))
            .Where(t => t.Name != "ImportStage")
            .Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(shown, Names.All.Select(n => n.EnumType.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CamelCase_wire_names_are_the_ones_the_API_writes_and_parses()
    {
        Assert.Equal("riskEliminated", Names.HouseholdStatuses.Wire(HouseholdStatus.RiskEliminated));
        Assert.Equal(WireName.Of(RiskSource.CadreVisit), Names.RiskSources.Wire(RiskSource.CadreVisit));
        Assert.Equal("deputy-section", Names.CadreRanks.Wire(CadreRank.DeputySection));
        Assert.True(Names.LoanStatuses.TryParseWire("DISBURSED", out var status));
        Assert.Equal(LoanStatus.Disbursed, status);
        Assert.False(Names.LoanStatuses.TryParseWire("已放款", out _));
    }

    [Fact]
    public void An_exited_household_reads_the_same_everywhere()
    {
        // Once 退出 in the export and 已退出 on the page: one label now.
        Assert.Equal("已退出", Names.HouseholdStatuses.Label(HouseholdStatus.Exited));
    }

    [Fact]
    public void A_county_sheet_is_read_by_label_variant_or_wire_name()
    {
        Assert.True(Names.Relations.TryParse("之子", out var child));
        Assert.Equal(Relation.Child, child);
        Assert.True(Names.Relations.TryParse("childInLaw", out var inLaw));
        Assert.Equal(Relation.ChildInLaw, inLaw);
        Assert.Equal(HealthState.Healthy, Names.HealthStates.ParseOr("不知道", HealthState.Healthy));
    }
}
