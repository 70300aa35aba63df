using Xichou.Insurance.Application;
using Xichou.Insurance.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.UnitTests.Insurance;

/// <summary>
/// 措施八's hospital self-pay subsidy at its boundaries: 80 % of the self-paid part, at most 50,000 yuan per person per year,
/// half-up to the fen, a new year starting again; the mapping of a department's finding to a covered 防贫保险 kind.
/// </summary>
public class InsuranceRulesTests
{
    private static readonly InsurancePolicy Xichou2021 = InsurancePolicy.Xichou2021;

    [Fact]
    public void A_self_paid_10000_yuan_bill_gets_8000_yuan()
    {
        var award = InsuranceRules.HospitalSubsidy(10_000m, 0m, Xichou2021);

        Assert.Equal(8_000m, award.SubsidyYuan);
        Assert.Equal(42_000m, award.RemainingAfterYuan);
        Assert.False(award.Refused);
    }

    [Fact]
    public void A_person_at_45000_this_year_with_a_self_paid_10000_bill_gets_the_5000_left()
    {
        var award = InsuranceRules.HospitalSubsidy(10_000m, 45_000m, Xichou2021);

        Assert.Equal(5_000m, award.SubsidyYuan);
        Assert.Equal(45_000m, award.GrantedBeforeYuan);
        Assert.Equal(0m, award.RemainingAfterYuan);
    }

    [Fact]
    public void A_person_at_50000_gets_nothing_and_the_bill_is_refused()
    {
        var award = InsuranceRules.HospitalSubsidy(10_000m, 50_000m, Xichou2021);

        Assert.Equal(0m, award.SubsidyYuan);
        Assert.True(award.Refused);
        Assert.Equal(0m, award.RemainingAfterYuan);
    }

    [Fact]
    public void Just_under_the_cap_the_last_fen_is_granted_and_then_nothing()
    {
        var last = InsuranceRules.HospitalSubsidy(100m, 49_999.99m, Xichou2021);
        Assert.Equal(0.01m, last.SubsidyYuan);
        Assert.False(last.Refused);

        Assert.True(InsuranceRules.HospitalSubsidy(100m, 50_000.00m, Xichou2021).Refused);
    }

    [Fact]
    public void A_new_year_starts_again_from_the_whole_cap()
    {
        (DateOnly, decimal)[] earlier = [(new DateOnly(2025, 3, 1), 30_000m), (new DateOnly(2025, 11, 20), 20_000m)];

        Assert.True(InsuranceRules.HospitalSubsidy(10_000m, new DateOnly(2025, 12, 31), earlier, Xichou2021).Refused);
        var january = InsuranceRules.HospitalSubsidy(10_000m, new DateOnly(2026, 1, 1), earlier, Xichou2021);
        Assert.Equal(8_000m, january.SubsidyYuan);
        Assert.Equal(42_000m, january.RemainingAfterYuan);
    }

    [Fact]
    public void The_subsidy_is_rounded_half_up_to_the_fen()
    {
        // 80 % of 0.05625 is 0.045: half-up to 0.05 (banker's rounding would give 0.04).
        Assert.Equal(0.05m, InsuranceRules.HospitalSubsidy(0.05625m, 0m, Xichou2021).SubsidyYuan);
        Assert.Equal(8_000.01m, InsuranceRules.HospitalSubsidy(10_000.01m, 0m, Xichou2021).SubsidyYuan);
    }

    [Fact]
    public void A_policy_with_another_share_and_cap_changes_the_subsidy_without_code()
    {
        var later = Xichou2021 with { HospitalSubsidyShareOfSelfPaid = 0.9m, HospitalSubsidyCapPerPersonYearYuan = 60_000m, Version = "2027" };

        Assert.Equal(9_000m, InsuranceRules.HospitalSubsidy(10_000m, 0m, later).SubsidyYuan);
        Assert.Equal(9_000m, InsuranceRules.HospitalSubsidy(10_000m, 50_000m, later).SubsidyYuan);
        Assert.Equal("每人每年累计60000元", InsuranceRules.HospitalSubsidyCapName(later));
        Assert.Equal("每人每年累计50000元", InsuranceRules.HospitalSubsidyCapName(Xichou2021));
    }

