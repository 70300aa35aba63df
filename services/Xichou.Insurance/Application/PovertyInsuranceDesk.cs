using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Payments;
using Xichou.Insurance.Infrastructure;
using Xichou.Insurance.Model;
using Xichou.Insurance.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Insurance.Application;

/// <summary>A household's 防贫保险 for a year: <c>{ year, enrolledOn, pairingUnit, pairingUnitShareYuan, countyShareYuan }</c>.</summary>
public sealed record PovertyInsuranceRequest(int? Year, string? EnrolledOn, string? PairingUnit, decimal? PairingUnitShareYuan, decimal? CountyShareYuan);

public sealed record PovertyInsuranceView(
    Guid HouseholdId, int Year, DateOnly EnrolledOn, string PairingUnit, decimal PairingUnitShareYuan, decimal CountyShareYuan, decimal PremiumYuan,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static PovertyInsuranceView From(PovertyInsuranceEnrolment e) => new(
        e.HouseholdId, e.Year, e.EnrolledOn, e.PairingUnit, e.PairingUnitShareYuan, e.CountyShareYuan, e.PremiumYuan, e.RecordedBy, e.RecordedAt);
}

/// <summary>A household not (yet) in the year's poverty-prevention insurance.</summary>
public sealed record PovertyInsuranceGapView(
    Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipCode, string TownshipName, string? VillageCode, string Village);

public sealed record PovertyInsuranceReport(int Year, int Households, int Enrolled, decimal CoverageShare, string Source, int GapTotal,
    IReadOnlyList<PovertyInsuranceGapView> Gaps);

/// <summary>A claim: <c>{ kind, description }</c>; kind is one of the policy's seven covered kinds.</summary>
public sealed record ClaimRequest(string? Kind, string? Description);

public sealed record AssessClaimRequest(decimal? AmountYuan, string? Note);

public sealed record PayClaimRequest(string? PaidOn, string? Voucher);

public sealed record RefuseClaimRequest(string? Reason);

/// <summary>status reported|assessed|paid|refused; kind a wire name of the policy's covered kinds.</summary>
public sealed record ClaimView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipName, string Village, string Kind, string KindName,
    string Status, string StatusName, string Description, Guid? SourceFindingId, string? SourceDepartment, string ReportedBy,
    DateTimeOffset ReportedAt, decimal? AssessedYuan, string? AssessmentNote, DateOnly? PaidOn, string? Voucher, string? RefusalReason);

public sealed record ClaimPage(int Total, int Page, int PageSize, IReadOnlyList<ClaimView> Items);

