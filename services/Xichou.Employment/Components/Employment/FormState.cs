using System.Globalization;
using Xichou.Employment.Application;

namespace Xichou.Employment.Components.Employment;

/// <summary>What one form of a page shows after a post: its field errors, a refusal, or what was done (in Chinese).</summary>
public sealed class FormState
{
    public Dictionary<string, string[]> Errors { get; set; } = [];
    public string? Conflict { get; set; }
    public string? Done { get; set; }
}

public sealed class TrainingInput
{
    public string? MemberId { get; set; }
    public string? Course { get; set; }
    public string? Provider { get; set; }
    public string? StartOn { get; set; }
    public string? EndOn { get; set; }
    public string? Certificate { get; set; }

    public TrainingRequest ToRequest() => new(FormValues.IdOf(MemberId), Course, Provider, StartOn, EndOn, Certificate);
}

public sealed class EmploymentInput
{
    public string? MemberId { get; set; }
    public string? Status { get; set; }
    public string? Place { get; set; }
    public string? Employer { get; set; }
    public string? Since { get; set; }
    public string? MonthlyIncomeYuan { get; set; }
    public bool PublicWelfarePost { get; set; }
    public string? Reason { get; set; }
}

public sealed class JobServiceInput
{
    public string? MemberId { get; set; }
    public string? Kind { get; set; }
    public string? On { get; set; }
    public string? Note { get; set; }

    public JobServiceRequest ToRequest() => new(FormValues.IdOf(MemberId), Kind, On, Note);
}

public sealed class CheckInput
{
    public string? MemberId { get; set; }
    public string? Month { get; set; }
    public string? CheckedOn { get; set; }
    public string? StillEmployed { get; set; }
    public string? MonthlyIncomeYuan { get; set; }
    public string? Note { get; set; }
}

/// <summary>A form's text as the request's values; text that is no number is a field error of its own.</summary>
public static class FormValues
{
    public static Guid? IdOf(string? text) => System.Guid.TryParse(text, out var id) ? id : null;

    /// <summary>The yuan typed, or null when blank; false when it is not a number.</summary>
    public static bool TryYuan(string? text, out decimal? yuan)
    {
        yuan = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            yuan = value;
            return true;
        }
        return false;
    }
}
