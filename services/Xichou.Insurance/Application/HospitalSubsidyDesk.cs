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

/// <summary>A granted hospital subsidy: what the bill got and what is left of the person's cap for the bill's year.</summary>
public sealed record HospitalSubsidyView(
    Guid Id, Guid MemberId, Guid HouseholdId, int Year, DateOnly BillDate, string Hospital, decimal TotalYuan, decimal SelfPaidYuan,
    decimal SubsidyYuan, decimal GrantedBeforeYuan, decimal RemainingThisYearYuan, decimal CapYuan, string PolicyVersion, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static HospitalSubsidyView From(HospitalSubsidy s, InsurancePolicy policy) => new(
        s.Id, s.MemberId, s.HouseholdId, s.Year, s.BillDate, s.Hospital, s.TotalYuan, s.SelfPaidYuan, s.SubsidyYuan, s.GrantedBeforeYuan,
        s.RemainingAfterYuan, policy.HospitalSubsidyCapPerPersonYearYuan, s.PolicyVersion, s.RecordedBy, s.RecordedAt);
}

/// <summary>
/// 住院自付费用补助 (措施八): a bill's subsidy is min(80 % of the self-paid part, what is left of the person's 50,000 yuan for the
/// bill's year). The bill, the person's running total for the year, the payment on the household ledger (HouseholdPaid,
/// through the outbox) and the audit line are one SaveChanges; the running total's revision makes two bills of one person
/// saved at once take turns, so together they never pass the cap.
/// </summary>
public sealed class HospitalSubsidyDesk(
    InsuranceDbContext db, MembersDesk members, ServiceSecurity security, InsurancePolicy policy, Department department, TimeProvider time)
{
    // Each lost race means another bill of the person was saved: a dozen at once need at most a dozen turns.
    private const int Attempts = 32;

    public async Task<InsuranceOutcome<HospitalSubsidyView>> GrantAsync(Guid memberId, HospitalSubsidyRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new InsuranceOutcome<HospitalSubsidyView>.Forbidden();
        }
        if (await members.FindAsync(memberId, user, ct) is not var (member, household))
        {
            return new InsuranceOutcome<HospitalSubsidyView>.NotFound();
        }
        var errors = new ValidationErrors();
        var bill = InsuranceValidation.HospitalBill(request, Beijing.Today(time), policy.EffectiveFrom, errors);
        if (bill is null)
        {
            return new InsuranceOutcome<HospitalSubsidyView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return InsuranceConflicts.Exited<HospitalSubsidyView>();
        }
        var actor = Actor.Of(user);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow();
            var year = await db.HospitalSubsidyYears.FirstOrDefaultAsync(y => y.MemberId == member.Id && y.Year == bill.BillDate.Year, ct);
            var first = year is null;
            if (year is null)
            {
                year = HospitalSubsidyYear.Start(member.Id, household.Id, bill.BillDate.Year);
                db.HospitalSubsidyYears.Add(year);
            }
            var award = InsuranceRules.HospitalSubsidy(bill.SelfPaidYuan, year.GrantedYuan, policy);
            if (award.Refused)
            {
                db.ChangeTracker.Clear();
                return CapReached(bill.BillDate.Year, year.GrantedYuan);
            }
            year.Add(award.SubsidyYuan);
            var subsidy = HospitalSubsidy.Grant(household.Id, member.Id, bill.BillDate, bill.Hospital, bill.TotalYuan, bill.SelfPaidYuan,
                award.SubsidyYuan, award.GrantedBeforeYuan, award.RemainingAfterYuan, policy.Version, actor.UserName, now);
            db.HospitalSubsidies.Add(subsidy);
            Payments.Publish(db, department, household,
                new Payment(subsidy.Id, policy.SocialSecurityMeasure, InsuranceRules.HospitalSubsidyKind, InsuranceRules.HospitalSubsidyKindName,
                    award.SubsidyYuan, Beijing.DateOf(now), policy.Version)
                {
                    MemberId = member.Id,
                    Cap = new PaymentCap(InsuranceRules.HospitalSubsidyCapName(policy), policy.HospitalSubsidyCapPerPersonYearYuan,
                        award.RemainingAfterYuan),
                }, now);
            db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
            {
                hospitalSubsidy = subsidy.Id,
                member = member.Id,
                billDate = bill.BillDate,
                hospital = bill.Hospital,
                totalYuan = bill.TotalYuan,
                selfPaidYuan = bill.SelfPaidYuan,
                subsidyYuan = award.SubsidyYuan,
                grantedBeforeYuan = award.GrantedBeforeYuan,
                remainingThisYearYuan = award.RemainingAfterYuan,
            }));
            try
            {
                await db.SaveChangesAsync(ct);
                return new InsuranceOutcome<HospitalSubsidyView>.Done(HospitalSubsidyView.From(subsidy, policy));
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another bill of this person for the year was saved meanwhile: read its total again and recompute.
            }
            catch (DbUpdateException) when (first)
            {
                // Another first bill of this person for the year created the running total meanwhile.
            }
        }
        db.ChangeTracker.Clear();
        return InsuranceConflicts.Busy<HospitalSubsidyView>();
    }

    public async Task<IReadOnlyList<HospitalSubsidyView>> OfHouseholdAsync(Guid householdId, CancellationToken ct) =>
        [.. (await db.HospitalSubsidies.AsNoTracking().Where(s => s.HouseholdId == householdId).ToListAsync(ct))
            .OrderByDescending(s => s.BillDate).ThenByDescending(s => s.RecordedAt).Select(s => HospitalSubsidyView.From(s, policy))];

    /// <summary>What each member of the household was granted in <paramref name="year"/>, by member id.</summary>
    public async Task<IReadOnlyDictionary<Guid, decimal>> GrantedInAsync(Guid householdId, int year, CancellationToken ct) =>
        (await db.HospitalSubsidyYears.AsNoTracking().Where(y => y.HouseholdId == householdId && y.Year == year).ToListAsync(ct))
            .ToDictionary(y => y.MemberId, y => y.GrantedYuan);

    private InsuranceOutcome<HospitalSubsidyView>.Conflict CapReached(int year, decimal granted)
    {
        var cap = policy.HospitalSubsidyCapPerPersonYearYuan;
        return new(
            Bilingual.Message($"该成员{year}年住院补助已达上限", $"The member has reached the {year} hospital subsidy cap."),
            Bilingual.Message(
                $"{year}年已补助{InsuranceValidation.Money(granted)}元，每人每年最高{InsuranceValidation.Money(cap)}元（{policy.Version} 措施八），本次不能再补助",
                $"{InsuranceValidation.Money(granted)} yuan was already granted in {year}; the cap is {InsuranceValidation.Money(cap)} yuan per person per year."),
            new Dictionary<string, object?> { ["year"] = year, ["grantedThisYearYuan"] = granted, ["capYuan"] = cap, ["remainingThisYearYuan"] = 0m });
    }
}
