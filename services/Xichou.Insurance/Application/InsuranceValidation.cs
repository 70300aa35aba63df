using System.Globalization;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Insurance.Application;

/// <summary>A hospital bill: <c>{ billDate: yyyy-MM-dd, hospital, totalYuan, selfPaidYuan }</c>; selfPaidYuan is what is left after reimbursement.</summary>
public sealed record HospitalSubsidyRequest(string? BillDate, string? Hospital, decimal? TotalYuan, decimal? SelfPaidYuan);

public sealed record HospitalBillFacts(DateOnly BillDate, string Hospital, decimal TotalYuan, decimal SelfPaidYuan);

/// <summary>A member's enrolment for a year: <c>{ year, basicMedical, criticalIllness, note }</c>.</summary>
public sealed record EnrolmentRequest(int? Year, bool? BasicMedical, bool? CriticalIllness, string? Note);

public sealed record EnrolmentFacts(int Year, bool BasicMedical, bool CriticalIllness, string? Note);

/// <summary>
/// The checks of every insurance request, as plain functions (no database, no clock): each bad field is named in Chinese and
/// English under its JSON name, and a request with any error stores nothing.
/// </summary>
public static class InsuranceValidation
{
    /// <summary>No bill, premium or payment of a household runs to a hundred million yuan; larger is a typing error.</summary>
    public const decimal MaxYuan = 99_999_999.99m;

    public const int MaxNoteLength = 200;

    public static HospitalBillFacts? HospitalBill(HospitalSubsidyRequest request, DateOnly today, DateOnly earliest, ValidationErrors errors)
    {
        var billDate = Day(errors, "billDate", request.BillDate, "住院结算日期", "The bill date", today, earliest);
        var hospitalOk = TryText(errors, "hospital", request.Hospital, Model.HospitalSubsidy.MaxHospitalLength, "医院", "The hospital",
            required: true, out var hospital);
        var total = Yuan(errors, "totalYuan", request.TotalYuan, "住院总费用", "The total");
        var selfPaid = Yuan(errors, "selfPaidYuan", request.SelfPaidYuan, "报销后自付费用", "The self-paid part");
        if (total is { } t && selfPaid is { } s && s > t)
        {
            errors.Add("selfPaidYuan", $"自付费用（{Money(s)}元）不能超过总费用（{Money(t)}元）",
                $"The self-paid part ({Money(s)} yuan) cannot exceed the total ({Money(t)} yuan).");
            return null;
        }
        return billDate is { } d && hospitalOk && total is { } tt && selfPaid is { } ss ? new HospitalBillFacts(d, hospital!, tt, ss) : null;
    }

    public static EnrolmentFacts? Enrolment(EnrolmentRequest request, DateOnly today, int earliestYear, ValidationErrors errors)
    {
        int? year = null;
        if (request.Year is not { } y)
        {
            errors.Add("year", "参保年度必填", "The year is required.");
        }
        else if (y < earliestYear || y > today.Year + 1)
        {
            errors.Add("year", $"参保年度应在{earliestYear}至{today.Year + 1}年之间", $"The year is between {earliestYear} and {today.Year + 1}.");
        }
        else
        {
            year = y;
        }
        if (request.BasicMedical is null)
        {
            errors.Add("basicMedical", "须填写是否参加基本医疗保险", "Say whether the member is in basic medical insurance.");
        }
        if (request.CriticalIllness is null)
        {
            errors.Add("criticalIllness", "须填写是否参加大病保险", "Say whether the member is in critical-illness insurance.");
        }
        var noteOk = TryText(errors, "note", request.Note, MaxNoteLength, "说明", "The note", required: false, out var note);
        return year is { } yy && request.BasicMedical is { } basic && request.CriticalIllness is { } critical && noteOk
            ? new EnrolmentFacts(yy, basic, critical, note)
            : null;
    }

    /// <summary>A positive amount in yuan with at most two places (分), below <see cref="MaxYuan"/>.</summary>
    public static decimal? Yuan(ValidationErrors errors, string field, decimal? value, string chinese, string english, bool allowZero = false)
    {
        if (value is not { } yuan)
        {
            errors.Add(field, $"{chinese}必填", $"{english} is required.");
            return null;
        }
        if (yuan < 0m || (!allowZero && yuan == 0m))
        {
            errors.Add(field, allowZero ? $"{chinese}不能为负数" : $"{chinese}须大于0元",
                allowZero ? $"{english} cannot be negative." : $"{english} must be more than 0 yuan.");
            return null;
        }
        if (yuan > MaxYuan)
        {
            errors.Add(field, $"{chinese}不能超过{Money(MaxYuan)}元", $"{english} is at most {Money(MaxYuan)} yuan.");
            return null;
        }
        if (decimal.Round(yuan, 2) != yuan)
        {
            errors.Add(field, $"{chinese}最多精确到分（两位小数）", $"{english} has at most two decimal places.");
            return null;
        }
        return yuan;
    }

    public static DateOnly? Day(ValidationErrors errors, string field, string? text, string chinese, string english, DateOnly today,
        DateOnly earliest)
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
        if (day < earliest)
        {
            errors.Add(field, $"{chinese}不能早于{Format(earliest)}", $"{english} cannot be before {Format(earliest)}.");
            return null;
        }
        return day;
    }

    public static bool TryText(ValidationErrors errors, string field, string? value, int max, string chinese, string english, bool required,
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

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Money(decimal yuan) => yuan.ToString("#,0.00", CultureInfo.InvariantCulture);
}
