using System.Globalization;
using Xichou.Employment.Model;
using Xichou.Employment.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Employment.Application;

/// <summary>A training a labourer completed: <c>{ memberId, course, provider, startOn, endOn: yyyy-MM-dd, certificate }</c>.</summary>
public sealed record TrainingRequest(Guid? MemberId, string? Course, string? Provider, string? StartOn, string? EndOn, string? Certificate);

/// <summary>
/// A labourer's employment status: <c>{ memberId, status: away|local|not-employed|not-seeking, place, employer, since: yyyy-MM-dd,
/// monthlyIncomeYuan, publicWelfarePost, reason }</c>. Away needs place, employer, since and income; local an employer (or the
/// post) and since; not-seeking a reason.
/// </summary>
public sealed record EmploymentRequest(
    Guid? MemberId, string? Status, string? Place, string? Employer, string? Since, decimal? MonthlyIncomeYuan, bool? PublicWelfarePost, string? Reason);

/// <summary>A job service offered: <c>{ memberId, kind: job-fair|organised-transport|job-referral|guidance, on: yyyy-MM-dd, note }</c>.</summary>
public sealed record JobServiceRequest(Guid? MemberId, string? Kind, string? On, string? Note);

/// <summary>A monthly check of a migrant worker: <c>{ memberId, month: yyyy-MM, checkedOn: yyyy-MM-dd (today if absent), stillEmployed, monthlyIncomeYuan, note }</c>.</summary>
public sealed record MigrantCheckRequest(Guid? MemberId, string? Month, string? CheckedOn, bool? StillEmployed, decimal? MonthlyIncomeYuan, string? Note);

public sealed record TrainingFacts(Guid MemberId, string Course, string Provider, DateOnly StartOn, DateOnly EndOn, string? Certificate);

public sealed record JobServiceFacts(Guid MemberId, JobServiceKind Kind, DateOnly On, string? Note);

public sealed record MigrantCheckFacts(Guid MemberId, DateOnly Month, DateOnly CheckedOn, bool StillEmployed, decimal? MonthlyIncomeYuan, string? Note);

/// <summary>
/// The checks of every employment request, as plain functions (no database, no clock): each bad field is named in Chinese and
/// English under its JSON name, and a request with any error stores nothing. Whether the member is one of the household's
/// labourers is the use case's check, added to the same errors.
/// </summary>
public static class EmploymentValidation
{
    public const decimal MaxMonthlyIncomeYuan = 1_000_000m;

    public static TrainingFacts? Training(TrainingRequest request, DateOnly today, ValidationErrors errors)
    {
        var member = Member(request.MemberId, errors);
        var courseOk = TryText(errors, "course", request.Course, Model.Training.MaxCourseLength, "培训项目", "The course", true, out var course);
        var providerOk = TryText(errors, "provider", request.Provider, Model.Training.MaxProviderLength, "培训机构", "The provider", true, out var provider);
        var startOn = Day(errors, "startOn", request.StartOn, "开班日期", "The start date", today);
        var endOn = Day(errors, "endOn", request.EndOn, "结业日期", "The end date", today);
        if (startOn is { } start && endOn is { } end && end < start)
        {
            errors.Add("endOn", $"结业日期不能早于开班日期（{Format(start)}）", $"The end date cannot be before the start date ({Format(start)}).");
            endOn = null;
        }
        var certificateOk = TryText(errors, "certificate", request.Certificate, Model.Training.MaxCertificateLength, "证书", "The certificate", false,
            out var certificate);
        return member is { } m && courseOk && providerOk && startOn is { } s && endOn is { } e && certificateOk
            ? new TrainingFacts(m, course!, provider!, s, e, certificate)
            : null;
    }

    /// <summary>
    /// Every field is checked whatever the status (lengths, dates, a negative income), so each bad one is named; which are
    /// required turns on the status, and a status other than work keeps none of a job's fields (other than not-seeking, no reason).
    /// </summary>
    public static EmploymentFacts? Employment(EmploymentRequest request, DateOnly today, ValidationErrors errors)
    {
        var member = Member(request.MemberId, errors);
        var status = EmploymentNames.ParseStatus(request.Status);
        if (status is null)
        {
            errors.Add("status", "就业状态只能是 away（外出务工）、local（就近就地就业）、not-employed（未就业）或 not-seeking（无就业意愿）",
                "The status is away, local, not-employed or not-seeking.");
        }
        var away = status == EmploymentStatus.Away;
        var working = status is { } s && EmploymentNames.IsEmployed(s);
        var notSeeking = status == EmploymentStatus.NotSeeking;
        var placeOk = TryText(errors, "place", request.Place, Labourer.MaxPlaceLength, "务工地点", "The place", away, out var place);
        var employerOk = TryText(errors, "employer", request.Employer, Labourer.MaxEmployerLength,
            request.PublicWelfarePost == true ? "公益性岗位名称" : "用工单位", "The employer", working, out var employer);
        DateOnly? since = null;
        var sinceOk = true;
        if (working || !string.IsNullOrWhiteSpace(request.Since))
        {
            since = Day(errors, "since", request.Since, "务工开始日期", "The start of work", today);
            sinceOk = since is not null;
        }
        var incomeOk = Income(errors, "monthlyIncomeYuan", request.MonthlyIncomeYuan, required: away, out var income);
        var reasonOk = TryText(errors, "reason", request.Reason, Labourer.MaxReasonLength, "无就业意愿的原因", "The reason", notSeeking, out var reason);
        if (member is null || status is not { } chosen || !placeOk || !employerOk || !sinceOk || !incomeOk || !reasonOk)
        {
            return null;
        }
        return new EmploymentFacts(chosen, working ? place : null, working ? employer : null, working ? since : null, working ? income : null,
            chosen == EmploymentStatus.Local && request.PublicWelfarePost == true, notSeeking ? reason : null);
    }

