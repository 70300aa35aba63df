using System.Globalization;
using Xichou.Education.Model;
using Xichou.Education.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Education.Application;

/// <summary>A survey of a child's schooling (在读情况排查): <c>{ surveyedOn: yyyy-MM-dd, stage, school, grade, note }</c>.</summary>
public sealed record SchoolSurveyRequest(string? SurveyedOn, string? Stage, string? School, string? Grade, string? Note);

/// <summary>A subsidy grant (教育补助): <c>{ period: "2026-2027" }</c>.</summary>
public sealed record SubsidyRequest(string? Period);

public sealed record SchoolSurveyFacts(DateOnly SurveyedOn, SchoolStage Stage, string? School, string? Grade, string? Note);

/// <summary>The earliest day a date may name, and why, in Chinese and English.</summary>
public sealed record DateFloor(DateOnly Day, string Chinese, string English);

/// <summary>
/// The checks of every education request as plain functions (no database, no clock): each bad field is named in Chinese
/// and English under its JSON name, and a request with any error stores nothing.
/// </summary>
public static class EducationValidation
{
    public static SchoolSurveyFacts? Survey(SchoolSurveyRequest request, DateOnly today, IEnumerable<DateFloor> floors, ValidationErrors errors)
    {
        var surveyedOn = Day(errors, "surveyedOn", request.SurveyedOn, "排查日期", "The survey date", today, floors);
        var stage = SchoolStages.Parse(request.Stage);
        if (stage is null)
        {
            errors.Add("stage", $"在读情况只能是{SchoolStages.Listed}", "The stage is notInSchool, preschool, primary, juniorSecondary, seniorSecondary, vocational or tertiary.");
        }
        var schoolOk = TryText(errors, "school", request.School, Student.MaxSchoolLength, "就读学校", "The school", out var school);
        if (schoolOk && stage is { } s && s != SchoolStage.NotInSchool && school is null)
        {
            errors.Add("school", "在校学生须填写就读学校", "The school is required for a student in school.");
            schoolOk = false;
        }
        var gradeOk = TryText(errors, "grade", request.Grade, Student.MaxGradeLength, "年级", "The grade", out var grade);
        var noteOk = TryText(errors, "note", request.Note, Student.MaxNoteLength, "说明", "The note", out var note);
        if (stage == SchoolStage.NotInSchool)
        {
            // Out of school: no school or grade is kept, whatever the form still held.
            school = null;
            grade = null;
        }
        return surveyedOn is { } on && stage is { } st && schoolOk && gradeOk && noteOk ? new SchoolSurveyFacts(on, st, school, grade, note) : null;
    }

    /// <summary>
    /// The period of a grant: in the policy's format (2026-2027), not after the period in force today and not wholly before the
    /// policy took effect.
    /// </summary>
    public static SubsidyPeriod? Period(SubsidyRequest request, DateOnly today, EducationPolicy policy, ValidationErrors errors)
    {
        var word = EducationRules.PeriodWord(policy);
        var example = EducationRules.PeriodExample(today, policy);
        if (string.IsNullOrWhiteSpace(request.Period))
        {
            errors.Add("period", $"补助{word}必填（如 {example}）", $"The period is required, e.g. {example}.");
            return null;
        }
        if (EducationRules.ParsePeriod(request.Period, policy) is not { } period)
        {
            errors.Add("period", $"补助{word}格式应为 {example}（前后两年相连）", $"The period is written like {example}.");
            return null;
        }
        var current = EducationRules.CurrentPeriod(today, policy);
        if (period.Start > current.Start)
        {
            errors.Add("period", $"不能为以后的{word}发放补助（本{word}为 {current.Name}）",
                $"A subsidy cannot be granted for a future period (the current one is {current.Name}).");
            return null;
        }
        if (period.End < policy.EffectiveFrom)
        {
            errors.Add("period", $"{period.Name}{word}早于政策施行日期（{Format(policy.EffectiveFrom)}）",
                $"The period {period.Name} ends before the policy took effect ({Format(policy.EffectiveFrom)}).");
            return null;
        }
        return period;
    }

    /// <summary>Nothing may be dated before the household was registered.</summary>
    public static DateFloor RegisteredOn(DateOnly day) => new(day,
        $"不能早于该户纳入监测的日期（{Format(day)}）", $"It cannot be before the household was registered ({Format(day)}).");

    /// <summary>A survey is not dated before the student's latest one.</summary>
    public static DateFloor LastSurveyedOn(DateOnly day) => new(day,
        $"不能早于该生上次排查的日期（{Format(day)}）", $"It cannot be before the student's latest survey ({Format(day)}).");

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

    /// <summary>The trimmed text (null when absent); false, with the field's error, when it is too long.</summary>
    private static bool TryText(ValidationErrors errors, string field, string? value, int max, string chinese, string english, out string? text)
    {
        text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text?.Length > max)
        {
            errors.Add(field, $"{chinese}不能超过{max}个字", $"{english} is at most {max} characters.");
            return false;
        }
        return true;
    }
}
