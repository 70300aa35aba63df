using Xichou.Contracts;
using Xichou.ServiceDefaults.Http;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>
/// A referral as this service shows it. status requested|accepted|delivered|rejected|withdrawn; escalation
/// none|department-head|command-centre; light green|amber|red while open (null once closed); direction incoming
/// (referred to this service), outgoing (sent by it) or observed (the register's view of others' referrals).
/// </summary>
public sealed record ReferralView(
    Guid Id, Guid HouseholdId, string? HouseholdCode, string TownshipCode, string TownshipName, string? VillageCode, string Village,
    string FromService, string FromName, string ToDepartment, string ToName, Guid? RiskId, string Request, string RequestedBy,
    DateTimeOffset RequestedAt, DateOnly DueOn, string Status, string StatusName, string Escalation, string? EscalationName,
    DateTimeOffset? EscalatedAt, string? Light, string Direction, string? AcceptedBy, DateTimeOffset? AcceptedAt, string? Outcome,
    decimal? AmountYuan, string? RejectReason, string? RejectReasonName, string? Note, string? ClosedBy, DateTimeOffset? ClosedAt)
{
    public static ReferralView From(Referral r, string service, DateTimeOffset now, ReferralPolicy policy) => new(
        r.Id, r.HouseholdId, r.HouseholdCode, r.TownshipCode, Townships.NameOf(r.TownshipCode), r.VillageCode, r.Village,
        r.FromService, Departments.Find(r.FromService)?.Bureau ?? r.FromService,
        r.ToDepartment, Departments.Find(r.ToDepartment)?.Bureau ?? r.ToDepartment,
        r.RiskId, r.Request, r.RequestedBy, r.RequestedAt, r.DueOn, WireName.Of(r.Status), ReferralNames.Of(r.Status),
        WireName.KebabOf(r.Escalation), r.Escalation == ReferralEscalation.None ? null : ReferralNames.Of(r.Escalation), r.EscalatedAt,
        r.IsOpen ? WireName.Of(r.LightAt(now, policy)) : null,
        r.ToDepartment == service ? "incoming" : r.FromService == service ? "outgoing" : "observed",
        r.AcceptedBy, r.AcceptedAt, r.Outcome, r.AmountYuan,
        r.RejectReason is { } reason ? WireName.KebabOf(reason) : null, r.RejectReason is { } named ? ReferralNames.Of(named) : null,
        r.Note, r.ClosedBy, r.ClosedAt);
}

public sealed record ReferralPage(int Total, int Page, int PageSize, IReadOnlyList<ReferralView> Items);
