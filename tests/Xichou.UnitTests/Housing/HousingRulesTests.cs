using Xichou.DepartmentKit.Households;
using Xichou.Housing.Model;
using Xichou.Housing.Policy;

namespace Xichou.UnitTests.Housing;

/// <summary>措施三's grades: which are unsafe, which complete a case, and the finding's severity, all read from the policy.</summary>
public class HousingRulesTests
{
    private static readonly HousingPolicy Xichou2021 = HousingPolicy.Xichou2021;

    [Fact]
    public void Under_the_2021_policy_grade_B_is_safe_and_grade_C_is_unsafe()
    {
        Assert.False(HousingRules.IsUnsafe(HouseGrade.B, Xichou2021));
        Assert.True(HousingRules.IsSafe(HouseGrade.B, Xichou2021));
        Assert.True(HousingRules.IsUnsafe(HouseGrade.C, Xichou2021));
        Assert.False(HousingRules.IsSafe(HouseGrade.C, Xichou2021));
        Assert.False(HousingRules.IsUnsafe(HouseGrade.A, Xichou2021));
        Assert.True(HousingRules.IsUnsafe(HouseGrade.D, Xichou2021));
    }

    [Fact]
    public void A_policy_that_also_counts_grade_B_unsafe_makes_B_a_finding_that_cannot_complete_a_case()
    {
        var stricter = Xichou2021 with { UnsafeGrades = ["B", "C", "D"], SafeGrades = ["A"] };

        Assert.True(HousingRules.IsUnsafe(HouseGrade.B, stricter));
        Assert.False(HousingRules.CanComplete(HouseGrade.B, stricter));
        Assert.Equal(SurveyStatus.Problem, HousingRules.SurveyOf(HouseGrade.B, stricter));
        Assert.True(HousingRules.CanComplete(HouseGrade.A, stricter));
    }

    [Fact]
    public void The_survey_is_secured_at_A_or_B_and_a_problem_at_C_or_D()
    {
        Assert.Equal(SurveyStatus.Secured, HousingRules.SurveyOf(HouseGrade.A, Xichou2021));
        Assert.Equal(SurveyStatus.Secured, HousingRules.SurveyOf(HouseGrade.B, Xichou2021));
        Assert.Equal(SurveyStatus.Problem, HousingRules.SurveyOf(HouseGrade.C, Xichou2021));
        Assert.Equal(SurveyStatus.Problem, HousingRules.SurveyOf(HouseGrade.D, Xichou2021));
    }

    [Fact]
    public void A_wholly_dangerous_house_is_a_high_finding_and_a_partly_dangerous_one_medium_unless_the_policy_says_otherwise()
    {
        Assert.Equal("high", HousingRules.SeverityOf(HouseGrade.D, Xichou2021));
        Assert.Equal("medium", HousingRules.SeverityOf(HouseGrade.C, Xichou2021));
        Assert.Equal("housing-grade-d", HousingRules.CategoryOf(HouseGrade.D));

        var everyDangerHigh = Xichou2021 with { SeverityByGrade = new(StringComparer.Ordinal) { ["C"] = "high", ["D"] = "high" } };
        Assert.Equal("high", HousingRules.SeverityOf(HouseGrade.C, everyDangerHigh));
    }

    [Theory]
    [InlineData("A", HouseGrade.A)]
    [InlineData(" d ", HouseGrade.D)]
    public void A_grade_is_one_of_A_to_D(string text, HouseGrade grade) => Assert.Equal(grade, HouseGrades.Parse(text));

    [Theory]
    [InlineData("E")]
    [InlineData("")]
    [InlineData("CD")]
    [InlineData("3")]
    [InlineData(null)]
    public void Anything_else_is_not_a_grade(string? text) => Assert.Null(HouseGrades.Parse(text));

    [Theory]
    [InlineData("pairing-unit-help", RemediationRoute.PairingUnitHelp)]
    [InlineData("self-build", RemediationRoute.SelfBuild)]
    [InlineData(" Other-Policy ", RemediationRoute.OtherPolicy)]
    public void Route_wire_names_parse(string wire, RemediationRoute route)
    {
        Assert.Equal(route, RemediationRoutes.Parse(wire));
        Assert.Equal(wire.Trim().ToLowerInvariant(), RemediationRoutes.WireOf(route));
    }

    [Theory]
    [InlineData("SelfBuild")]
    [InlineData("selfbuild")]
    [InlineData("relocation")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_the_kebab_case_wire_names_are_routes(string? wire) => Assert.Null(RemediationRoutes.Parse(wire));
}
