using Xichou.Agriculture.Application;
using Xichou.Agriculture.Model;
using Xichou.Agriculture.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.UnitTests.Agriculture;

/// <summary>措施九（二）'s coverage gaps and the checks of agriculture's requests, each bad field named in Chinese and English.</summary>
public class AgricultureCoverageRulesTests
{
    private static readonly AgriculturePolicy Xichou2021 = AgriculturePolicy.Xichou2021;
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static InsurancePolicy Policy(string industry, DateOnly from, DateOnly to) =>
        InsurancePolicy.Record(Guid.NewGuid(), industry, 10m, "mu", "人保财险西畴支公司", null, from, to, "agriculture", DateTimeOffset.UtcNow);

    [Fact]
    public void A_key_industry_without_a_policy_in_force_today_is_a_gap_and_other_industries_never_are()
    {
        var gaps = CoverageRules.UninsuredKeyIndustries(["烤烟", "生猪", "茶叶"],
            [Policy("生猪", Today.AddYears(-1), Today)], Today, Xichou2021);

        Assert.Equal(["烤烟"], gaps);
    }

    [Fact]
    public void A_policy_that_ended_yesterday_or_starts_tomorrow_does_not_cover_today()
    {
        Assert.Equal(["甘蔗"], CoverageRules.UninsuredKeyIndustries(["甘蔗"], [Policy("甘蔗", Today.AddYears(-1), Today.AddDays(-1))], Today, Xichou2021));
        Assert.Equal(["甘蔗"], CoverageRules.UninsuredKeyIndustries(["甘蔗"], [Policy("甘蔗", Today.AddDays(1), Today.AddYears(1))], Today, Xichou2021));
        Assert.Empty(CoverageRules.UninsuredKeyIndustries(["甘蔗"], [Policy("甘蔗", Today, Today)], Today, Xichou2021));
    }

    [Fact]
    public void The_key_industries_are_policy_data()
    {
        var later = Xichou2021 with { KeyIndustries = ["茶叶"] };

        Assert.Equal(["茶叶"], CoverageRules.UninsuredKeyIndustries(["烤烟", "茶叶"], [], Today, later));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.001")]
    [InlineData("1000000.01")]
    public void A_cost_of_zero_or_less_more_than_two_places_or_over_the_limit_is_named(string cost)
    {
        var errors = new ValidationErrors();

        var facts = AgricultureValidation.Application(
            new IndustryApplicationRequest("烤烟", "种植", decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture)), Xichou2021, errors);

        Assert.Null(facts);
        var messages = Assert.Single(errors.ToDictionary());
        Assert.Equal("costYuan", messages.Key);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", messages.Value[0]);
    }

    [Fact]
    public void An_unknown_industry_a_missing_plan_and_a_household_away_from_home_are_each_named()
    {
        var errors = new ValidationErrors();

        AgricultureValidation.Application(new IndustryApplicationRequest("咖啡", " ", 100m, AtHome: false), Xichou2021, errors);

        Assert.Equal(["atHome", "industry", "plan"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_future_loss_date_and_one_outside_the_policy_period_are_named()
    {
        var insured = Policy("生猪", Today.AddYears(-1), Today.AddDays(-10));
        var future = new ValidationErrors();
        var after = new ValidationErrors();

        AgricultureValidation.Claim(new LossClaimRequest(Today.AddDays(1), "非洲猪瘟", 1200m), insured, Today, future);
        AgricultureValidation.Claim(new LossClaimRequest(Today.AddDays(-1), "非洲猪瘟", 1200m), insured, Today, after);

        Assert.Contains("不能晚于今天", Assert.Single(future.ToDictionary()["occurredOn"]), StringComparison.Ordinal);
        Assert.Contains("不在保险期间内", Assert.Single(after.ToDictionary()["occurredOn"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_linkage_needs_a_known_kind_and_at_least_one_benefit()
    {
        var errors = new ValidationErrors();

        AgricultureValidation.Linkage(new LinkageRequest("西畴县烤烟合作社", "bank", [], Today), Today, Today.AddYears(-1), errors);

        Assert.Equal(["benefits", "partnerKind"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }
}
