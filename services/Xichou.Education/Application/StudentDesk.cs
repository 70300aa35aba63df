using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Findings;
using Xichou.DepartmentKit.Households;
using Xichou.Education.Infrastructure;
using Xichou.Education.Model;
using Xichou.Education.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Education.Application;

/// <summary>householdId, stage, dropout (true: open dropouts only), due (true: owed a subsidy this period), page, pageSize.</summary>
public sealed record StudentListQuery(Guid? HouseholdId, string? Stage, bool? Dropout, bool? Due, int? Page, int? PageSize)
{
    public const int MaxPageSize = 200;

    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? 50;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Stage is not null && SchoolStages.Parse(Stage) is null)
        {
            errors.Add("stage", $"学段只能是{SchoolStages.Listed}", "The stage is notInSchool, preschool, primary, juniorSecondary, seniorSecondary, vocational or tertiary.");
        }
        if (Page is < 1)
        {
            errors.Add("page", "页码从1开始", "Pages start at 1.");
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"每页1至{MaxPageSize}条", $"A page holds 1 to {MaxPageSize} students.");
        }
        return errors;
    }
}

/// <summary>
/// 措施六 “对边缘易致贫户适龄儿童或青少年的在读情况进行全面排查”: the school-age members of the households education knows,
/// and the survey of each child's schooling. A child of compulsory age found out of school is a dropout (控辍保学): a finding
/// on the county's risk register, published once per episode (a new id each time it happens again) and cleared when a later
/// survey finds the child back in school. The record, the household's survey, the event (through the outbox) and the audit
/// line are one SaveChanges. The API and the pages both call these.
/// </summary>
public sealed class StudentDesk(
    EducationDbContext db, StudentDirectory directory, ServiceSecurity security, EducationPolicy policy, Department department, TimeProvider time)
{
    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public SubsidyPeriod CurrentPeriod => EducationRules.CurrentPeriod(Beijing.Today(time), policy);

    public async Task<StudentPage> ListAsync(StudentListQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var views = await ViewsAsync(user, query.HouseholdId, null, ct);
        IEnumerable<StudentView> filtered = views;
        if (SchoolStages.Parse(query.Stage) is { } stage)
        {
            filtered = filtered.Where(s => s.Stage == SchoolStages.WireOf(stage));
        }
        if (query.Dropout is { } dropout)
        {
            filtered = filtered.Where(s => s.Dropout == dropout);
        }
        if (query.Due is { } due)
        {
            filtered = filtered.Where(s => s.SubsidyDue == due);
        }
        // Dropouts first (the longest out of school first), then by place and household.
        var ordered = filtered.OrderByDescending(s => s.Dropout).ThenBy(s => s.DropoutSince ?? DateOnly.MaxValue)
            .ThenBy(s => s.TownshipCode, StringComparer.Ordinal).ThenBy(s => s.VillageCode, StringComparer.Ordinal)
            .ThenBy(s => s.HouseholdCode, StringComparer.Ordinal).ThenBy(s => s.BirthDate).ThenBy(s => s.Id).ToList();
        return new StudentPage(ordered.Count, query.PageOrDefault, query.PageSizeOrDefault, CurrentPeriod.Name,
            [.. ordered.Skip((query.PageOrDefault - 1) * query.PageSizeOrDefault).Take(query.PageSizeOrDefault)]);
    }

    public async Task<StudentView?> FindAsync(Guid studentId, ClaimsPrincipal user, CancellationToken ct) =>
        (await ViewsAsync(user, null, studentId, ct)).FirstOrDefault();

    /// <summary>The household's school-age members, the youngest last; null when the household is outside the caller's jurisdiction.</summary>
    public async Task<IReadOnlyList<StudentView>?> OfHouseholdAsync(Guid householdId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Households.Within(security.JurisdictionOf(user)).AnyAsync(h => h.Id == householdId, ct))
        {
            return null;
        }
        return [.. (await ViewsAsync(user, householdId, null, ct)).OrderBy(s => s.BirthDate ?? DateOnly.MaxValue).ThenBy(s => s.Id)];
    }

    public async Task<EducationOutcome<SchoolSurveyView>> SurveyAsync(Guid studentId, SchoolSurveyRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new EducationOutcome<SchoolSurveyView>.Forbidden();
        }
        var period = CurrentPeriod;
        var facts = (await directory.LoadAsync(security.JurisdictionOf(user), period.Name, null, studentId, tracking: true, ct)).FirstOrDefault();
        if (facts is null)
        {
            return new EducationOutcome<SchoolSurveyView>.NotFound();
        }
        var household = facts.Household;
        var today = Beijing.Today(time);
        var errors = new ValidationErrors();
        List<DateFloor> floors = [EducationValidation.RegisteredOn(Beijing.DateOf(household.RegisteredAt))];
        if (facts.Record is { } previous)
        {
            floors.Add(EducationValidation.LastSurveyedOn(previous.SurveyedOn));
        }
        var survey = EducationValidation.Survey(request, today, floors, errors);
        if (survey is null)
        {
            return new EducationOutcome<SchoolSurveyView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return new EducationOutcome<SchoolSurveyView>.Conflict(EducationConflicts.Exited.Title, EducationConflicts.Exited.Detail);
        }

        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var record = facts.Record;
        if (record is null)
        {
            record = Student.First(facts.Id, household.Id);
            db.Students.Add(record);
        }
        var before = facts.Record is null ? null : new { stage = SchoolStages.WireOf(record.Stage), record.School, record.Grade, record.SurveyedOn, dropout = record.DropoutFindingId };
        var open = record.DropoutFindingId;
        var dropout = EducationRules.IsDropout(survey.Stage, facts.BirthDate, survey.SurveyedOn, policy);
        record.Record(survey.Stage, survey.School, survey.Grade, survey.SurveyedOn, survey.Note, dropout, Guid.CreateVersion7(now), actor.UserName, now);
        string? finding = null;
        Guid? findingId = null;
        if (dropout && open is null)
        {
            finding = "published";
            findingId = record.DropoutFindingId;
            Findings.Publish(db, department, household, record.DropoutFindingId!.Value, EducationRules.DropoutCategory, policy.DropoutSeverity,
                DescribeDropout(facts, survey, actor.UserName), now);
        }
        else if (!dropout && open is { } cleared)
        {
            finding = "cleared";
            findingId = cleared;
            Findings.Clear(db, department, household, cleared, EducationRules.DropoutCategory, DescribeReturn(survey), actor.UserName, now);
        }
        // The household's survey (摸排) follows its children's: a problem while any of them is a dropout.
        var otherDropouts = await db.Students.CountAsync(s => s.HouseholdId == household.Id && s.Id != record.Id && s.DropoutFindingId != null, ct);
        var dropouts = otherDropouts + (record.IsDropout ? 1 : 0);
        household.RecordSurvey(dropouts > 0 ? SurveyStatus.Problem : SurveyStatus.Secured,
            dropouts > 0 ? $"{dropouts}名义务教育适龄儿童未在校（控辍保学）" : $"适龄儿童在读情况已排查（{EducationValidation.Format(survey.SurveyedOn)}）",
            actor.UserName, now);
        db.Audit(AuditEntry.Record(actor, facts.Record is null ? AuditActions.Create : AuditActions.Update, now, household.Id, details: new
        {
            student = record.Id,
            survey = new
            {
                before,
                after = new { stage = SchoolStages.WireOf(survey.Stage), survey.School, survey.Grade, survey.SurveyedOn, survey.Note },
            },
            finding,
            findingId,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception exception) when (exception is DbUpdateConcurrencyException or DuplicateKeyException)
        {
            // Another survey of this child was saved a moment ago: nothing of this one is stored.
            db.ChangeTracker.Clear();
            return new EducationOutcome<SchoolSurveyView>.Conflict(EducationConflicts.Changed.Title, EducationConflicts.Changed.Detail);
        }
        var view = StudentView.From(facts with { Record = record }, name => security.NameFor(user, name), policy, period, today);
        return new EducationOutcome<SchoolSurveyView>.Done(new SchoolSurveyView(view, finding, findingId));
    }

    /// <summary>The finding as the register shows it: who (relation, age, not the name), when found, by whom.</summary>
    public static string DescribeDropout(StudentFacts facts, SchoolSurveyFacts survey, string by)
    {
        var age = facts.BirthDate is { } birth ? $"{EducationRules.AgeOn(birth, survey.SurveyedOn)}周岁" : "年龄不明";
        var who = StudentView.NameOfRelation(facts.Member?.Relation) ?? "家庭成员";
        return $"义务教育适龄儿童未在校就读（控辍保学）：{who}，{age}，排查日期{EducationValidation.Format(survey.SurveyedOn)}，排查人{by}"
            + (survey.Note is { } note ? $"：{note}" : "");
    }

    /// <summary>Why the finding no longer holds: the stage and school the child is back in.</summary>
    public static string DescribeReturn(SchoolSurveyFacts survey) =>
        $"已返校就读：{SchoolStages.NameOf(survey.Stage)}{(survey.School is { } school ? $"，{school}" : "")}{(survey.Grade is { } grade ? $"，{grade}" : "")}"
        + $"（排查日期{EducationValidation.Format(survey.SurveyedOn)}）";

    private async Task<List<StudentView>> ViewsAsync(ClaimsPrincipal user, Guid? householdId, Guid? studentId, CancellationToken ct)
    {
        var today = Beijing.Today(time);
        var period = EducationRules.CurrentPeriod(today, policy);
        var facts = await directory.LoadAsync(security.JurisdictionOf(user), period.Name, householdId, studentId, tracking: false, ct);
        return [.. facts.Select(f => StudentView.From(f, name => security.NameFor(user, name), policy, period, today))];
    }
}
