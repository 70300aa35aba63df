namespace Xichou.Education.Components.Education;

/// <summary>What one form of a page shows after a post: its field errors, a refusal, or what was done (in Chinese).</summary>
public sealed class FormState
{
    public Dictionary<string, string[]> Errors { get; set; } = [];
    public string? Conflict { get; set; }
    public string? Done { get; set; }
}

/// <summary>The survey form's fields as posted: Survey.StudentId, .SurveyedOn (yyyy-MM-dd), .Stage, .School, .Grade, .Note.</summary>
public sealed class SurveyInput
{
    public string? StudentId { get; set; }
    public string? SurveyedOn { get; set; }
    public string? Stage { get; set; }
    public string? School { get; set; }
    public string? Grade { get; set; }
    public string? Note { get; set; }

    public Application.SchoolSurveyRequest ToRequest() => new(SurveyedOn, Stage, School, Grade, Note);
}

/// <summary>The grant form's fields as posted: Grant.StudentId, Grant.Period (2026-2027).</summary>
public sealed class GrantInput
{
    public string? StudentId { get; set; }
    public string? Period { get; set; }
}
