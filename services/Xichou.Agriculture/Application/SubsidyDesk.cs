using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Agriculture.Infrastructure;
using Xichou.Agriculture.Model;
using Xichou.Agriculture.Policy;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Payments;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Agriculture.Application;

/// <summary>
/// 产业发展奖补 (措施四): apply, approve, pay, refuse. The cap is per household across all its applications and is kept on
/// the household's <see cref="SubsidyAccount"/> row, which every one of these changes in the same SaveChanges as the
/// application, its audit line and (on payment) the <see cref="HouseholdPaid"/> event: two at once cannot both spend the
/// same headroom, the second gets a 409 and nothing is stored. The API and the pages both call these.
/// </summary>
public sealed class SubsidyDesk(
    AgricultureDbContext db, ServiceSecurity security, AgriculturePolicy policy, Department department, TimeProvider time)
{
    public const string Measure = "4";
    public const string Kind = "industry-subsidy";
    public const string KindName = "产业发展补助";

    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public async Task<AgricultureOutcome<ApplicationView>> ApplyAsync(Guid householdId, IndustryApplicationRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new AgricultureOutcome<ApplicationView>.Forbidden();
        }
        var household = await db.Households.Include(h => h.Members).Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new AgricultureOutcome<ApplicationView>.NotFound();
        }
        var errors = new ValidationErrors();
        var facts = AgricultureValidation.Application(request, policy, errors);
        if (facts is null)
        {
            return new AgricultureOutcome<ApplicationView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return new AgricultureOutcome<ApplicationView>.Conflict(AgricultureConflicts.Exited.Title, AgricultureConflicts.Exited.Detail);
        }
        var labourers = Labourers(household);
        if (labourers == 0)
        {
            return new AgricultureOutcome<ApplicationView>.Conflict(
                Bilingual.Message("该户没有有劳动能力的成员", "The household has no member with labour capacity."),
                Bilingual.Message("措施四只补助在家有劳动能力、有产业发展意愿的农户；劳动能力以县扶贫开发局登记的成员信息为准",
                    "措施四 subsidises households with labour capacity; members' labour capacity comes from the register."));
        }

        var account = await db.SubsidyAccounts.FirstOrDefaultAsync(a => a.HouseholdId == household.Id, ct);
        var quote = SubsidyRules.Quote(facts.CostYuan, account?.CommittedYuan ?? 0m, policy);
        if (quote.Refused)
        {
            return new AgricultureOutcome<ApplicationView>.Conflict(
                Bilingual.Message($"该户产业补助已达每户{SubsidyRules.Yuan(policy.SubsidyCapPerHouseholdYuan)}元上限",
                    $"The household has reached the cap of {SubsidyRules.Yuan(policy.SubsidyCapPerHouseholdYuan)} yuan."),
                Bilingual.Message($"该户已获补助{SubsidyRules.Yuan(account!.CommittedYuan)}元（其中已发放{SubsidyRules.Yuan(account.PaidYuan)}元），不予补助",
                    $"The household already holds {SubsidyRules.Yuan(account.CommittedYuan)} yuan ({SubsidyRules.Yuan(account.PaidYuan)} paid); refused."),
                new Dictionary<string, object?>
                {
                    ["grantedYuan"] = account.CommittedYuan,
                    ["paidYuan"] = account.PaidYuan,
                    ["capYuan"] = policy.SubsidyCapPerHouseholdYuan,
                    ["headroomYuan"] = 0m,
                });
        }
        if (account is null)
        {
            account = SubsidyAccount.Open(household.Id);
            db.SubsidyAccounts.Add(account);
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var application = IndustryApplication.Apply(household.Id, facts.Industry, facts.Plan, facts.CostYuan, atHome: true, wishesToDevelop: true,
            labourers, quote, Beijing.DateOf(now), actor.UserName, now);
        db.IndustryApplications.Add(application);
        account.Hold(application.SubsidyYuan);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
        {
            application = application.Id,
            facts.Industry,
            facts.CostYuan,
            subsidyYuan = application.SubsidyYuan,
            cut = application.Cut,
            headroomYuan = quote.HeadroomAfterYuan,
        }));
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }
        return new AgricultureOutcome<ApplicationView>.Done(View(application, household, account, user));
    }

    public Task<AgricultureOutcome<ApplicationView>> ApproveAsync(Guid applicationId, ApproveRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(applicationId, user, ApplicationStatus.Applied, (application, household, account, errors) =>
        {
            var note = AgricultureValidation.Note(request.Note, errors);
            return !errors.IsEmpty ? null : (actor, now) =>
            {
                application.Approve(note, actor.UserName, now);
                // The approval claims the household's row too: approvals of two of its applications never pass each other.
                account.Touch();
                return new { application = application.Id, approved = application.SubsidyYuan, note };
            };
        }, ct);

    public Task<AgricultureOutcome<ApplicationView>> PayAsync(Guid applicationId, PayRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(applicationId, user, ApplicationStatus.Approved, (application, household, account, errors) =>
        {
            var payment = AgricultureValidation.Payment(request, Beijing.Today(time), application.AppliedOn, errors);
            return payment is not { } paid ? null : (actor, now) =>
            {
                application.Pay(paid.On, paid.Voucher, actor.UserName, now);
                account.Paid(application.SubsidyYuan);
                Payments.Publish(db, department, household, new Payment(application.Id, Measure, Kind, KindName, application.SubsidyYuan, paid.On,
                    policy.Version)
                {
                    Voucher = paid.Voucher,
                    Cap = new PaymentCap(SubsidyRules.CapName(policy), policy.SubsidyCapPerHouseholdYuan,
                        SubsidyRules.HeadroomYuan(account.CommittedYuan, policy)),
                }, now);
                return new { application = application.Id, paidYuan = application.SubsidyYuan, paidOn = paid.On, voucher = paid.Voucher };
            };
        }, ct);

    public Task<AgricultureOutcome<ApplicationView>> RefuseAsync(Guid applicationId, RefuseRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(applicationId, user, null, (application, household, account, errors) =>
        {
            var reason = AgricultureValidation.Refusal(request, errors);
            return reason is null ? null : (actor, now) =>
            {
                application.Refuse(reason, actor.UserName, now);
                account.Release(application.SubsidyYuan);
                return new { application = application.Id, refused = reason, released = application.SubsidyYuan };
            };
        }, ct);

    public async Task<ApplicationView?> FindAsync(Guid applicationId, ClaimsPrincipal user, CancellationToken ct)
    {
        var application = await Within(security.JurisdictionOf(user)).AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        return application is null ? null : (await ViewsAsync([application], user, ct))[0];
    }

    /// <summary>The household's applications, newest first; null when it is not inside the caller's jurisdiction.</summary>
    public async Task<IReadOnlyList<ApplicationView>?> OfHouseholdAsync(Guid householdId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Households.Within(security.JurisdictionOf(user)).AnyAsync(h => h.Id == householdId, ct))
        {
            return null;
        }
        var applications = await db.IndustryApplications.AsNoTracking().Where(a => a.HouseholdId == householdId).ToListAsync(ct);
        return [.. (await ViewsAsync(applications, user, ct)).OrderByDescending(a => a.AppliedAt)];
    }

    /// <summary>Open applications (applied or approved, not yet paid) within the caller's jurisdiction, the oldest first.</summary>
    public async Task<(int Total, IReadOnlyList<ApplicationView> Items)> OpenAsync(ClaimsPrincipal user, int take, CancellationToken ct)
    {
        var open = Within(security.JurisdictionOf(user))
            .Where(a => a.Status == ApplicationStatus.Applied || a.Status == ApplicationStatus.Approved);
        var total = await open.CountAsync(ct);
        var page = await open.OrderBy(a => a.AppliedOn).ThenBy(a => a.Id).Take(take).AsNoTracking().ToListAsync(ct);
        return (total, await ViewsAsync(page, user, ct));
    }

    /// <summary>The household's standing under the cap: held (applied, approved, paid), paid, headroom.</summary>
    public async Task<CapView> CapOfAsync(Guid householdId, CancellationToken ct)
    {
        var account = await db.SubsidyAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.HouseholdId == householdId, ct);
        return CapView.Of(account, policy);
    }

    /// <summary>Labourers (有劳动能力) among the members the register told agriculture about.</summary>
    public static int Labourers(KnownHousehold household) => household.Members.Count(m => m.LabourCapacity is "able" or "weak");

    private async Task<AgricultureOutcome<ApplicationView>> ChangeAsync(
        Guid applicationId, ClaimsPrincipal user, ApplicationStatus? required,
        Func<IndustryApplication, KnownHousehold, SubsidyAccount, ValidationErrors, Func<Actor, DateTimeOffset, object>?> prepare, CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new AgricultureOutcome<ApplicationView>.Forbidden();
        }
        var application = await Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null)
        {
            return new AgricultureOutcome<ApplicationView>.NotFound();
        }
        var household = await db.Households.FirstAsync(h => h.Id == application.HouseholdId, ct);
        var account = await db.SubsidyAccounts.FirstAsync(a => a.HouseholdId == application.HouseholdId, ct);
        var errors = new ValidationErrors();
        var apply = prepare(application, household, account, errors);
        if (apply is null)
        {
            return new AgricultureOutcome<ApplicationView>.Invalid(errors.ToDictionary());
        }
        var allowed = required is { } status ? application.Status == status : application.Status is ApplicationStatus.Applied or ApplicationStatus.Approved;
        if (!allowed)
        {
            return new AgricultureOutcome<ApplicationView>.Conflict(
                Bilingual.Message($"该申请{IndustryApplication.NameOf(application.Status)}", $"The application is {WireName.Of(application.Status)}."),
                Bilingual.Message(required switch
                {
                    ApplicationStatus.Applied => "只有待审批的申请可以批准，已批准的申请不能重复批准",
                    ApplicationStatus.Approved => "只有已批准、尚未发放的申请可以发放，已发放的不能重复发放",
                    _ => "已发放或已不予补助的申请不能再不予补助",
                }, required switch
                {
                    ApplicationStatus.Applied => "Only an applied application can be approved; it cannot be approved twice.",
                    ApplicationStatus.Approved => "Only an approved, unpaid application can be paid; it cannot be paid twice.",
                    _ => "A paid or refused application cannot be refused.",
                }));
        }
        if (household.HasExited && required != null)
        {
            return new AgricultureOutcome<ApplicationView>.Conflict(AgricultureConflicts.Exited.Title, AgricultureConflicts.Exited.Detail);
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var details = apply(actor, now);
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id, details: details));
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }
        return new AgricultureOutcome<ApplicationView>.Done(View(application, household, account, user));
    }

    /// <summary>Null when stored; a 409 when another change of the household's applications or cap landed first.</summary>
    private async Task<AgricultureOutcome<ApplicationView>.Conflict?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            // A concurrency token (the application's or the household's cap row) moved, or a second first application of the
            // household opened the same cap row a moment ago (its primary key).
            db.ChangeTracker.Clear();
            return new AgricultureOutcome<ApplicationView>.Conflict(AgricultureConflicts.Changed.Title, AgricultureConflicts.Changed.Detail);
        }
    }

    private IQueryable<IndustryApplication> Within(Jurisdiction scope)
    {
        var households = db.Households.Within(scope);
        return db.IndustryApplications.Where(a => households.Any(h => h.Id == a.HouseholdId));
    }

    private ApplicationView View(IndustryApplication application, KnownHousehold household, SubsidyAccount account, ClaimsPrincipal user) =>
        ApplicationView.From(application, household, security.NameFor(user, household.HeadName), CapView.Of(account, policy));

    private async Task<IReadOnlyList<ApplicationView>> ViewsAsync(IReadOnlyList<IndustryApplication> applications, ClaimsPrincipal user, CancellationToken ct)
    {
        var ids = applications.Select(a => a.HouseholdId).Distinct().ToList();
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        var accounts = await db.SubsidyAccounts.AsNoTracking().Where(a => ids.Contains(a.HouseholdId)).ToDictionaryAsync(a => a.HouseholdId, ct);
        return [.. applications.Select(a => ApplicationView.From(a, households[a.HouseholdId], security.NameFor(user, households[a.HouseholdId].HeadName),
            CapView.Of(accounts.GetValueOrDefault(a.HouseholdId), policy)))];
    }
}