/// <summary>
/// 防贫保险 (措施九（一）): every household enrolled each year with the premium split between its pairing unit and county pooling;
/// claims in the seven covered kinds, reported → assessed → paid (HouseholdPaid, insurance-claim) or refused. A department's
/// finding in a covered kind opens a claim in reported state for review (<see cref="Consumers.FindingClaimConsumer"/>).
/// </summary>
public sealed class PovertyInsuranceDesk(
    InsuranceDbContext db, ServiceSecurity security, InsurancePolicy policy, Department department, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public async Task<InsuranceOutcome<PovertyInsuranceView>> EnrolAsync(Guid householdId, PovertyInsuranceRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new InsuranceOutcome<PovertyInsuranceView>.Forbidden();
        }
        var household = await db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new InsuranceOutcome<PovertyInsuranceView>.NotFound();
        }
        var today = Beijing.Today(time);
        var errors = new ValidationErrors();
        int? year = request.Year switch
        {
            null => Error(errors, "year", "参保年度必填", "The year is required."),
            var y when y < policy.EffectiveFrom.Year || y > today.Year + 1 =>
                Error(errors, "year", $"参保年度应在{policy.EffectiveFrom.Year}至{today.Year + 1}年之间", $"The year is between {policy.EffectiveFrom.Year} and {today.Year + 1}."),
            var y => y,
        };
        var enrolledOn = InsuranceValidation.Day(errors, "enrolledOn", request.EnrolledOn, "参保日期", "The enrolment date", today, policy.EffectiveFrom);
        var unitOk = InsuranceValidation.TryText(errors, "pairingUnit", request.PairingUnit, PovertyInsuranceEnrolment.MaxPairingUnitLength,
            "挂包帮单位", "The pairing unit", required: true, out var unit);
        var pairingShare = InsuranceValidation.Yuan(errors, "pairingUnitShareYuan", request.PairingUnitShareYuan, "挂包帮单位承担保费", "The pairing unit's share", allowZero: true);
        var countyShare = InsuranceValidation.Yuan(errors, "countyShareYuan", request.CountyShareYuan, "县级统筹承担保费", "The county's share", allowZero: true);
        if (pairingShare == 0m && countyShare == 0m)
        {
            errors.Add("countyShareYuan", "保费合计须大于0元", "The premium must be more than 0 yuan.");
        }
        if (!errors.IsEmpty || year is not { } y2 || enrolledOn is not { } on || !unitOk || pairingShare is not { } ps || countyShare is not { } cs)
        {
            return new InsuranceOutcome<PovertyInsuranceView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return InsuranceConflicts.Exited<PovertyInsuranceView>();
        }
        if (await db.PovertyInsuranceEnrolments.AsNoTracking().FirstOrDefaultAsync(e => e.HouseholdId == householdId && e.Year == y2, ct) is { } existing)
        {
            return AlreadyEnrolled(existing);
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var enrolment = PovertyInsuranceEnrolment.Record(householdId, y2, on, unit!, ps, cs, actor.UserName, now);
        db.PovertyInsuranceEnrolments.Add(enrolment);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, householdId, details: new
        {
            povertyInsurance = new { year = y2, enrolledOn = on, pairingUnit = unit, pairingUnitShareYuan = ps, countyShareYuan = cs },
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.PovertyInsuranceEnrolments.AsNoTracking().FirstOrDefaultAsync(e => e.HouseholdId == householdId && e.Year == y2, ct) is { } raced)
            {
                return AlreadyEnrolled(raced);
            }
            throw;
        }
        return new InsuranceOutcome<PovertyInsuranceView>.Done(PovertyInsuranceView.From(enrolment));
    }

    public async Task<IReadOnlyList<PovertyInsuranceView>> EnrolmentsOfAsync(Guid householdId, CancellationToken ct) =>
        [.. (await db.PovertyInsuranceEnrolments.AsNoTracking().Where(e => e.HouseholdId == householdId).ToListAsync(ct))
            .OrderByDescending(e => e.Year).Select(PovertyInsuranceView.From)];

    /// <summary>The year's households not in poverty-prevention insurance (措施九（一） “全部纳入”), by township, village and code.</summary>
    public async Task<PovertyInsuranceReport> ReportAsync(int year, HouseholdListQuery places, ClaimsPrincipal user, CancellationToken ct)
    {
        var households = places.Apply(db.Households.AsNoTracking().Within(security.JurisdictionOf(user))).Where(h => h.Status != RegisterStatus.Exited);
        var enrolled = db.PovertyInsuranceEnrolments.Where(e => e.Year == year).Select(e => e.HouseholdId);
        var total = await households.CountAsync(ct);
        var gaps = households.Where(h => !enrolled.Contains(h.Id));
        var gapTotal = await gaps.CountAsync(ct);
        var page = await gaps.OrderBy(h => h.TownshipCode).ThenBy(h => h.VillageCode).ThenBy(h => h.HouseholdCode)
            .Skip((places.PageOrDefault - 1) * places.PageSizeOrDefault).Take(places.PageSizeOrDefault).ToListAsync(ct);
        return new PovertyInsuranceReport(year, total, total - gapTotal, EnrolmentDesk.Share(total - gapTotal, total),
            policy.Sources[nameof(InsurancePolicy.PovertyPreventionCoverage)], gapTotal,
            [.. page.Select(h => new PovertyInsuranceGapView(h.Id, h.HouseholdCode, security.NameFor(user, h.HeadName), h.TownshipCode,
                Townships.NameOf(h.TownshipCode), h.VillageCode, h.Village))]);
    }

    public async Task<InsuranceOutcome<ClaimView>> ReportClaimAsync(Guid householdId, ClaimRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new InsuranceOutcome<ClaimView>.Forbidden();
        }
        var household = await db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new InsuranceOutcome<ClaimView>.NotFound();
        }
        var errors = new ValidationErrors();
        var kind = request.Kind?.Trim();
        if (kind is null || !policy.ClaimKinds.ContainsKey(kind))
        {
            errors.Add("kind", $"理赔类别只能是{string.Join("、", policy.ClaimKinds.Select(k => $"{k.Key}（{k.Value}）"))}",
                $"The kind is one of {string.Join(", ", policy.ClaimKinds.Keys)}.");
        }
        var descriptionOk = InsuranceValidation.TryText(errors, "description", request.Description, PreventionClaim.MaxTextLength, "出险情况",
            "The description", required: true, out var description);
        if (!errors.IsEmpty || !descriptionOk)
        {
            return new InsuranceOutcome<ClaimView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return InsuranceConflicts.Exited<ClaimView>();
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var claim = PreventionClaim.Report(householdId, kind!, description!, actor.UserName, now);
        db.PreventionClaims.Add(claim);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, householdId, details: new { claim = claim.Id, kind, description }));
        await db.SaveChangesAsync(ct);
        return new InsuranceOutcome<ClaimView>.Done(View(claim, household, user));
    }

    public Task<InsuranceOutcome<ClaimView>> AssessAsync(Guid claimId, AssessClaimRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        TransitionAsync(claimId, user, (claim, household, errors, now, actor) =>
        {
            var amount = InsuranceValidation.Yuan(errors, "amountYuan", request.AmountYuan, "核定理赔金额", "The assessed amount");
            var noteOk = InsuranceValidation.TryText(errors, "note", request.Note, PreventionClaim.MaxTextLength, "核定说明", "The note", required: false, out var note);
            if (amount is not { } yuan || !noteOk)
            {
                return null;
            }
            return claim.Assess(yuan, note, actor.UserName, now) ? new { assessedYuan = yuan, note } : false;
        }, ct);

    public Task<InsuranceOutcome<ClaimView>> PayAsync(Guid claimId, PayClaimRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        TransitionAsync(claimId, user, (claim, household, errors, now, actor) =>
        {
            var paidOn = InsuranceValidation.Day(errors, "paidOn", request.PaidOn, "赔付日期", "The payment date", Beijing.DateOf(now),
                Beijing.DateOf(claim.ReportedAt));
            var voucherOk = InsuranceValidation.TryText(errors, "voucher", request.Voucher, OtherSupportPayment.MaxVoucherLength, "凭证号",
                "The voucher", required: false, out var voucher);
            if (paidOn is not { } on || !voucherOk)
            {
                return null;
            }
            if (!claim.Pay(on, voucher, actor.UserName, now))
            {
                return false;
            }
            Payments.Publish(db, department, household,
                new Payment(claim.Id, policy.PovertyInsuranceMeasure, InsuranceRules.ClaimPaymentKind, $"防贫保险理赔（{policy.ClaimKinds[claim.Kind]}）",
                    claim.AssessedYuan!.Value, on, policy.Version) { Voucher = voucher }, now);
            return new { paidOn = on, voucher, amountYuan = claim.AssessedYuan };
        }, ct);

    public Task<InsuranceOutcome<ClaimView>> RefuseAsync(Guid claimId, RefuseClaimRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        TransitionAsync(claimId, user, (claim, household, errors, now, actor) =>
        {
            if (!InsuranceValidation.TryText(errors, "reason", request.Reason, PreventionClaim.MaxTextLength, "不予赔付理由", "The reason",
                required: true, out var reason))
            {
                return null;
            }
            return claim.Refuse(reason!, actor.UserName, now) ? new { refused = reason } : false;
        }, ct);

    public async Task<ClaimView?> FindClaimAsync(Guid claimId, ClaimsPrincipal user, CancellationToken ct) =>
        await ViewsAsync(await ClaimsWithin(user).Where(c => c.Id == claimId).ToListAsync(ct), user, ct) is [var claim] ? claim : null;

    /// <summary>Claims within the caller's jurisdiction, open ones (reported, then assessed) first, oldest first.</summary>
    public async Task<ClaimPage> ListClaimsAsync(string? status, Guid? householdId, int page, int pageSize, ClaimsPrincipal user, CancellationToken ct)
    {
        var claims = ClaimsWithin(user);
        if (status is "open")
        {
            claims = claims.Where(c => c.Status == ClaimStatus.Reported || c.Status == ClaimStatus.Assessed);
        }
        else if (status is not null && Enum.TryParse<ClaimStatus>(status, ignoreCase: true, out var parsed))
        {
            claims = claims.Where(c => c.Status == parsed);
        }
        if (householdId is { } only)
        {
            claims = claims.Where(c => c.HouseholdId == only);
        }
        var total = await claims.CountAsync(ct);
        var rows = await claims.OrderBy(c => c.Status == ClaimStatus.Reported ? 0 : c.Status == ClaimStatus.Assessed ? 1 : 2)
            .ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new ClaimPage(total, page, pageSize, await ViewsAsync(rows, user, ct));
    }

    public static readonly IReadOnlyList<string> Statuses = ["open", "reported", "assessed", "paid", "refused"];

    private IQueryable<PreventionClaim> ClaimsWithin(ClaimsPrincipal user)
    {
        var households = db.Households.AsNoTracking().Within(security.JurisdictionOf(user));
        return db.PreventionClaims.AsNoTracking().Where(c => households.Any(h => h.Id == c.HouseholdId));
    }

    private async Task<IReadOnlyList<ClaimView>> ViewsAsync(IReadOnlyList<PreventionClaim> claims, ClaimsPrincipal user, CancellationToken ct)
    {
        var ids = claims.Select(c => c.HouseholdId).Distinct().ToList();
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        return [.. claims.Select(c => View(c, households[c.HouseholdId], user))];
    }

    /// <summary>
    /// A claim's step: the step checks its fields (null: invalid), tries the transition (false: the claim's state does not
    /// allow it, 409) and returns the audit details; the claim, its payment event and the audit line are one SaveChanges.
    /// </summary>
    private async Task<InsuranceOutcome<ClaimView>> TransitionAsync(Guid claimId, ClaimsPrincipal user,
        Func<PreventionClaim, KnownHousehold, ValidationErrors, DateTimeOffset, Actor, object?> step, CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new InsuranceOutcome<ClaimView>.Forbidden();
        }
        var household = await (
            from c in db.PreventionClaims.AsNoTracking()
            join h in db.Households.AsNoTracking().Within(security.JurisdictionOf(user)) on c.HouseholdId equals h.Id
            where c.Id == claimId
            select h).FirstOrDefaultAsync(ct);
        var claim = household is null ? null : await db.PreventionClaims.FirstOrDefaultAsync(c => c.Id == claimId, ct);
        if (claim is null || household is null)
        {
            return new InsuranceOutcome<ClaimView>.NotFound();
        }
        var errors = new ValidationErrors();
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var before = WireName.Of(claim.Status);
        var details = step(claim, household, errors, now, actor);
        if (!errors.IsEmpty || details is null)
        {
            db.ChangeTracker.Clear();
            return new InsuranceOutcome<ClaimView>.Invalid(errors.ToDictionary());
        }
        if (details is false)
        {
            db.ChangeTracker.Clear();
            return new InsuranceOutcome<ClaimView>.Conflict(
                Bilingual.Message($"该理赔当前为“{StatusName(claim.Status)}”，不能办理此步骤", $"The claim is {before}; this step is not allowed."),
                Bilingual.Message("理赔流程为：报案 → 核定 → 赔付或不予赔付", "A claim goes reported → assessed → paid, or refused."));
        }
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id, details: new
        {
            claim = claim.Id, before, after = WireName.Of(claim.Status), step = details,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return InsuranceConflicts.Busy<ClaimView>();
        }
        return new InsuranceOutcome<ClaimView>.Done(View(claim, household, user));
    }

    private ClaimView View(PreventionClaim c, KnownHousehold h, ClaimsPrincipal user) => new(
        c.Id, h.Id, h.HouseholdCode, security.NameFor(user, h.HeadName), Townships.NameOf(h.TownshipCode), h.Village, c.Kind,
        policy.ClaimKinds.GetValueOrDefault(c.Kind, c.Kind), WireName.Of(c.Status), StatusName(c.Status), c.Description, c.SourceFindingId,
        c.SourceDepartment, c.ReportedBy, c.ReportedAt, c.AssessedYuan, c.AssessmentNote, c.PaidOn, c.Voucher, c.RefusalReason);

    public static string StatusName(ClaimStatus status) => status switch
    {
        ClaimStatus.Reported => "已报案",
        ClaimStatus.Assessed => "已核定",
        ClaimStatus.Paid => "已赔付",
        _ => "不予赔付",
    };

    private static InsuranceOutcome<PovertyInsuranceView>.Conflict AlreadyEnrolled(PovertyInsuranceEnrolment existing) => new(
        Bilingual.Message($"该户{existing.Year}年已参加防贫保险", $"The household is already in {existing.Year}'s poverty-prevention insurance."),
        Bilingual.Message($"{InsuranceValidation.Format(existing.EnrolledOn)}参保，挂包帮单位{existing.PairingUnit}", $"Enrolled on {InsuranceValidation.Format(existing.EnrolledOn)}."));

    private static int? Error(ValidationErrors errors, string field, string chinese, string english)
    {
        errors.Add(field, chinese, english);
        return null;
    }
}
