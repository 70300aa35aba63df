using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Findings;
using Xichou.DepartmentKit.Referrals;
using Xichou.Housing.Infrastructure;
using Xichou.Housing.Model;
using Xichou.Housing.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Housing.Application;

/// <summary>status open|completed, householdId, page, pageSize.</summary>
public sealed record RemediationListQuery(string? Status, Guid? HouseholdId, int? Page, int? PageSize)
{
    public const int MaxPageSize = 200;

    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? 50;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Status is not null && WireName.Parse<RemediationStatus>(Status) is null)
        {
            errors.Add("status", "状态应为 open（改造中）或 completed（已完成）", "The status is open or completed.");
        }
        if (Page is < 1)
        {
            errors.Add("page", "页码从1开始", "Pages start at 1.");
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"每页1至{MaxPageSize}条", $"A page holds 1 to {MaxPageSize} cases.");
        }
        return errors;
    }
}

/// <summary>
/// Remediation cases (措施三: 逐户分析研究，明确帮扶单位帮建、自建或其他住房政策解决路径，明确专人负责，跟踪到住房安全为止):
/// list and read them, set the plan, record progress, complete on a safe re-assessment. Completing delivers every open
/// referral to housing for the household (the kit's <see cref="ReferralDesk.StageDeliveriesAsync"/>) in the same
/// SaveChanges as the case, the re-assessment and the survey, so the sender and the register see it done exactly when the
/// house is. Each write checks the caller's role and jurisdiction and is audited. The API and the pages both call these.
/// </summary>
public sealed class RemediationDesk(
    HousingDbContext db, ReferralDesk referrals, ServiceSecurity security, HousingPolicy policy, Department department, TimeProvider time)
{
    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public async Task<RemediationPage> ListAsync(RemediationListQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var cases = Within(security.JurisdictionOf(user));
        if (WireName.Parse<RemediationStatus>(query.Status) is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }
        if (query.HouseholdId is { } householdId)
        {
            cases = cases.Where(c => c.HouseholdId == householdId);
        }
        var total = await cases.CountAsync(ct);
        // The longest-waiting house first: by the day it was found unsafe, then by opening (ids are version 7).
        var page = await cases.OrderBy(c => c.FoundOn).ThenBy(c => c.Id)
            .Skip((query.PageOrDefault - 1) * query.PageSizeOrDefault).Take(query.PageSizeOrDefault)
            .Include(c => c.Progress).AsNoTracking().ToListAsync(ct);
        return new RemediationPage(total, query.PageOrDefault, query.PageSizeOrDefault, await ViewsAsync(page, user, ct));
    }

    public async Task<RemediationCaseView?> FindAsync(Guid caseId, ClaimsPrincipal user, CancellationToken ct)
    {
        var remediation = await Within(security.JurisdictionOf(user)).Include(c => c.Progress).AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == caseId, ct);
        return remediation is null ? null : (await ViewsAsync([remediation], user, ct))[0];
    }

    /// <summary>The household's cases, the open one first, then completed ones newest first.</summary>
    public async Task<IReadOnlyList<RemediationCaseView>> OfHouseholdAsync(Guid householdId, ClaimsPrincipal user, CancellationToken ct)
    {
        var cases = await Within(security.JurisdictionOf(user)).Where(c => c.HouseholdId == householdId)
            .Include(c => c.Progress).AsNoTracking().ToListAsync(ct);
        var open = WireName.Of(RemediationStatus.Open);
        return [.. (await ViewsAsync(cases, user, ct)).OrderBy(c => c.Status == open ? 0 : 1).ThenByDescending(c => c.FoundOn)];
    }

    public Task<HousingOutcome<RemediationCaseView>> SetPlanAsync(Guid caseId, PlanRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(caseId, user, requirePlan: false, (remediation, household, errors) =>
        {
            var facts = HousingValidation.Plan(request, errors);
            return facts is null ? null : (actor, now) =>
            {
                var before = new { route = remediation.Route is { } r ? RemediationRoutes.WireOf(r) : null, remediation.ResponsiblePerson, remediation.Plan };
                remediation.SetPlan(facts.Route, facts.ResponsiblePerson, facts.Plan, actor.UserName, now);
                return new
                {
                    remediationCase = remediation.Id,
                    plan = new { before, after = new { route = RemediationRoutes.WireOf(facts.Route), facts.ResponsiblePerson, facts.Plan } },
                };
            };
        }, stage: null, ct);

    public Task<HousingOutcome<RemediationCaseView>> AddProgressAsync(Guid caseId, ProgressRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(caseId, user, requirePlan: false, (remediation, household, errors) =>
        {
            var facts = HousingValidation.Progress(request, Beijing.Today(time), Floors(remediation, household), errors);
            return facts is null ? null : (actor, now) =>
            {
                db.RemediationProgress.Add(remediation.AddProgress(facts.On, facts.Text, actor.UserName, now));
                return new { remediationCase = remediation.Id, progress = new { on = facts.On, text = facts.Text } };
            };
        }, stage: null, ct);

    /// <summary>
    /// 闭环: what was referred to housing for this household is done once its house is safe. The case, its re-assessment,
    /// the survey, the audit lines and the delivery of every open referral to housing about the household (accepted first
    /// where still requested, each with its event) are one SaveChanges: when the case or a referral changed meanwhile,
    /// nothing is stored and the caller gets a 409 to reload.
    /// </summary>
    public async Task<HousingOutcome<RemediationCompletionView>> CompleteAsync(Guid caseId, AssessmentRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        Assessment? reAssessment = null;
        IReadOnlyList<Referral> delivered = [];
        var changed = await ChangeAsync(caseId, user, requirePlan: true, (remediation, household, errors) =>
        {
            var facts = HousingValidation.Completion(request, Beijing.Today(time), Floors(remediation, household), policy, errors);
            return facts is null ? null : (actor, now) =>
            {
                reAssessment = Assessment.Record(household.Id, facts.Grade, facts.AssessedOn, facts.Assessor, facts.Note, actor.UserName, now);
                db.Assessments.Add(reAssessment);
                remediation.Complete(reAssessment, policy, actor.UserName, now);
                household.RecordSurvey(HousingRules.SurveyOf(facts.Grade, policy), AssessmentDesk.SurveyNote(facts), actor.UserName, now);
                // The unsafe episode's finding (published under the case's id) no longer holds: the register closes its risk.
                Findings.Clear(db, department, household, remediation.Id, HousingRules.CategoryOf(remediation.OpeningGrade),
                    DeliveryOutcome(reAssessment), actor.UserName, now);
                return new
                {
                    remediationCase = remediation.Id,
                    completed = new { reAssessment = reAssessment.Id, grade = facts.Grade.ToString(), assessedOn = facts.AssessedOn, assessor = facts.Assessor },
                };
            };
        }, async household => delivered = await referrals.StageDeliveriesAsync(household.Id, DeliveryOutcome(reAssessment!), null, user, ct), ct);
        return changed switch
        {
            HousingOutcome<RemediationCaseView>.Done done => new HousingOutcome<RemediationCompletionView>.Done(new RemediationCompletionView(
                done.Value, AssessmentView.From(reAssessment!, policy),
                [.. delivered.OrderBy(r => r.DueOn).Select(r => new DeliveredReferralView(r.Id, r.FromService, r.Request, r.Outcome!))])),
            HousingOutcome<RemediationCaseView>.Invalid invalid => new HousingOutcome<RemediationCompletionView>.Invalid(invalid.Errors),
            HousingOutcome<RemediationCaseView>.Conflict conflict => new HousingOutcome<RemediationCompletionView>.Conflict(conflict.Title, conflict.Detail),
            HousingOutcome<RemediationCaseView>.Forbidden => new HousingOutcome<RemediationCompletionView>.Forbidden(),
            _ => new HousingOutcome<RemediationCompletionView>.NotFound(),
        };
    }

    /// <summary>What the referral's sender reads: the grade the house was re-assessed at, when and by whom.</summary>
    public static string DeliveryOutcome(Assessment reAssessment) =>
        $"住房改造完成，复核为{reAssessment.Grade}级（{HousingValidation.Format(reAssessment.AssessedOn)}，鉴定人{reAssessment.Assessor}）";

    /// <summary>
    /// One change of an open case: the caller may write, the case is inside their jurisdiction, the request is valid (400
    /// before 409), the household has not exited, the case is open (and planned, to complete it); then the change, its
    /// audit line and whatever <paramref name="stage"/> adds are one SaveChanges, refused with nothing stored when another
    /// user changed the case (or a staged referral) meanwhile.
    /// </summary>
    private async Task<HousingOutcome<RemediationCaseView>> ChangeAsync(
        Guid caseId, ClaimsPrincipal user, bool requirePlan,
        Func<RemediationCase, KnownHousehold, ValidationErrors, Func<Actor, DateTimeOffset, object>?> prepare,
        Func<KnownHousehold, Task>? stage, CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new HousingOutcome<RemediationCaseView>.Forbidden();
        }
        var remediation = await Within(security.JurisdictionOf(user)).Include(c => c.Progress).FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (remediation is null)
        {
            return new HousingOutcome<RemediationCaseView>.NotFound();
        }
        var household = await db.Households.FirstAsync(h => h.Id == remediation.HouseholdId, ct);
        var errors = new ValidationErrors();
        var apply = prepare(remediation, household, errors);
        if (apply is null)
        {
            return new HousingOutcome<RemediationCaseView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return new HousingOutcome<RemediationCaseView>.Conflict(HousingConflicts.Exited.Title, HousingConflicts.Exited.Detail);
        }
        if (!remediation.IsOpen)
        {
            return new HousingOutcome<RemediationCaseView>.Conflict(
                Bilingual.Message("改造已完成", "The remediation case is completed."),
                Bilingual.Message($"该户住房已于{HousingValidation.Format(Beijing.DateOf(remediation.CompletedAt!.Value))}复核为{remediation.FinalGrade}级，改造案已结束",
                    $"The house was re-assessed at grade {remediation.FinalGrade}; the case is closed."));
        }
        if (requirePlan && !remediation.HasPlan)
        {
            return new HousingOutcome<RemediationCaseView>.Conflict(
                Bilingual.Message("尚未制定改造方案", "The case has no plan yet."),
                Bilingual.Message("请先确定改造路径、责任人和改造方案，再录入复核完成改造",
                    "Set the route, the responsible person and the plan before completing the case."));
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var details = apply(actor, now);
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id, details: details));
        if (stage is not null)
        {
            await stage(household);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new HousingOutcome<RemediationCaseView>.Conflict(
                Bilingual.Message("改造案刚刚有变化", "The remediation case has just changed."),
                Bilingual.Message("请刷新后重试", "Reload it and try again."));
        }
        return new HousingOutcome<RemediationCaseView>.Done(
            RemediationCaseView.From(remediation, household, security.NameFor(user, household.HeadName), Beijing.Today(time)));
    }

    private static IEnumerable<DateFloor> Floors(RemediationCase remediation, KnownHousehold household) =>
        [HousingValidation.RegisteredOn(Beijing.DateOf(household.RegisteredAt)), HousingValidation.FoundOn(remediation.FoundOn)];

    /// <summary>The cases of households inside <paramref name="scope"/>, as a WHERE clause on the department's copy of the register.</summary>
    private IQueryable<RemediationCase> Within(Jurisdiction scope)
    {
        var households = db.Households.Within(scope);
        return db.RemediationCases.Where(c => households.Any(h => h.Id == c.HouseholdId));
    }

    private async Task<IReadOnlyList<RemediationCaseView>> ViewsAsync(IReadOnlyList<RemediationCase> cases, ClaimsPrincipal user, CancellationToken ct)
    {
        var ids = cases.Select(c => c.HouseholdId).Distinct().ToList();
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        var today = Beijing.Today(time);
        return [.. cases.Select(c => RemediationCaseView.From(c, households[c.HouseholdId], security.NameFor(user, households[c.HouseholdId].HeadName), today))];
    }
}
