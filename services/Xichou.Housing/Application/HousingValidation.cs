using System.Globalization;
using Xichou.Housing.Model;
using Xichou.Housing.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Housing.Application;

/// <summary>An assessment (鉴定) or a completing re-assessment (复核): <c>{ grade: A|B|C|D, assessedOn: yyyy-MM-dd, assessor, note }</c>.</summary>
public sealed record AssessmentRequest(string? Grade, string? AssessedOn, string? Assessor, string? Note);

/// <summary>A remediation case's plan: <c>{ route: pairing-unit-help|self-build|other-policy, responsiblePerson, plan }</c>.</summary>
public sealed record PlanRequest(string? Route, string? ResponsiblePerson, string? Plan);

/// <summary>A step of the work: <c>{ on: yyyy-MM-dd, text }</c>.</summary>
public sealed record ProgressRequest(string? On, string? Text);

/// <summary>An assessment that passed every check.</summary>
public sealed record AssessmentFacts(HouseGrade Grade, DateOnly AssessedOn, string Assessor, string? Note);

public sealed record PlanFacts(RemediationRoute Route, string ResponsiblePerson, string Plan);

public sealed record ProgressFacts(DateOnly On, string Text);

/// <summary>The earliest day a date may name, and why, in Chinese and English.</summary>
public sealed record DateFloor(DateOnly Day, string Chinese, string English);

/// <summary>
/// The checks of every housing request, as plain functions (no database, no clock): each bad field is named in Chinese and
/// English under its JSON name, and a request with any error stores nothing.
/// </summary>
public static class HousingValidation
{
    public const int MaxAssessorLength = 64;
    public const int MaxNoteLength = 500;

    public static AssessmentFacts? Assessment(AssessmentRequest request, DateOnly today, IEnumerable<DateFloor> floors, ValidationErrors errors)
    {
        var grade = HouseGrades.Parse(request.Grade);
        if (grade is null)
        {
            errors.Add("grade", "鉴定等级只能是A、B、C或D（A级安全、B级基本安全、C级局部危房、D级整体危房）", "The grade is A, B, C or D.");
        }
        var assessedOn = Day(errors, "assessedOn", request.AssessedOn, "鉴定日期", "The assessment date", today, floors);
        var assessorOk = TryText(errors, "assessor", request.Assessor, MaxAssessorLength, "鉴定人", "The assessor", required: true, out var assessor);
        var noteOk = TryText(errors, "note", request.Note, MaxNoteLength, "说明", "The note", required: false, out var note);
        return grade is { } g && assessedOn is { } on && assessorOk && noteOk ? new AssessmentFacts(g, on, assessor!, note) : null;
    }

    /// <summary>A re-assessment that completes a case: an assessment at a grade the policy counts safe (措施三 “确保安全住房有保障”).</summary>
    public static AssessmentFacts? Completion(AssessmentRequest request, DateOnly today, IEnumerable<DateFloor> floors, HousingPolicy policy,
        ValidationErrors errors)
    {
        var facts = Assessment(request, today, floors, errors);
        if (facts is not null && !HousingRules.CanComplete(facts.Grade, policy))
        {
            errors.Add("grade", $"复核为{HouseGrades.Describe(facts.Grade)}仍不安全，须复核为{HousingRules.SafeGradesText(policy)}才能完成改造",
                $"Grade {facts.Grade} is not safe; a case completes only on a re-assessment at grade {string.Join(" or ", policy.SafeGrades)}.");
            return null;
        }
        return facts;
    }

    public static PlanFacts? Plan(PlanRequest request, ValidationErrors errors)
    {
        var route = RemediationRoutes.Parse(request.Route);
        if (route is null)
        {
            errors.Add("route", "改造路径只能是 pairing-unit-help（挂包帮单位帮建）、self-build（农户自建）或 other-policy（其他住房政策）",
                "The route is pairing-unit-help, self-build or other-policy.");
        }
        var personOk = TryText(errors, "responsiblePerson", request.ResponsiblePerson, RemediationCase.MaxResponsiblePersonLength,
            "责任人", "The responsible person", required: true, out var person);
        var planOk = TryText(errors, "plan", request.Plan, RemediationCase.MaxPlanLength, "改造方案", "The plan", required: true, out var plan);
        return route is { } r && personOk && planOk ? new PlanFacts(r, person!, plan!) : null;
    }

    public static ProgressFacts? Progress(ProgressRequest request, DateOnly today, IEnumerable<DateFloor> floors, ValidationErrors errors)
    {
        var on = Day(errors, "on", request.On, "进展日期", "The date", today, floors);
        var textOk = TryText(errors, "text", request.Text, RemediationCase.MaxProgressLength, "进展情况", "The text", required: true, out var text);
        return on is { } day && textOk ? new ProgressFacts(day, text!) : null;
    }

    /// <summary>Nothing may be dated before the household was registered.</summary>
    public static DateFloor RegisteredOn(DateOnly day) => new(day,
        $"不能早于该户纳入监测的日期（{Format(day)}）", $"It cannot be before the household was registered ({Format(day)}).");

    /// <summary>Nothing of a case may be dated before the house was found unsafe.</summary>
    public static DateFloor FoundOn(DateOnly day) => new(day,
        $"不能早于危房鉴定日期（{Format(day)}）", $"It cannot be before the house was found unsafe ({Format(day)}).");

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Day(ValidationErrors errors, string field, string? text, string chinese, string english, DateOnly today,
        IEnumerable<DateFloor> floors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, $"{chinese}必填", $"{english} is required.");
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, $"{chinese}格式应为 年-月-日（如 {Format(today)}）", $"{english} is a date, yyyy-MM-dd.");
            return null;
        }
        if (day > today)
        {
            errors.Add(field, $"{chinese}不能晚于今天（{Format(today)}）", $"{english} cannot be in the future (today is {Format(today)} in Beijing).");
            return null;
        }
        if (floors.Where(f => day < f.Day).MaxBy(f => f.Day) is { } floor)
        {
            errors.Add(field, $"{chinese}{floor.Chinese}", $"{english}: {floor.English}");
            return null;
        }
        return day;
    }

    /// <summary>The trimmed text (null when an optional one is absent); false, with the field's error, when it is missing or too long.</summary>
    private static bool TryText(ValidationErrors errors, string field, string? value, int max, string chinese, string english, bool required,
        out string? text)
    {
        text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            if (required)
            {
                errors.Add(field, $"{chinese}必填", $"{english} is required.");
                return false;
            }
            return true;
        }
        if (text.Length > max)
        {
            errors.Add(field, $"{chinese}不能超过{max}个字", $"{english} is at most {max} characters.");
            return false;
        }
        return true;
    }
}
