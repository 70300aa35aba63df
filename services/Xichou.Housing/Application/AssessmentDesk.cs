using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Findings;
using Xichou.DepartmentKit.Households;
using Xichou.Housing.Infrastructure;
using Xichou.Housing.Model;
using Xichou.Housing.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Housing.Application;

/// <summary>
/// Assessments of a household's house (措施三 逐户排查住房安全): record one, list them. An unsafe grade is a finding on the
/// county's risk register and opens the household's remediation case; the assessment, the survey, the case, the finding
/// (through the outbox) and the audit line are one SaveChanges. The finding's id is the case's, so an unsafe house is one
/// risk on the register however often it is re-assessed unsafe before the case is completed. The API and the pages both
/// call these.
/// </summary>
public sealed class AssessmentDesk(
    HousingDbContext db, ServiceSecurity security, HousingPolicy policy, Department department, TimeProvider time)
{
    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public async Task<HousingOutcome<AssessmentView>> RecordAsync(Guid householdId, AssessmentRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new HousingOutcome<AssessmentView>.Forbidden();
        }
        var household = await db.Households.Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new HousingOutcome<AssessmentView>.NotFound();
        }
        var errors = new ValidationErrors();
        var facts = HousingValidation.Assessment(request, Beijing.Today(time),
            [HousingValidation.RegisteredOn(Beijing.DateOf(household.RegisteredAt))], errors);
        if (facts is null)
        {
            return new HousingOutcome<AssessmentView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return new HousingOutcome<AssessmentView>.Conflict(HousingConflicts.Exited.Title, HousingConflicts.Exited.Detail);
        }
        var open = await db.RemediationCases.FirstOrDefaultAsync(c => c.HouseholdId == household.Id && c.Status == RemediationStatus.Open, ct);
        if (open is not null && HousingRules.IsSafe(facts.Grade, policy))
        {
            // 跟踪到住房安全为止: a safe grade while the case is open is the case's completion, which needs its plan.
            return new HousingOutcome<AssessmentView>.Conflict(
                Bilingual.Message("该户危房改造尚未完成", "The household's remediation case is still open."),
                Bilingual.Message($"复核为{HousingRules.SafeGradesText(policy)}时，请在改造案中“完成改造”录入复核鉴定（改造案 {open.Id}）",
                    $"Record a safe re-assessment by completing remediation case {open.Id} (POST /api/remediations/{open.Id}/complete)."));
        }

        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var assessment = Assessment.Record(household.Id, facts.Grade, facts.AssessedOn, facts.Assessor, facts.Note, actor.UserName, now);
        db.Assessments.Add(assessment);
        RemediationCase? opened = null;
        string? finding = null;
        if (open is not null)
        {
            assessment.BelongsTo(open);
        }
        if (HousingRules.IsUnsafe(facts.Grade, policy))
        {
            if (open is null)
            {
                opened = RemediationCase.Open(assessment, now);
                db.RemediationCases.Add(opened);
            }
            // One unsafe episode, one risk: a later unsafe grade joining the open case publishes under the case's id again,
            // which the register already holds.
            finding = HousingRules.CategoryOf(facts.Grade);
            Findings.Publish(db, department, household, (open ?? opened!).Id, finding, HousingRules.SeverityOf(facts.Grade, policy),
                Describe(facts), now);
        }
        household.RecordSurvey(HousingRules.SurveyOf(facts.Grade, policy), SurveyNote(facts), actor.UserName, now);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
        {
            assessment = assessment.Id,
            grade = facts.Grade.ToString(),
            assessedOn = facts.AssessedOn,
            assessor = facts.Assessor,
            finding,
            remediationCase = assessment.RemediationCaseId,
            openedCase = opened is not null,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (opened is not null)
        {
            // Another unsafe assessment of this house opened its case a moment ago (one open case per household, a unique index).
            db.ChangeTracker.Clear();
            if (!await db.RemediationCases.AnyAsync(c => c.HouseholdId == householdId && c.Status == RemediationStatus.Open, ct))
            {
                throw;
            }
            return new HousingOutcome<AssessmentView>.Conflict(
                Bilingual.Message("该户的危房改造刚刚已开启", "A remediation case for this household was opened a moment ago."),
                Bilingual.Message("请刷新后重试", "Reload and try again."));
        }
        return new HousingOutcome<AssessmentView>.Done(AssessmentView.From(assessment, policy));
    }

    /// <summary>The household's assessments, newest first; null when the household is not inside the caller's jurisdiction.</summary>
    public async Task<IReadOnlyList<AssessmentView>?> ListAsync(Guid householdId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Households.Within(security.JurisdictionOf(user)).AnyAsync(h => h.Id == householdId, ct))
        {
            return null;
        }
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.HouseholdId == householdId).ToListAsync(ct);
        return [.. Assessment.NewestFirst(assessments).Select(a => AssessmentView.From(a, policy))];
    }

    public async Task<AssessmentView?> FindAsync(Guid householdId, Guid assessmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        var households = db.Households.Within(security.JurisdictionOf(user));
        var assessment = await db.Assessments.AsNoTracking()
            .Where(a => a.Id == assessmentId && a.HouseholdId == householdId && households.Any(h => h.Id == a.HouseholdId))
            .FirstOrDefaultAsync(ct);
        return assessment is null ? null : AssessmentView.From(assessment, policy);
    }

    /// <summary>The finding as the register shows it: grade, date and assessor (and the note, where there is one).</summary>
    public static string Describe(AssessmentFacts facts) =>
        $"住房安全性鉴定为{HouseGrades.Describe(facts.Grade)}，鉴定日期{HousingValidation.Format(facts.AssessedOn)}，鉴定人{facts.Assessor}"
        + (facts.Note is { } note ? $"：{note}" : "");

    /// <summary>The kit's survey note: the grade, the day and the assessor.</summary>
    public static string SurveyNote(AssessmentFacts facts) =>
        $"住房鉴定{HouseGrades.Describe(facts.Grade)}（{HousingValidation.Format(facts.AssessedOn)}，鉴定人{facts.Assessor}）";
}
