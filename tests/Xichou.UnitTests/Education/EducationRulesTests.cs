using Xichou.Education.Application;
using Xichou.Education.Model;
using Xichou.Education.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.UnitTests.Education;

/// <summary>措施六's rules at their boundaries: the amount by stage, the compulsory stages refused, the compulsory age, the period.</summary>
public class EducationRulesTests
{
    private static readonly EducationPolicy Xichou2021 = EducationPolicy.Xichou2021;

    [Fact]
    public void A_preschool_child_gets_500_yuan()
    {
        var decision = Assert.IsType<SubsidyDecision.Eligible>(EducationRules.SubsidyFor(SchoolStage.Preschool, Xichou2021));

        Assert.Equal(500m, decision.AmountYuan);
        Assert.Equal("学前教育资助", decision.KindName);
    }

    [Theory]
    [InlineData(SchoolStage.SeniorSecondary)]
    [InlineData(SchoolStage.Vocational)]
    [InlineData(SchoolStage.Tertiary)]
    public void Senior_high_and_above_vocational_and_tertiary_included_get_2000_yuan(SchoolStage stage)
    {
        var decision = Assert.IsType<SubsidyDecision.Eligible>(EducationRules.SubsidyFor(stage, Xichou2021));

        Assert.Equal(2000m, decision.AmountYuan);
        Assert.Equal("高中及以上教育资助", decision.KindName);
    }

    [Theory]
    [InlineData(SchoolStage.Primary, "小学属义务教育阶段")]
    [InlineData(SchoolStage.JuniorSecondary, "初中属义务教育阶段")]
    [InlineData(SchoolStage.NotInSchool, "未在校")]
    public void A_compulsory_stage_or_no_school_is_refused(SchoolStage stage, string reason)
    {
        var refused = Assert.IsType<SubsidyDecision.Refused>(EducationRules.SubsidyFor(stage, Xichou2021));

        Assert.Contains(reason, refused.Chinese, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(refused.English));
    }

    [Fact]
    public void A_later_policy_changes_the_amounts_without_code()
    {
        var later = Xichou2021 with { PreschoolSubsidyYuan = 800m, SeniorHighAndAboveSubsidyYuan = 2500m, Version = "2027版" };

        Assert.Equal(800m, Assert.IsType<SubsidyDecision.Eligible>(EducationRules.SubsidyFor(SchoolStage.Preschool, later)).AmountYuan);
        Assert.Equal(2500m, Assert.IsType<SubsidyDecision.Eligible>(EducationRules.SubsidyFor(SchoolStage.Tertiary, later)).AmountYuan);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(15, true)]
    [InlineData(16, false)]
    public void Out_of_school_is_a_dropout_from_6_to_15_full_years(int age, bool dropout)
    {
        var surveyedOn = new DateOnly(2026, 11, 30);
        var birth = surveyedOn.AddYears(-age);

        Assert.Equal(dropout, EducationRules.IsDropout(SchoolStage.NotInSchool, birth, surveyedOn, Xichou2021));
        Assert.False(EducationRules.IsDropout(SchoolStage.Primary, birth, surveyedOn, Xichou2021));
    }

    [Fact]
    public void The_day_before_the_sixth_birthday_is_not_yet_compulsory_age_and_no_birth_date_is_no_finding()
    {
        var surveyedOn = new DateOnly(2026, 11, 30);

        Assert.False(EducationRules.IsCompulsoryAge(surveyedOn.AddYears(-6).AddDays(1), surveyedOn, Xichou2021));
        Assert.True(EducationRules.IsCompulsoryAge(surveyedOn.AddYears(-6), surveyedOn, Xichou2021));
        Assert.False(EducationRules.IsDropout(SchoolStage.NotInSchool, null, surveyedOn, Xichou2021));
    }

    [Theory]
    [InlineData(2026, 8, 31, "2025-2026")]
    [InlineData(2026, 9, 1, "2026-2027")]
    [InlineData(2027, 1, 15, "2026-2027")]
    public void The_school_year_in_force_starts_in_September(int year, int month, int day, string period)
    {
        Assert.Equal(period, EducationRules.CurrentPeriod(new DateOnly(year, month, day), Xichou2021).Name);
    }

    [Fact]
    public void A_calendar_year_policy_names_periods_by_the_year()
    {
        var yearly = Xichou2021 with { SubsidyPeriod = EducationPolicy.CalendarYear };

        Assert.Equal("2026", EducationRules.CurrentPeriod(new DateOnly(2026, 11, 30), yearly).Name);
        Assert.NotNull(EducationRules.ParsePeriod("2026", yearly));
        Assert.Null(EducationRules.ParsePeriod("2026-2027", yearly));
    }

    [Theory]
    [InlineData("2026-2027", true)]
    [InlineData(" 2026-2027 ", true)]
    [InlineData("2026-2028", false)]
    [InlineData("2027-2026", false)]
    [InlineData("2026/2027", false)]
    [InlineData("26-27", false)]
    [InlineData("2026", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_school_year_is_written_as_two_consecutive_years(string? text, bool valid)
    {
        Assert.Equal(valid, EducationRules.ParsePeriod(text, Xichou2021) is not null);
    }

    [Fact]
    public void The_period_in_force_is_allowed_the_next_one_is_not_and_one_before_the_policy_is_not()
    {
        var today = new DateOnly(2026, 11, 30);
        ValidationErrors Check(string period)
        {
            var errors = new ValidationErrors();
            EducationValidation.Period(new SubsidyRequest(period), today, Xichou2021, errors);
            return errors;
        }

        Assert.True(Check("2026-2027").IsEmpty);
        Assert.True(Check("2020-2021").IsEmpty);
        Assert.Contains("不能为以后的学年", Check("2027-2028").ToDictionary()["period"][0], StringComparison.Ordinal);
        Assert.Contains("早于政策施行日期", Check("2019-2020").ToDictionary()["period"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_cap_on_the_household_ledger_names_the_kind_and_the_per_student_amount_for_the_period()
    {
        var eligible = Assert.IsType<SubsidyDecision.Eligible>(EducationRules.SubsidyFor(SchoolStage.SeniorSecondary, Xichou2021));

        Assert.Equal("高中及以上教育资助（每生每学年2000元）", EducationRules.CapName(eligible, Xichou2021));
    }

    [Fact]
    public void Every_number_of_the_policy_has_a_source_and_the_silent_ones_are_platform_defaults()
    {
        foreach (var property in typeof(EducationPolicy).GetProperties().Where(p => p.Name is not ("Version" or "EffectiveFrom" or "Sources")))
        {
            Assert.True(Xichou2021.Sources.ContainsKey(property.Name), $"{property.Name} has no source");
        }
        Assert.StartsWith("平台默认", Xichou2021.Sources[nameof(EducationPolicy.SubsidyPeriod)], StringComparison.Ordinal);
        Assert.Contains("学前教育每人补助500元", Xichou2021.Sources[nameof(EducationPolicy.PreschoolSubsidyYuan)], StringComparison.Ordinal);
    }
}
