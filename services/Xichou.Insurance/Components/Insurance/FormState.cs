using System.Globalization;
using Microsoft.AspNetCore.Http;
using Xichou.Insurance.Application;
using Xichou.Web;

namespace Xichou.Insurance.Components.Insurance;

/// <summary>What one form of a page shows after a post: its field errors, a refusal, or what was done (in Chinese).</summary>
public sealed class FormState
{
    public Dictionary<string, string[]> Errors { get; set; } = [];
    public string? Conflict { get; set; }
    public string? Done { get; set; }

    /// <summary>The value when the use case did it; otherwise its errors or its refusal go on the form, in Chinese.</summary>
    public T? Apply<T>(InsuranceOutcome<T> outcome, HttpContext http) where T : class
    {
        Conflict = null;
        switch (outcome)
        {
            case InsuranceOutcome<T>.Done done:
                Errors = [];
                return done.Value;
            case InsuranceOutcome<T>.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    Errors[field] = [.. messages.Select(Chinese.Of)];
                }
                break;
            case InsuranceOutcome<T>.Conflict conflict:
                Conflict = $"{Chinese.Of(conflict.Title)}：{Chinese.Of(conflict.Detail)}";
                break;
            case InsuranceOutcome<T>.Forbidden:
                Conflict = "您的角色只能查看，不能录入";
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            default:
                Conflict = "未找到该成员、农户或理赔，或不在您的管辖范围内";
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        return null;
    }

    /// <summary>A money field as typed: null when empty (the use case says it is required), an error here when it is not a number.</summary>
    public decimal? Yuan(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan))
        {
            return yuan;
        }
        Errors[field] = ["金额须为数字（元，最多两位小数）"];
        return null;
    }

    public void Reset()
    {
        Errors = [];
        Conflict = null;
        Done = null;
    }
}

public sealed class HospitalBillInput
{
    public string? MemberId { get; set; }
    public string? BillDate { get; set; }
    public string? Hospital { get; set; }
    public string? TotalYuan { get; set; }
    public string? SelfPaidYuan { get; set; }
}

public sealed class EnrolmentInput
{
    public string? MemberId { get; set; }
    public string? Year { get; set; }
    public string? BasicMedical { get; set; }
    public string? CriticalIllness { get; set; }
    public string? Note { get; set; }
}

public sealed class PovertyInsuranceInput
{
    public string? Year { get; set; }
    public string? EnrolledOn { get; set; }
    public string? PairingUnit { get; set; }
    public string? PairingUnitShareYuan { get; set; }
    public string? CountyShareYuan { get; set; }
}

public sealed class ClaimInput
{
    public string? Kind { get; set; }
    public string? Description { get; set; }
}

public sealed class ClaimStepInput
{
    public string? ClaimId { get; set; }
    public string? Step { get; set; }
    public string? AmountYuan { get; set; }
    public string? Note { get; set; }
    public string? PaidOn { get; set; }
    public string? Voucher { get; set; }
    public string? Reason { get; set; }
}

public sealed class OtherSupportInput
{
    public string? Kind { get; set; }
    public string? AmountYuan { get; set; }
    public string? PaidOn { get; set; }
    public string? Voucher { get; set; }
}
