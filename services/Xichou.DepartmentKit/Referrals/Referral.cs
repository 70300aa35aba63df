using Xichou.Contracts;
using Xichou.ServiceDefaults.Http;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>requested → accepted → delivered or rejected; withdrawn by the sender while open (after Primero's referrals).</summary>
public enum ReferralStatus
{
    Requested,
    Accepted,
    Delivered,
    Rejected,
    Withdrawn,
}

/// <summary>Who answers for a referral past its due date: nobody extra yet, the department's head, the county command centre.</summary>
public enum ReferralEscalation
{
    None,
    DepartmentHead,
    CommandCentre,
}

/// <summary>Why a department turns a referral down (the list is the contract: not-eligible, duplicate, household-refused, cannot-contact, other).</summary>
public enum RejectReason
{
    NotEligible,
    Duplicate,
    HouseholdRefused,
    CannotContact,
    Other,
}

/// <summary>Green, amber at 75 % of the time, red past due (OpenSPP's grievance deadlines).</summary>
public enum DeadlineLight
{
    Green,
    Amber,
    Red,
}

/// <summary>
/// A referral (转办) as one service keeps it: the sender's copy, the receiver's copy, or an observer's (the register's).
/// All copies converge on the same state from the same events: a transition is applied only forward, and when a sender's
/// withdrawal crossed the receiver's delivery or rejection, the receiver's outcome stands.
/// </summary>
public sealed class Referral
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string? HouseholdCode { get; private set; }
    public string TownshipCode { get; private set; } = "";
    public string? VillageCode { get; private set; }
    public string Village { get; private set; } = "";
    public string FromService { get; private set; } = "";
    public string ToDepartment { get; private set; } = "";
    public Guid? RiskId { get; private set; }
    public string Request { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public DateOnly DueOn { get; private set; }
    public ReferralStatus Status { get; private set; }

    public ReferralEscalation Escalation { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>Bumped by every change; a concurrency token, so two writers (a user, a consumer, another replica's sweep) never both win.</summary>
    public int Revision { get; private set; }

    public string? AcceptedBy { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? Outcome { get; private set; }
    public decimal? AmountYuan { get; private set; }
    public RejectReason? RejectReason { get; private set; }
    public string? Note { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsOpen => Status is ReferralStatus.Requested or ReferralStatus.Accepted;

    public static Referral Create(
        Guid householdId, string? householdCode, string townshipCode, string? villageCode, string village,
        string fromService, string toDepartment, Guid? riskId, string request, string requestedBy, DateTimeOffset now, DateOnly dueOn) => new()
    {
        Id = Guid.CreateVersion7(now),
        HouseholdId = householdId,
        HouseholdCode = householdCode,
        TownshipCode = townshipCode,
        VillageCode = villageCode,
        Village = village,
        FromService = fromService,
        ToDepartment = toDepartment,
        RiskId = riskId,
        Request = request,
        RequestedBy = requestedBy,
        RequestedAt = now,
        DueOn = dueOn,
        Status = ReferralStatus.Requested,
        Escalation = ReferralEscalation.None,
    };

    public void Accept(string by, DateTimeOffset at)
    {
        Status = ReferralStatus.Accepted;
        Revision++;
        AcceptedBy = by;
        AcceptedAt = at;
    }

    public void Deliver(string outcome, decimal? amountYuan, string by, DateTimeOffset at)
    {
        Status = ReferralStatus.Delivered;
        Outcome = outcome;
        AmountYuan = amountYuan;
        Close(by, at);
    }

    public void Reject(RejectReason reason, string? note, string by, DateTimeOffset at)
    {
        Status = ReferralStatus.Rejected;
        RejectReason = reason;
        Note = note;
        Close(by, at);
    }

    public void Withdraw(string? note, string by, DateTimeOffset at)
    {
        Status = ReferralStatus.Withdrawn;
        Note = note;
        Close(by, at);
    }

    /// <summary>Moves the escalation one step up; false when it is already at the command centre or closed.</summary>
    public bool EscalateTo(ReferralEscalation level, DateTimeOffset at)
    {
        if (!IsOpen || level <= Escalation)
        {
            return false;
        }
        Escalation = level;
        EscalatedAt = at;
        Revision++;
        return true;
    }

    private void Close(string by, DateTimeOffset at)
    {
        Revision++;
        ClosedBy = by;
        ClosedAt = at;
    }

    /// <summary>Where the referral stands against its due date on Beijing day <paramref name="now"/>.</summary>
    public DeadlineLight LightAt(DateTimeOffset now, ReferralPolicy policy) => ReferralDeadline.LightOf(RequestedAt, DueOn, now, policy);

    /// <summary>A copy made from a referral event, for a service that had none yet (the receiver, an observer).</summary>
    public static Referral From(ReferralSnapshot snapshot)
    {
        var referral = new Referral { Id = snapshot.ReferralId };
        referral.Apply(snapshot, force: true);
        return referral;
    }

    /// <summary>
    /// Applies another service's view of this referral if it moves it forward; false when this copy is already as far
    /// on (a repeat, or an event that arrived late).
    /// </summary>
    public bool Apply(ReferralSnapshot snapshot, bool force = false)
    {
        var incoming = WireName.Parse<ReferralStatus>(snapshot.Status) ?? ReferralStatus.Requested;
        var escalation = WireName.ParseKebab<ReferralEscalation>(snapshot.Escalation) ?? ReferralEscalation.None;
        var statusMoves = force || RankOf(incoming) > RankOf(Status)
            // A withdrawal that crossed the receiver's delivery or rejection: the receiver's outcome stands.
            || (Status == ReferralStatus.Withdrawn && incoming is ReferralStatus.Delivered or ReferralStatus.Rejected);
        var escalationMoves = escalation > Escalation;
        if (!statusMoves && !escalationMoves)
        {
            return false;
        }
        if (force)
        {
            HouseholdId = snapshot.HouseholdId;
            HouseholdCode = snapshot.HouseholdCode;
            TownshipCode = snapshot.TownshipCode;
            VillageCode = snapshot.VillageCode;
            Village = snapshot.Village;
            FromService = snapshot.FromService;
            ToDepartment = snapshot.ToDepartment;
            RiskId = snapshot.RiskId;
            Request = snapshot.Request;
            RequestedBy = snapshot.RequestedBy;
            RequestedAt = snapshot.RequestedAt;
            DueOn = snapshot.DueOn;
        }
        if (statusMoves)
        {
            Status = incoming;
            AcceptedBy = snapshot.AcceptedBy;
            AcceptedAt = snapshot.AcceptedAt;
            Outcome = snapshot.Outcome;
            AmountYuan = snapshot.AmountYuan;
            RejectReason = WireName.ParseKebab<RejectReason>(snapshot.RejectReason);
            Note = snapshot.Note;
            ClosedBy = snapshot.ClosedBy;
            ClosedAt = snapshot.ClosedAt;
        }
        if (escalationMoves)
        {
            Escalation = escalation;
            EscalatedAt = snapshot.EscalatedAt;
        }
        Revision++;
        return true;
    }

    public ReferralSnapshot ToSnapshot() => new()
    {
        ReferralId = Id,
        HouseholdId = HouseholdId,
        HouseholdCode = HouseholdCode,
        TownshipCode = TownshipCode,
        Village = Village,
        VillageCode = VillageCode,
        FromService = FromService,
        ToDepartment = ToDepartment,
        RiskId = RiskId,
        Request = Request,
        RequestedBy = RequestedBy,
        RequestedAt = RequestedAt,
        DueOn = DueOn,
        Status = WireName.Of(Status),
        Escalation = WireName.KebabOf(Escalation),
        EscalatedAt = EscalatedAt,
        AcceptedBy = AcceptedBy,
        AcceptedAt = AcceptedAt,
        Outcome = Outcome,
        AmountYuan = AmountYuan,
        RejectReason = RejectReason is { } reason ? WireName.KebabOf(reason) : null,
        Note = Note,
        ClosedBy = ClosedBy,
        ClosedAt = ClosedAt,
    };

    /// <summary>requested 0, accepted 1, closed (delivered, rejected, withdrawn) 2: a copy only moves up.</summary>
    private static int RankOf(ReferralStatus status) => status switch
    {
        ReferralStatus.Requested => 0,
        ReferralStatus.Accepted => 1,
        _ => 2,
    };
}
