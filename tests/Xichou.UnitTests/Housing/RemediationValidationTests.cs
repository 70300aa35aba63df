using Xichou.Housing.Application;
using Xichou.Housing.Model;
using Xichou.Housing.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.UnitTests.Housing;

/// <summary>What an assessment, a plan and a case's completion must hold; each error names its field in Chinese and English.</summary>
public class RemediationValidationTests
{
    private static readonly DateOnly Today = new(2026, 12, 20);
    private static readonly DateOnly RegisteredOn = new(2026, 11, 2);
    private static readonly DateOnly FoundOn = new(2026, 12, 1);
    private static readonly DateFloor[] Floors = [HousingValidation.RegisteredOn(RegisteredOn), HousingValidation.FoundOn(FoundOn)];

    [Theory]
    [InlineData("C")]
    [InlineData("D")]
    public void Completion_with_an_unsafe_grade_is_refused_naming_the_grade(string grade)
    {
        var errors = new ValidationErrors();

        var facts = HousingValidation.Completion(new AssessmentRequest(grade, "2026-12-20", "王工", null), Today, Floors, HousingPolicy.Xichou2021, errors);

        Assert.Null(facts);
        var message = Assert.Single(Assert.Single(errors.ToDictionary(), e => e.Key == "grade").Value);
        Assert.Contains($"复核为{grade}级", message, StringComparison.Ordinal);
        Assert.Contains("A级或B级", message, StringComparison.Ordinal);
        Assert.Contains(" / ", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public void Completion_at_a_safe_grade_passes(string grade)
    {
        var errors = new ValidationErrors();

        var facts = HousingValidation.Completion(new AssessmentRequest(grade, "2026-12-20", " 王工 ", ""), Today, Floors, HousingPolicy.Xichou2021, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(new AssessmentFacts(HouseGrades.Parse(grade)!.Value, Today, "王工", null), facts);
    }

    [Fact]
    public void The_case_refuses_to_complete_at_grade_C_even_if_a_caller_skipped_the_check()
    {
        var at = DateTimeOffset.UtcNow;
        var finding = Assessment.Record(Guid.NewGuid(), HouseGrade.D, FoundOn, "王工", null, "housing", at);
        var remediation = RemediationCase.Open(finding, at);
        remediation.SetPlan(RemediationRoute.SelfBuild, "李四", "拆除重建", "housing", at);

        var stillUnsafe = Assessment.Record(finding.HouseholdId, HouseGrade.C, Today, "王工", null, "housing", at);

        Assert.Throws<InvalidOperationException>(() => remediation.Complete(stillUnsafe, HousingPolicy.Xichou2021, "housing", at));
        Assert.True(remediation.IsOpen);
    }

    [Theory]
    [InlineData("2026-12-21", "晚于今天")]
    [InlineData("2026-11-30", "不能早于危房鉴定日期（2026-12-01）")]
    [InlineData("2026-11-01", "不能早于危房鉴定日期（2026-12-01）")]
    [InlineData("20/12/2026", "格式应为")]
    [InlineData("", "必填")]
    public void A_date_in_the_future_before_the_finding_or_not_a_date_is_named(string assessedOn, string expected)
    {
        var errors = new ValidationErrors();

        HousingValidation.Completion(new AssessmentRequest("B", assessedOn, "王工", null), Today, Floors, HousingPolicy.Xichou2021, errors);

        var message = Assert.Single(Assert.Single(errors.ToDictionary(), e => e.Key == "assessedOn").Value);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assessment_cannot_be_dated_before_the_household_was_registered()
    {
        var errors = new ValidationErrors();

        var facts = HousingValidation.Assessment(new AssessmentRequest("D", "2026-11-01", "王工", null), Today,
            [HousingValidation.RegisteredOn(RegisteredOn)], errors);

        Assert.Null(facts);
        var message = Assert.Single(Assert.Single(errors.ToDictionary(), e => e.Key == "assessedOn").Value);
        Assert.StartsWith("鉴定日期不能早于该户纳入监测的日期（2026-11-02） / ", message, StringComparison.Ordinal);
        Assert.NotNull(HousingValidation.Assessment(new AssessmentRequest("D", "2026-11-02", "王工", null), Today,
            [HousingValidation.RegisteredOn(RegisteredOn)], new ValidationErrors()));
    }

    [Fact]
    public void An_assessment_names_every_bad_field_at_once()
    {
        var errors = new ValidationErrors();

        var facts = HousingValidation.Assessment(new AssessmentRequest("E", null, new string('王', 65), new string('注', 501)), Today, Floors, errors);

        Assert.Null(facts);
        Assert.Equal(["assessedOn", "assessor", "grade", "note"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_plan_needs_a_known_route_one_responsible_person_and_the_plan()
    {
        var errors = new ValidationErrors();

        Assert.Null(HousingValidation.Plan(new PlanRequest("relocation", " ", null), errors));
        Assert.Equal(["plan", "responsiblePerson", "route"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));

        var ok = new ValidationErrors();
        Assert.Equal(new PlanFacts(RemediationRoute.PairingUnitHelp, "李四", "加固墙体"),
            HousingValidation.Plan(new PlanRequest("pairing-unit-help", "李四", "加固墙体"), ok));
        Assert.True(ok.IsEmpty);
    }
}