    public static JobServiceFacts? JobService(JobServiceRequest request, DateOnly today, ValidationErrors errors)
    {
        var member = Member(request.MemberId, errors);
        var kind = EmploymentNames.ParseKind(request.Kind);
        if (kind is null)
        {
            errors.Add("kind", "服务类型只能是 job-fair（招聘会）、organised-transport（有组织输出）、job-referral（岗位推荐）或 guidance（就业指导）",
                "The kind is job-fair, organised-transport, job-referral or guidance.");
        }
        var on = Day(errors, "on", request.On, "服务日期", "The date", today);
        var noteOk = TryText(errors, "note", request.Note, Model.JobService.MaxNoteLength, "说明", "The note", false, out var note);
        return member is { } m && kind is { } k && on is { } d && noteOk ? new JobServiceFacts(m, k, d, note) : null;
    }

    /// <summary>A monthly check: never of a month still to come (措施五 checks what happened), nor dated before the month it covers.</summary>
    public static MigrantCheckFacts? MigrantCheck(MigrantCheckRequest request, DateOnly today, ValidationErrors errors)
    {
        var member = Member(request.MemberId, errors);
        var month = Month(errors, request.Month, today);
        DateOnly? checkedOn = today;
        if (!string.IsNullOrWhiteSpace(request.CheckedOn))
        {
            checkedOn = Day(errors, "checkedOn", request.CheckedOn, "核查日期", "The check date", today);
        }
        if (month is { } m && checkedOn is { } c && c < m)
        {
            errors.Add("checkedOn", $"核查日期不能早于所核查的月份（{MonthText(m)}）", $"The check date cannot be before the month checked ({MonthText(m)}).");
            checkedOn = null;
        }
        if (request.StillEmployed is null)
        {
            errors.Add("stillEmployed", "请填写是否仍在务工", "Say whether the worker is still employed (stillEmployed).");
        }
        var incomeOk = Income(errors, "monthlyIncomeYuan", request.MonthlyIncomeYuan, required: request.StillEmployed == true, out var income);
        var noteOk = TryText(errors, "note", request.Note, Model.MigrantCheck.MaxNoteLength, "说明", "The note", false, out var note);
        return member is { } id && month is { } mo && checkedOn is { } on && request.StillEmployed is { } still && incomeOk && noteOk
            ? new MigrantCheckFacts(id, mo, on, still, income, note)
            : null;
    }

    /// <summary>yyyy-MM, not after the current month (Beijing); the first day of it.</summary>
    public static DateOnly? Month(ValidationErrors errors, string? text, DateOnly today, string field = "month")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "核查月份必填（如 " + MonthText(today) + "）", "The month is required, yyyy-MM.");
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            errors.Add(field, $"月份格式应为 年-月（如 {MonthText(today)}）", "The month is yyyy-MM.");
            return null;
        }
        if (month > EmploymentRules.MonthOf(today))
        {
            errors.Add(field, $"不能核查未来的月份（本月为 {MonthText(today)}）", $"The month cannot be in the future (this month is {MonthText(today)} in Beijing).");
            return null;
        }
        return month;
    }

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MonthText(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Money a month in yuan: not negative, at most the cap, rounded half-up to the fen.</summary>
    private static bool Income(ValidationErrors errors, string field, decimal? value, bool required, out decimal? income)
    {
        income = null;
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "月收入（元）必填", "The monthly income in yuan is required.");
                return false;
            }
            return true;
        }
        if (value < 0)
        {
            errors.Add(field, "月收入不能为负数", "The monthly income cannot be negative.");
            return false;
        }
        if (value > MaxMonthlyIncomeYuan)
        {
            errors.Add(field, $"月收入不能超过{MaxMonthlyIncomeYuan:0}元", $"The monthly income is at most {MaxMonthlyIncomeYuan:0} yuan.");
            return false;
        }
        income = decimal.Round(value.Value, 2, MidpointRounding.AwayFromZero);
        return true;
    }

    private static Guid? Member(Guid? memberId, ValidationErrors errors)
    {
        if (memberId is null || memberId == Guid.Empty)
        {
            errors.Add("memberId", "请选择劳动力（memberId）", "The labourer (memberId) is required.");
            return null;
        }
        return memberId;
    }

    private static DateOnly? Day(ValidationErrors errors, string field, string? text, string chinese, string english, DateOnly today)
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
        if (day.Year < 1950)
        {
            errors.Add(field, $"{chinese}不能早于1950年", $"{english} cannot be before 1950.");
            return null;
        }
        return day;
    }

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
