using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>Refer a household to a department: <c>{ householdId, toDepartment, riskId, request }</c>.</summary>
public sealed record ReferralRequest(Guid? HouseholdId, string? ToDepartment, Guid? RiskId, string? Request);

/// <summary>What the department did: <c>{ outcome, amountYuan }</c> (the amount only where money was paid).</summary>
public sealed record DeliverRequest(string? Outcome, decimal? AmountYuan);

/// <summary>Why it is turned down: <c>{ reason: not-eligible|duplicate|household-refused|cannot-contact|other, note }</c>.</summary>
public sealed record RejectRequest(string? Reason, string? Note);

/// <summary>Why the sender takes it back (optional).</summary>
public sealed record WithdrawRequest(string? Note);

public abstract record ReferralOutcome
{
    public sealed record Done(Referral Referral) : ReferralOutcome;

    public sealed record NotFound : ReferralOutcome;

    /// <summary>The caller's roles may not do this here (checked by the use case too, not only by the endpoint's policy).</summary>
    public sealed record Forbidden : ReferralOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : ReferralOutcome;

    /// <summary>Not allowed from the referral's current state, or not this service's to do; the messages are bilingual.</summary>
    public sealed record Conflict(string Title, string Detail) : ReferralOutcome;
}

/// <summary>
/// The referral use cases every service shares (转办): refer, accept, deliver, reject, withdraw. Each checks the caller's
/// jurisdiction and the referral's state, then saves the change, its event (through the outbox) and its audit line in
/// one SaveChanges. The API and the pages both call these.
/// </summary>
public sealed class ReferralDesk(
    ServiceDbContext db, IReferralHouseholds households, ServiceSecurity security, ReferralPolicy policy, WorkingCalendar calendar, TimeProvider time)
{
    public const int MaxTextLength = 500;
    public const decimal MaxAmountYuan = 10_000_000m;

    public string Service => security.ServiceName;

    public ReferralPolicy Policy => policy;

    private DbSet<Referral> Referrals => db.Set<Referral>();

    /// <summary>The referrals this service keeps about households inside the caller's jurisdiction.</summary>
    public IQueryable<Referral> VisibleTo(ClaimsPrincipal user) =>
        households.Within(Referrals.AsNoTracking(), security.JurisdictionOf(user));

    public Task<Referral?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        VisibleTo(user).FirstOrDefaultAsync(r => r.Id == id, ct);

    public bool CanSend(ClaimsPrincipal user) => ServiceAccess.ReferralSendersOf(Service).Any(user.IsInRole);

    public bool CanAct(ClaimsPrincipal user) => ServiceAccess.ReferralActorsOf(Service).Any(user.IsInRole);

    public async Task<ReferralOutcome> RequestAsync(ReferralRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!CanSend(user))
        {
            return new ReferralOutcome.Forbidden();
        }
        var errors = new ValidationErrors();
        ReferralHousehold? household = null;
        if (request.HouseholdId is not { } householdId)
        {
            errors.Add("householdId", "农户必填", "The household is required.");
        }
        else if ((household = await households.FindAsync(householdId, security.JurisdictionOf(user), ct)) is null)
        {
            errors.Add("householdId", "不是您管辖范围内登记的农户", "Not a household on the register within your jurisdiction.");
        }
        var to = Departments.Find(request.ToDepartment?.Trim());
        if (string.IsNullOrWhiteSpace(request.ToDepartment))
        {
            errors.Add("toDepartment", "转办部门必填", "The department to refer to is required.");
        }
        else if (to is null)
        {
            errors.Add("toDepartment", $"没有这个部门，可转办：{AcceptingNames()}", $"No such department; referrals go to {AcceptingKeys()}.");
        }
        else if (to.Key == Service)
        {
            errors.Add("toDepartment", "不能转办给本部门", "A service cannot refer a household to itself.");
        }
        else if (!to.TakesReferrals)
        {
            errors.Add("toDepartment", $"{to.Name}不接收转办，可转办：{AcceptingNames()}", $"{to.EnglishName} takes no referrals; they go to {AcceptingKeys()}.");
        }
        RequireText(errors, "request", request.Request, "转办事项", "The request");
        if (household is not null && request.RiskId is { } riskId && await households.CheckRiskAsync(household.Id, riskId, ct) is { } riskProblem)
        {
            errors.Add("riskId", riskProblem.Chinese, riskProblem.English);
        }
        if (!errors.IsEmpty)
        {
            return new ReferralOutcome.Invalid(errors.ToDictionary());
        }
        if (household!.Exited)
        {
            return new ReferralOutcome.Conflict(Bilingual.Message("该户已退出监测", "The household has exited monitoring."),
                Bilingual.Message("已退出监测的农户不再转办新的事项", "An exited household gets no new work."));
        }
        var open = await Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.HouseholdId == household.Id && r.FromService == Service
            && r.ToDepartment == to!.Key && r.RiskId == request.RiskId
            && (r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted), ct);
        if (open is not null)
        {
            return new ReferralOutcome.Conflict(Bilingual.Message("已有未办结的同一转办", "The same referral is already open."),
                Bilingual.Message($"该户已转办{to!.Name}（{open.Id}），尚未办结", $"Referral {open.Id} of this household to {to.Key} is still open."));
        }

        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var referral = Referral.Create(household.Id, household.Code, household.TownshipCode, household.VillageCode, household.Village,
            Service, to!.Key, request.RiskId, request.Request!.Trim(), actor.UserName, now,
            ReferralDeadline.DueOn(to.Key, Beijing.DateOf(now), policy, calendar));
        Referrals.Add(referral);
        return await SaveAsync(referral, new ReferralRequested { Referral = referral.ToSnapshot(), By = actor.UserName, OccurredAt = now },
            actor, now, "requested", ct);
    }

    public Task<ReferralOutcome> AcceptAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        ReceivedAsync(id, user, referral => referral.Status == ReferralStatus.Requested ? null : NotFrom(referral, "接收", "accepted"),
            (referral, actor, now) =>
            {
                referral.Accept(actor.UserName, now);
                return new ReferralAccepted { Referral = referral.ToSnapshot(), By = actor.UserName, OccurredAt = now };
            }, "accepted", validate: null, ct);

    public Task<ReferralOutcome> DeliverAsync(Guid id, DeliverRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        ReceivedAsync(id, user,
            referral => referral.Status == ReferralStatus.Accepted ? null
                : referral.Status == ReferralStatus.Requested
                    ? new ReferralOutcome.Conflict(Bilingual.Message("请先接收再办结", "Accept the referral before delivering it."),
                        Bilingual.Message("转办尚未接收，不能办结", "The referral is requested, not accepted; it cannot be delivered yet."))
                    : NotFrom(referral, "办结", "delivered"),
            (referral, actor, now) =>
            {
                referral.Deliver(request.Outcome!.Trim(), request.AmountYuan, actor.UserName, now);
                return new ReferralDelivered { Referral = referral.ToSnapshot(), By = actor.UserName, OccurredAt = now };
            }, "delivered", errors =>
            {
                RequireText(errors, "outcome", request.Outcome, "办理结果", "The outcome");
                if (request.AmountYuan is { } amount && (amount < 0 || amount > MaxAmountYuan || decimal.Round(amount, 2) != amount))
                {
                    errors.Add("amountYuan", "金额应为不小于0的元数，最多两位小数", "The amount is yuan, not negative, with at most two decimals.");
                }
            }, ct);

    public Task<ReferralOutcome> RejectAsync(Guid id, RejectRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var reason = WireName.ParseKebab<RejectReason>(request.Reason);
        return ReceivedAsync(id, user, referral => referral.IsOpen ? null : NotFrom(referral, "退回", "rejected"),
            (referral, actor, now) =>
            {
                referral.Reject(reason!.Value, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), actor.UserName, now);
                return new ReferralRejected { Referral = referral.ToSnapshot(), By = actor.UserName, OccurredAt = now };
            }, "rejected", errors =>
            {
                if (reason is null)
                {
                    errors.Add("reason", "退回理由应为 not-eligible（不符合条件）、duplicate（重复）、household-refused（农户拒绝）、cannot-contact（联系不上）或 other（其他）",
                        "The reason is not-eligible, duplicate, household-refused, cannot-contact or other.");
                }
                else if (reason == RejectReason.Other && string.IsNullOrWhiteSpace(request.Note))
                {
                    errors.Add("note", "理由为“其他”时须说明", "A note is required when the reason is other.");
                }
                if (request.Note?.Trim().Length > MaxTextLength)
                {
                    errors.Add("note", $"说明不能超过{MaxTextLength}个字", $"The note is at most {MaxTextLength} characters.");
                }
            }, ct);
    }

    public async Task<ReferralOutcome> WithdrawAsync(Guid id, WithdrawRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!CanSend(user))
        {
            return new ReferralOutcome.Forbidden();
        }
        if (request.Note?.Trim().Length > MaxTextLength)
        {
            var errors = new ValidationErrors();
            errors.Add("note", $"说明不能超过{MaxTextLength}个字", $"The note is at most {MaxTextLength} characters.");
            return new ReferralOutcome.Invalid(errors.ToDictionary());
        }
        var referral = await TrackedAsync(id, user, ct);
        if (referral is null)
        {
            return new ReferralOutcome.NotFound();
        }
        if (referral.FromService != Service)
        {
            return new ReferralOutcome.Conflict(Bilingual.Message("只能撤回本部门发出的转办", "Only the sender withdraws a referral."),
                Bilingual.Message($"该转办由{NameOf(referral.FromService)}发出", $"It was sent by {referral.FromService}."));
        }
        if (!referral.IsOpen)
        {
            return NotFrom(referral, "撤回", "withdrawn");
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        referral.Withdraw(string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), actor.UserName, now);
        return await SaveAsync(referral, new ReferralWithdrawn { Referral = referral.ToSnapshot(), By = actor.UserName, OccurredAt = now },
            actor, now, "withdrawn", ct);
    }

    /// <summary>A transition only the receiving department makes: checks it is this service's, open as needed, then applies it.</summary>
    private async Task<ReferralOutcome> ReceivedAsync(
        Guid id, ClaimsPrincipal user, Func<Referral, ReferralOutcome?> refuse, Func<Referral, Actor, DateTimeOffset, ReferralEvent> apply,
        string transition, Action<ValidationErrors>? validate, CancellationToken ct)
    {
        if (!CanAct(user))
        {
            return new ReferralOutcome.Forbidden();
        }
        if (validate is not null)
        {
            var errors = new ValidationErrors();
            validate(errors);
            if (!errors.IsEmpty)
            {
                return new ReferralOutcome.Invalid(errors.ToDictionary());
            }
        }
        var referral = await TrackedAsync(id, user, ct);
        if (referral is null)
        {
            return new ReferralOutcome.NotFound();
        }
        if (referral.ToDepartment != Service)
        {
            return new ReferralOutcome.Conflict(Bilingual.Message("只有接收部门才能办理", "Only the receiving department acts on a referral."),
                Bilingual.Message($"该转办交{NameOf(referral.ToDepartment)}办理", $"It was referred to {referral.ToDepartment}."));
        }
        if (refuse(referral) is { } refused)
        {
            return refused;
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var integrationEvent = apply(referral, actor, now);
        return await SaveAsync(referral, integrationEvent, actor, now, transition, ct);
    }

    /// <summary>
    /// Stages, without saving, the delivery of every open referral to this service about <paramref name="householdId"/>
    /// (accepting first those still requested), with their events and audit lines: the department's own change — a house
    /// made safe, a supply fixed — and the deliveries it fulfils then commit in the caller's one SaveChanges. The caller
    /// catches <see cref="DbUpdateConcurrencyException"/> (a referral changed meanwhile) and saves nothing.
    /// </summary>
    public async Task<IReadOnlyList<Referral>> StageDeliveriesAsync(
        Guid householdId, string outcome, decimal? amountYuan, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!CanAct(user))
        {
            return [];
        }
        var open = await households.Within(Referrals, security.JurisdictionOf(user))
            .Where(r => r.HouseholdId == householdId && r.ToDepartment == Service
                && (r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted))
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        foreach (var referral in open)
        {
            if (referral.Status == ReferralStatus.Requested)
            {
                referral.Accept(actor.UserName, now);
                Stage(referral, new ReferralAccepted { Referral = referral.ToSnapshot(), By = actor.UserName, OccurredAt = now }, actor, now, "accepted");
            }
            referral.Deliver(outcome, amountYuan, actor.UserName, now);
            Stage(referral, new ReferralDelivered { Referral = referral.ToSnapshot(), By = actor.UserName, OccurredAt = now }, actor, now, "delivered");
        }
        return open;
    }

    private void Stage<TEvent>(Referral referral, TEvent integrationEvent, Actor actor, DateTimeOffset now, string transition)
        where TEvent : ReferralEvent
    {
        db.AddIntegrationEvent(integrationEvent);
        db.Audit(AuditEntry.Record(actor, transition == "requested" ? AuditActions.Create : AuditActions.Update, now, referral.HouseholdId,
            details: new { referral = referral.Id, transition, to = referral.ToDepartment, status = WireName.Of(referral.Status) }));
    }

    private async Task<ReferralOutcome> SaveAsync<TEvent>(Referral referral, TEvent integrationEvent, Actor actor, DateTimeOffset now,
        string transition, CancellationToken ct) where TEvent : ReferralEvent
    {
        Stage(referral, integrationEvent, actor, now, transition);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Nothing of the refused change may ride on the caller's next SaveChanges.
            db.ChangeTracker.Clear();
            return new ReferralOutcome.Conflict(Bilingual.Message("转办状态已变化", "The referral has just changed."),
                Bilingual.Message("请刷新后重试", "Reload it and try again."));
        }
        return new ReferralOutcome.Done(referral);
    }

    private async Task<Referral?> TrackedAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        await households.Within(Referrals, security.JurisdictionOf(user)).FirstOrDefaultAsync(r => r.Id == id, ct);

    private static ReferralOutcome.Conflict NotFrom(Referral referral, string chineseVerb, string englishVerb) => new(
        Bilingual.Message($"当前状态不能{chineseVerb}", $"The referral cannot be {englishVerb} now."),
        Bilingual.Message($"转办当前为“{ReferralNames.Of(referral.Status)}”，不能{chineseVerb}",
            $"It is {WireName.Of(referral.Status)}; only an open referral in the right state can be {englishVerb}."));

    private static void RequireText(ValidationErrors errors, string field, string? value, string chinese, string english)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{chinese}必填", $"{english} is required.");
        }
        else if (value.Trim().Length > MaxTextLength)
        {
            errors.Add(field, $"{chinese}不能超过{MaxTextLength}个字", $"{english} is at most {MaxTextLength} characters.");
        }
    }

    private static string NameOf(string service) => Departments.Find(service)?.Bureau ?? service;

    private static string AcceptingNames() => string.Join('、', Departments.WithMeasures.Select(d => $"{d.Key}（{d.Name}）"));

    private static string AcceptingKeys() => string.Join(", ", Departments.WithMeasures.Select(d => d.Key));
}

/// <summary>Chinese names of a referral's states, for pages and spreadsheets.</summary>
public static class ReferralNames
{
    public static string Of(ReferralStatus status) => status switch
    {
        ReferralStatus.Requested => "待接收",
        ReferralStatus.Accepted => "办理中",
        ReferralStatus.Delivered => "已办结",
        ReferralStatus.Rejected => "已退回",
        ReferralStatus.Withdrawn => "已撤回",
        _ => status.ToString(),
    };

    public static string Of(ReferralEscalation escalation) => escalation switch
    {
        ReferralEscalation.DepartmentHead => "已报部门负责人",
        ReferralEscalation.CommandCentre => "已报县指挥中心",
        _ => "",
    };

    public static string Of(RejectReason reason) => reason switch
    {
        RejectReason.NotEligible => "不符合条件",
        RejectReason.Duplicate => "重复转办",
        RejectReason.HouseholdRefused => "农户拒绝",
        RejectReason.CannotContact => "联系不上",
        _ => "其他",
    };
}
