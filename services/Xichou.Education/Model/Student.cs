namespace Xichou.Education.Model;

/// <summary>
/// The education bureau's record of a school-age member (适龄儿童或青少年) from its latest survey of their schooling (在读情况排查):
/// the stage, school and grade found, and the open dropout finding (控辍保学) while a child of compulsory age is out of
/// school. Its id is the member's on the register, so it outlives the kit's copy of the members being replaced; until
/// the first survey a student is known only from the register's member record.
/// </summary>
public sealed class Student
{
    public const int MaxSchoolLength = 100;
    public const int MaxGradeLength = 32;
    public const int MaxNoteLength = 500;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public SchoolStage Stage { get; private set; }
    public string? School { get; private set; }
    public string? Grade { get; private set; }
    public DateOnly SurveyedOn { get; private set; }
    public string? Note { get; private set; }
    public string SurveyedBy { get; private set; } = "";
    public DateTimeOffset SurveyedAt { get; private set; }

    /// <summary>The finding on the county's risk register while the child is a dropout; a later dropout is a new finding (a new id).</summary>
    public Guid? DropoutFindingId { get; private set; }

    /// <summary>The survey day the open dropout was first found.</summary>
    public DateOnly? DropoutSince { get; private set; }

    /// <summary>Bumped by every survey: a concurrency token, so two surveys at once never both publish or clear a finding.</summary>
    public int Revision { get; private set; }

    public bool IsDropout => DropoutFindingId is not null;

    public static Student First(Guid memberId, Guid householdId) => new() { Id = memberId, HouseholdId = householdId };

    /// <summary>Takes a survey's facts; when they make the child a dropout and none is open, opens one under <paramref name="newFindingId"/>.</summary>
    public void Record(SchoolStage stage, string? school, string? grade, DateOnly surveyedOn, string? note, bool dropout, Guid newFindingId,
        string by, DateTimeOffset at)
    {
        Stage = stage;
        School = school;
        Grade = grade;
        SurveyedOn = surveyedOn;
        Note = note;
        SurveyedBy = by;
        SurveyedAt = at;
        if (dropout && DropoutFindingId is null)
        {
            DropoutFindingId = newFindingId;
            DropoutSince = surveyedOn;
        }
        else if (!dropout)
        {
            DropoutFindingId = null;
            DropoutSince = null;
        }
        Revision++;
    }
}
