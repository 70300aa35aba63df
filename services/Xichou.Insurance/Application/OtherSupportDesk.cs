using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Payments;
using Xichou.Insurance.Infrastructure;
using Xichou.Insurance.Model;
using Xichou.Insurance.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Insurance.Application;

/// <summary>Other support paid to a household: <c>{ kind, amountYuan, paidOn, voucher }</c>; kind is one of the policy's six.</summary>
public sealed record OtherSupportRequest(string? Kind, decimal? AmountYuan, string? PaidOn, string? Voucher);

public sealed record OtherSupportView(
    Guid Id, Guid HouseholdId, string Kind, string KindName, decimal AmountYuan, DateOnly PaidOn, string? Voucher, string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>
/// 措施八 综合性保障政策: 耕地地力补贴, 公益林补助, 退耕还林补贴, 民政低保, 残疾人办证补贴, 社会临时救助 recorded per household; each
/// payment is on the household ledger (HouseholdPaid, other-support) in the same SaveChanges. The measures set no cap on these.
/// </summary>
public sealed class OtherSupportDesk(
    InsuranceDbContext db, ServiceSecurity security, InsurancePolicy policy, Department department, TimeProvider time)
{
    public async Task<InsuranceOutcome<OtherSupportView>> RecordAsync(Guid householdId, OtherSupportRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new InsuranceOutcome<OtherSupportView>.Forbidden();
        }
        var household = await db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new InsuranceOutcome<OtherSupportView>.NotFound();
        }
        var errors = new ValidationErrors();
        var kind = request.Kind?.Trim();
        if (kind is null || !policy.OtherSupportKinds.ContainsKey(kind))
        {
            errors.Add("kind", $"补助类别只能是{string.Join("、", policy.OtherSupportKinds.Select(k => $"{k.Key}（{k.Value}）"))}",
                $"The kind is one of {string.Join(", ", policy.OtherSupportKinds.Keys)}.");
        }
        var amount = InsuranceValidation.Yuan(errors, "amountYuan", request.AmountYuan, "补助金额", "The amount");
        var paidOn = InsuranceValidation.Day(errors, "paidOn", request.PaidOn, "发放日期", "The payment date", Beijing.Today(time), policy.EffectiveFrom);
        var voucherOk = InsuranceValidation.TryText(errors, "voucher", request.Voucher, OtherSupportPayment.MaxVoucherLength, "凭证号", "The voucher",
            required: false, out var voucher);
        if (!errors.IsEmpty || amount is not { } yuan || paidOn is not { } on || !voucherOk)
        {
            return new InsuranceOutcome<OtherSupportView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return InsuranceConflicts.Exited<OtherSupportView>();
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var payment = OtherSupportPayment.Record(householdId, kind!, yuan, on, voucher, actor.UserName, now);
        db.OtherSupportPayments.Add(payment);
        Payments.Publish(db, department, household,
            new Payment(payment.Id, policy.SocialSecurityMeasure, InsuranceRules.OtherSupportKind, policy.OtherSupportKinds[kind!], yuan, on, policy.Version)
            {
                Voucher = voucher,
            }, now);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, householdId, details: new { otherSupport = payment.Id, kind, amountYuan = yuan, paidOn = on, voucher }));
        await db.SaveChangesAsync(ct);
        return new InsuranceOutcome<OtherSupportView>.Done(View(payment));
    }

    public async Task<IReadOnlyList<OtherSupportView>?> OfHouseholdAsync(Guid householdId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Households.Within(security.JurisdictionOf(user)).AnyAsync(h => h.Id == householdId, ct))
        {
            return null;
        }
        return [.. (await db.OtherSupportPayments.AsNoTracking().Where(p => p.HouseholdId == householdId).ToListAsync(ct))
            .OrderByDescending(p => p.PaidOn).ThenByDescending(p => p.RecordedAt).Select(View)];
    }

    private OtherSupportView View(OtherSupportPayment p) => new(
        p.Id, p.HouseholdId, p.Kind, policy.OtherSupportKinds.GetValueOrDefault(p.Kind, p.Kind), p.AmountYuan, p.PaidOn, p.Voucher, p.RecordedBy, p.RecordedAt);
}
