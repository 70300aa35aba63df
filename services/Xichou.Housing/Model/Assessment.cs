namespace Xichou.Housing.Model;

/// <summary>
/// One safety assessment of a household's house (鉴定): its grade, the day and who assessed it. A remediation case's
/// finding and its completing re-assessment are assessments too, linked to the case.
/// </summary>
public sealed class Assessment
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public HouseGrade Grade { get; private set; }
    public DateOnly AssessedOn { get; private set; }
    public string Assessor { get; private set; } = "";
    public string? Note { get; private set; }

    /// <summary>The remediation case this assessment opened, was recorded during, or completed; null for a safe house.</summary>
    public Guid? RemediationCaseId { get; private set; }

    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static Assessment Record(Guid householdId, HouseGrade grade, DateOnly assessedOn, string assessor, string? note,
        string recordedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        Grade = grade,
        AssessedOn = assessedOn,
        Assessor = assessor,
        Note = note,
        RecordedBy = recordedBy,
        RecordedAt = at,
    };

    public void BelongsTo(RemediationCase remediation) => RemediationCaseId = remediation.Id;

    /// <summary>Newest first: by the day assessed, then by when it was recorded.</summary>
    public static IEnumerable<Assessment> NewestFirst(IEnumerable<Assessment> assessments) =>
        assessments.OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.RecordedAt);
}
