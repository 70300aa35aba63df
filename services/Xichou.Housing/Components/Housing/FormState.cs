namespace Xichou.Housing.Components.Housing;

/// <summary>What one form of a page shows after a post: its field errors, a refusal, or what was done (in Chinese).</summary>
public sealed class FormState
{
    public Dictionary<string, string[]> Errors { get; set; } = [];
    public string? Conflict { get; set; }
    public string? Done { get; set; }
}

/// <summary>An assessment form's fields as posted: Assessment.Grade, .AssessedOn (yyyy-MM-dd), .Assessor, .Note.</summary>
public sealed class AssessmentInput
{
    public string? Grade { get; set; }
    public string? AssessedOn { get; set; }
    public string? Assessor { get; set; }
    public string? Note { get; set; }

    public Application.AssessmentRequest ToRequest() => new(Grade, AssessedOn, Assessor, Note);
}

public sealed class PlanInput
{
    public string? Route { get; set; }
    public string? ResponsiblePerson { get; set; }
    public string? Plan { get; set; }
}

public sealed class ProgressInput
{
    public string? On { get; set; }
    public string? Text { get; set; }
}