    [Fact]
    public void A_member_is_covered_only_in_both_basic_and_critical_illness_insurance()
    {
        Assert.True(InsuranceRules.IsCovered(true, true));
        Assert.False(InsuranceRules.IsCovered(true, false));
        Assert.False(InsuranceRules.IsCovered(false, true));
    }

    [Fact]
    public void A_grade_D_house_opens_a_housing_claim_and_an_unmapped_finding_opens_none()
    {
        Assert.Equal("housing", InsuranceRules.ClaimKindForFinding("housing", "housing-grade-d", Xichou2021));
        Assert.Equal("education", InsuranceRules.ClaimKindForFinding("education", "dropout", Xichou2021));
        Assert.Null(InsuranceRules.ClaimKindForFinding("water", "water-quality", Xichou2021));
        Assert.Null(InsuranceRules.ClaimKindForFinding("housing", "housing-grade-b", Xichou2021));
    }

    [Fact]
    public void The_seven_covered_kinds_and_six_other_supports_are_named_as_the_measures_name_them()
    {
        Assert.Equal(["收入保障", "住房保障", "医疗保障", "教育保障", "人身意外财产损失", "自然灾害", "突发事故"], Xichou2021.ClaimKinds.Values);
        Assert.Equal(["耕地地力补贴", "公益林补助", "退耕还林补贴", "民政低保", "残疾人办证补贴", "社会临时救助"], Xichou2021.OtherSupportKinds.Values);
    }
}

/// <summary>A hospital bill's fields checked without a host: each bad one named in Chinese and English.</summary>
public class InsuranceValidationTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateOnly Earliest = new(2021, 2, 1);

    private static IDictionary<string, string[]> Errors(HospitalSubsidyRequest request)
    {
        var errors = new ValidationErrors();
        Assert.Null(InsuranceValidation.HospitalBill(request, Today, Earliest, errors));
        return errors.ToDictionary();
    }

    [Fact]
    public void A_good_bill_passes()
    {
        var errors = new ValidationErrors();
        var bill = InsuranceValidation.HospitalBill(new("2026-11-30", " 西畴县人民医院 ", 12_000m, 10_000m), Today, Earliest, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(new HospitalBillFacts(new DateOnly(2026, 11, 30), "西畴县人民医院", 12_000m, 10_000m), bill);
    }

    [Fact]
    public void Self_paid_above_the_total_is_refused_on_selfPaidYuan()
    {
        var errors = Errors(new("2026-11-30", "西畴县人民医院", 9_000m, 10_000m));

        Assert.Equal(["selfPaidYuan"], errors.Keys);
        Assert.Contains("不能超过总费用", errors["selfPaidYuan"][0], StringComparison.Ordinal);
        Assert.Contains(" / The self-paid part", errors["selfPaidYuan"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, -0.01)]
    public void Zero_or_negative_amounts_are_refused_on_both_fields(double total, double selfPaid)
    {
        var errors = Errors(new("2026-11-30", "西畴县人民医院", (decimal)total, (decimal)selfPaid));

        Assert.Equal(["selfPaidYuan", "totalYuan"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("须大于0元", errors["totalYuan"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bill_dated_tomorrow_a_wrong_format_and_more_than_two_places_are_each_named()
    {
        Assert.Contains("不能晚于今天", Errors(new("2026-12-02", "医院", 100m, 10m))["billDate"][0], StringComparison.Ordinal);
        Assert.Contains("格式应为", Errors(new("2026/12/01", "医院", 100m, 10m))["billDate"][0], StringComparison.Ordinal);
        Assert.Contains("两位小数", Errors(new("2026-12-01", "医院", 100.001m, 10m))["totalYuan"][0], StringComparison.Ordinal);
        Assert.Equal(["billDate", "hospital", "selfPaidYuan", "totalYuan"], Errors(new(null, " ", null, null)).Keys.Order(StringComparer.Ordinal));
    }
}
