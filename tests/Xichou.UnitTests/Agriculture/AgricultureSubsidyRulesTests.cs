using Xichou.Agriculture.Model;
using Xichou.Agriculture.Policy;

namespace Xichou.UnitTests.Agriculture;

/// <summary>措施四's subsidy at its boundaries: min(50 % of the cost, 3,000 yuan per household across all its applications), half-up to the fen.</summary>
public class AgricultureSubsidyRulesTests
{
    private static readonly AgriculturePolicy Xichou2021 = AgriculturePolicy.Xichou2021;

    [Theory]
    [InlineData("5999.98", "2999.99", false)]
    [InlineData("6000", "3000", false)]
    [InlineData("6000.02", "3000", true)]
    [InlineData("0.01", "0.01", false)]
    [InlineData("0.03", "0.02", false)]
    [InlineData("5999.99", "3000.00", false)]
    public void A_first_application_gets_half_its_cost_half_up_to_the_fen_and_never_more_than_3000(string cost, string subsidy, bool cut)
    {
        var quote = SubsidyRules.Quote(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture), 0m, Xichou2021);

        Assert.Equal(decimal.Parse(subsidy, System.Globalization.CultureInfo.InvariantCulture), quote.SubsidyYuan);
        Assert.Equal(cut, quote.Cut);
        Assert.False(quote.Refused);
        Assert.Equal(3000m - quote.SubsidyYuan, quote.HeadroomAfterYuan);
    }

    [Fact]
    public void After_2000_paid_a_second_application_gets_at_most_the_1000_left()
    {
        var large = SubsidyRules.Quote(10_000m, 2000m, Xichou2021);
        var small = SubsidyRules.Quote(1_500m, 2000m, Xichou2021);
        var exact = SubsidyRules.Quote(2_000m, 2000m, Xichou2021);

        Assert.Equal(1000m, large.HeadroomBeforeYuan);
        Assert.Equal(1000m, large.SubsidyYuan);
        Assert.True(large.Cut);
        Assert.Equal(0m, large.HeadroomAfterYuan);
        Assert.Equal(750m, small.SubsidyYuan);
        Assert.False(small.Cut);
        Assert.Equal(250m, small.HeadroomAfterYuan);
        Assert.Equal(1000m, exact.SubsidyYuan);
        Assert.False(exact.Cut);
    }

    [Fact]
    public void After_3000_paid_any_application_is_refused_with_nothing_granted()
    {
        var quote = SubsidyRules.Quote(100m, 3000m, Xichou2021);

        Assert.True(quote.Refused);
        Assert.Equal(0m, quote.SubsidyYuan);
        Assert.Equal(0m, quote.HeadroomBeforeYuan);
        Assert.Equal(3000m, quote.CommittedYuan);
    }

    [Fact]
    public void One_fen_below_the_cap_still_gets_one_fen()
    {
        var quote = SubsidyRules.Quote(6000m, 2999.99m, Xichou2021);

        Assert.False(quote.Refused);
        Assert.Equal(0.01m, quote.SubsidyYuan);
        Assert.True(quote.Cut);
    }

    [Fact]
    public void A_later_policy_with_another_share_and_cap_changes_the_subsidy_without_code()
    {
        var later = Xichou2021 with { SubsidyShareOfCost = 0.6m, SubsidyCapPerHouseholdYuan = 5000m };

        Assert.Equal(3600m, SubsidyRules.Quote(6000m, 0m, later).SubsidyYuan);
        Assert.Equal(5000m, SubsidyRules.Quote(10_000m, 0m, later).SubsidyYuan);
        Assert.Equal("产业发展补助每户累计5000元", SubsidyRules.CapName(later));
    }

    [Fact]
    public void The_cap_is_named_as_the_household_ledger_shows_it()
    {
        Assert.Equal("产业发展补助每户累计3000元", SubsidyRules.CapName(Xichou2021));
    }

    [Fact]
    public void An_application_holds_its_subsidy_until_refused_and_a_second_approval_throws()
    {
        var at = DateTimeOffset.UtcNow;
        var quote = SubsidyRules.Quote(5999.98m, 0m, Xichou2021);
        var application = IndustryApplication.Apply(Guid.NewGuid(), "烤烟", "种植烤烟10亩", 5999.98m, true, true, 1, quote,
            DateOnly.FromDateTime(at.UtcDateTime), "agriculture", at);

        application.Approve(null, "agriculture", at);

        Assert.Equal(2999.99m, application.SubsidyYuan);
        Assert.Throws<InvalidOperationException>(() => application.Approve(null, "agriculture", at));
        application.Pay(DateOnly.FromDateTime(at.UtcDateTime), "NK-2026-001", "agriculture", at);
        Assert.True(application.HoldsCap);
        Assert.Throws<InvalidOperationException>(() => application.Pay(DateOnly.FromDateTime(at.UtcDateTime), "NK-2026-002", "agriculture", at));
        Assert.Throws<InvalidOperationException>(() => application.Refuse("重复", "agriculture", at));
    }
}
