using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Payments;
using Xichou.Education.Infrastructure;
using Xichou.Education.Infrastructure.EntityConfigurations;
using Xichou.Education.Model;
using Xichou.Education.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Education.Application;

/// <summary>
/// 措施六's subsidies (教育补助): a student in a non-compulsory stage gets the policy's amount for its stage (学前教育 500 元,
/// 高中及以上 2,000 元) once per period. The grant, the payment on the household ledger (<c>HouseholdPaid</c> through the
/// outbox, with the per-student cap and nothing left under it) and the audit line are one SaveChanges; a second grant for the
/// same student and period is refused naming the first, also when two arrive at once (a unique index).
/// </summary>
public sealed class SubsidyDesk(
    EducationDbContext db, StudentDirectory directory, ServiceSecurity security, EducationPolicy policy, Department department, TimeProvider time)
{
    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public async Task<EducationOutcome<SubsidyView>> GrantAsync(Guid studentId, SubsidyRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new EducationOutcome<SubsidyView>.Forbidden();
        }
        var today = Beijing.Today(time);
        var scope = security.JurisdictionOf(user);
        var facts = (await directory.LoadAsync(scope, EducationRules.CurrentPeriod(today, policy).Name, null, studentId, tracking: true, ct))
            .FirstOrDefault();
        if (facts is null)
        {
            return new EducationOutcome<SubsidyView>.NotFound();
        }
        var errors = new ValidationErrors();
        var period = EducationValidation.Period(request, today, policy, errors);
        SubsidyDecision.Eligible? eligible = null;
        if (facts.Stage is not { } stage)
        {
            errors.Add("stage", "该生学段不明，请先录入在读情况排查", "The student's stage is unknown; record a survey of their schooling first.");
        }
        else
        {
            switch (EducationRules.SubsidyFor(stage, policy))
            {
                case SubsidyDecision.Eligible yes:
                    eligible = yes;
                    break;
                case SubsidyDecision.Refused no:
                    errors.Add("stage", no.Chinese, no.English);
                    break;
            }
        }
        if (period is null || eligible is null)
        {
            return new EducationOutcome<SubsidyView>.Invalid(errors.ToDictionary());
        }
        var household = facts.Household;
        if (household.HasExited)
        {
            return new EducationOutcome<SubsidyView>.Conflict(EducationConflicts.Exited.Title, EducationConflicts.Exited.Detail);
        }
        if (await FirstGrantAsync(studentId, period.Name, ct) is { } first)
        {
            return AlreadyGranted(first);
        }

        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var subsidy = EducationSubsidy.Grant(studentId, household.Id, period.Name, facts.Stage!.Value, eligible.Kind, eligible.AmountYuan, today,
            policy.Version, actor.UserName, now);
        db.Subsidies.Add(subsidy);
        Payments.Publish(db, department, household,
            new Payment(subsidy.Id, EducationRules.PaymentMeasure, EducationRules.PaymentKind, eligible.KindName, subsidy.AmountYuan, today, policy.Version)
            {
                MemberId = studentId,
                Voucher = $"{period.Name} {eligible.KindName}",
                // One grant per student and period: the cap is the grant's own amount, and nothing is left under it afterwards.
                Cap = new PaymentCap(EducationRules.CapName(eligible, policy), subsidy.AmountYuan, 0m),
            }, now);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
        {
            subsidy = subsidy.Id,
            student = studentId,
            period = period.Name,
            stage = SchoolStages.WireOf(subsidy.Stage),
            kind = eligible.Kind,
            amountYuan = subsidy.AmountYuan,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DuplicateKeyException exception) when (exception.IndexName == EducationSubsidyConfiguration.OnePerStudentAndPeriod)
        {
            // Another grant for this student and period was saved a moment ago: name it, store nothing.
            db.ChangeTracker.Clear();
            if (await FirstGrantAsync(studentId, period.Name, ct) is { } raced)
            {
                return AlreadyGranted(raced);
            }
            throw;
        }
        return new EducationOutcome<SubsidyView>.Done(SubsidyView.From(subsidy, policy));
    }

    /// <summary>The student's grants, newest period first; null when the student is not inside the caller's jurisdiction.</summary>
    public async Task<IReadOnlyList<SubsidyView>?> ListAsync(Guid studentId, ClaimsPrincipal user, CancellationToken ct)
    {
        var households = db.Households.Within(security.JurisdictionOf(user));
        if (!await db.Members.AnyAsync(m => m.Id == studentId && households.Any(h => h.Id == m.HouseholdId), ct)
            && !await db.Students.AnyAsync(s => s.Id == studentId && households.Any(h => h.Id == s.HouseholdId), ct))
        {
            return null;
        }
        var grants = await db.Subsidies.AsNoTracking().Where(s => s.StudentId == studentId).ToListAsync(ct);
        return [.. grants.OrderByDescending(g => g.Period, StringComparer.Ordinal).Select(g => SubsidyView.From(g, policy))];
    }

    private Task<EducationSubsidy?> FirstGrantAsync(Guid studentId, string period, CancellationToken ct) =>
        db.Subsidies.AsNoTracking().FirstOrDefaultAsync(s => s.StudentId == studentId && s.Period == period, ct);

    private EducationOutcome<SubsidyView> AlreadyGranted(EducationSubsidy first)
    {
        var word = EducationRules.PeriodWord(policy);
        var on = EducationValidation.Format(first.GrantedOn);
        var amount = SubsidyView.Yuan(first.AmountYuan);
        return new EducationOutcome<SubsidyView>.Conflict(
            Bilingual.Message($"该生{first.Period}{word}已发放补助", $"The student was already granted a subsidy for {first.Period}."),
            Bilingual.Message($"已于{on}发放{SubsidyView.KindNameOf(first.Kind)}{amount}元（经办 {first.GrantedBy}，记录 {first.Id}），每生每{word}一次",
                $"{amount} yuan was granted on {on} (by {first.GrantedBy}, record {first.Id}); one grant per student and period."));
    }
}
