using System.Globalization;
using Xichou.Agriculture.Application;
using Xichou.Web;

namespace Xichou.Agriculture.Components.Agriculture;

/// <summary>What one form of a page shows after a post: its field errors, a refusal, or what was done (in Chinese).</summary>
public sealed class FormState
{
    public Dictionary<string, string[]> Errors { get; set; } = [];
    public string? Conflict { get; set; }
    public string? Done { get; set; }

    /// <summary>The value when the use case did it; otherwise its errors or its refusal go on the form, in Chinese.</summary>
    public T? Apply<T>(AgricultureOutcome<T> outcome, HttpContext http) where T : class
    {
        Errors = [];
        Conflict = null;
        switch (outcome)
        {
            case AgricultureOutcome<T>.Done done:
                return done.Value;
            case AgricultureOutcome<T>.Invalid invalid:
                Errors = invalid.Errors.ToDictionary(e => e.Key, e => e.Value.Select(Chinese.Of).ToArray());
                break;
            case AgricultureOutcome<T>.Conflict conflict:
                Conflict = $"{Chinese.Of(conflict.Title)}：{Chinese.Of(conflict.Detail)}";
                break;
            case AgricultureOutcome<T>.Forbidden:
                Conflict = "您的角色只能查看，不能录入";
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            default:
                Conflict = "未找到该农户或申请，或不在您的管辖范围内";
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        return null;
    }

    /// <summary>A number typed in a form; a field error (Chinese) when it is not one.</summary>
    public decimal? Number(string field, string? text, string chinese)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Errors[field] = [$"{chinese}应为数字"];
        return null;
    }

    /// <summary>A date typed in a form (yyyy-MM-dd); a field error (Chinese) when it is not one.</summary>
    public DateOnly? Date(string field, string? text, string chinese)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        Errors[field] = [$"{chinese}格式应为 年-月-日"];
        return null;
    }
}

public sealed class ApplicationInput
{
    public string? Industry { get; set; }
    public string? Plan { get; set; }
    public string? CostYuan { get; set; }
}

/// <summary>Approve, pay or refuse one application: which one, and the fields of whichever it is.</summary>
public sealed class DecisionInput
{
    public Guid ApplicationId { get; set; }
    public string? Action { get; set; }
    public string? Note { get; set; }
    public string? PaidOn { get; set; }
    public string? Voucher { get; set; }
    public string? Reason { get; set; }
}

public sealed class SurveyInput
{
    public string? SurveyedOn { get; set; }
    public string?[] Industry { get; set; } = new string?[5];
    public string?[] Scale { get; set; } = new string?[5];
    public string?[] Unit { get; set; } = new string?[5];
}

public sealed class LinkageInput
{
    public string? PartnerName { get; set; }
    public string? PartnerKind { get; set; }
    public bool Dividends { get; set; }
    public bool Orders { get; set; }
    public bool Jobs { get; set; }
    public string? BoundOn { get; set; }
}

public sealed class InsuranceInput
{
    public string? Industry { get; set; }
    public string? Scale { get; set; }
    public string? Unit { get; set; }
    public string? Insurer { get; set; }
    public string? PolicyNumber { get; set; }
    public string? StartsOn { get; set; }
    public string? EndsOn { get; set; }
}

public sealed class ClaimInput
{
    public Guid PolicyId { get; set; }
    public string? OccurredOn { get; set; }
    public string? Cause { get; set; }
    public string? AmountYuan { get; set; }
}
