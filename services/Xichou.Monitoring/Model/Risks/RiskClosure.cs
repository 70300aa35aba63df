using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Monitoring.Model.Risks;

/// <summary>
/// The closed loop (闭环): a risk closes only when every referral working on it is resolved (delivered, rejected or
/// withdrawn) and a verification visit meets the exit rule. A referral works on a risk when it names the risk's id, or,
/// for a department's finding, the finding's id (<see cref="Risk.SourceId"/>) the department knew it by.
/// </summary>
public static class RiskClosure
{
    public static bool Links(Referral referral, Risk risk) =>
        referral.RiskId is { } linked && (linked == risk.Id || (risk.SourceId is { } source && linked == source));

    /// <summary>The referrals of <paramref name="householdId"/> linked to any of <paramref name="risks"/>: one query.</summary>
    public static async Task<List<Referral>> LinkedAsync(
        MonitoringDbContext db, Guid householdId, IReadOnlyList<Risk> risks, bool openOnly, CancellationToken ct)
    {
        if (risks.Count == 0)
        {
            return [];
        }
        var referrals = db.Referrals.AsNoTracking().Where(r => r.HouseholdId == householdId && r.RiskId != null);
        if (openOnly)
        {
            referrals = referrals.Where(r => r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted);
        }
        var found = await referrals.ToListAsync(ct);
        return [.. found.Where(r => risks.Any(risk => Links(r, risk))).OrderBy(r => r.RequestedAt.UtcTicks)];
    }

    /// <summary>Why a risk stays open after a verification visit met the exit rule, in Chinese and English.</summary>
    public static string WhyOpen(IReadOnlyList<Referral> open) => Bilingual.Message(
        "转办尚未办结：" + string.Join("；", open.Select(r => $"{BureauOf(r.ToDepartment)}{ReferralNames.Of(r.Status)}，{Day(r.DueOn)}到期")),
        "Referrals still open: " + string.Join("; ", open.Select(r => $"{r.ToDepartment} {WireName.Of(r.Status)}, due {Day(r.DueOn)}")));

    public static string BureauOf(string service) => Departments.Find(service)?.Bureau ?? service;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A referral as a risk shows it: to whom, in which state (status requested|accepted|delivered|rejected|withdrawn, with
/// its Chinese name), due when, its light while open (green|amber|red), and whether it still holds the risk open.
/// </summary>
public sealed record LinkedReferralView(
    Guid Id, string FromService, string FromName, string ToDepartment, string ToName, string Request, DateOnly DueOn,
    string Status, string StatusName, string? Light, string? LightName, bool HoldsRiskOpen, string? Outcome, string? RejectReasonName)
{
    public static LinkedReferralView From(Referral r, DateTimeOffset now, ReferralPolicy policy)
    {
        var light = r.IsOpen ? r.LightAt(now, policy) : (DeadlineLight?)null;
        return new(r.Id, r.FromService, RiskClosure.BureauOf(r.FromService), r.ToDepartment, RiskClosure.BureauOf(r.ToDepartment), r.Request,
            r.DueOn, WireName.Of(r.Status), ReferralNames.Of(r.Status), light is { } l ? WireName.Of(l) : null,
            light is { } named ? ReferralDeadline.NameOf(named) : null, r.IsOpen, r.Outcome,
            r.RejectReason is { } reason ? ReferralNames.Of(reason) : null);
    }
}

/// <summary>The household's latest verification visit since the risk opened (核实走访) and whether it met the exit rule.</summary>
public sealed record VerificationView(Guid VisitId, DateOnly VisitedOn, bool ExitRuleMet, IReadOnlyList<string> Unmet, decimal PerCapitaIncome,
    decimal MonitoringLineYuan, string RecordedBy)
{
    /// <summary>The visit that closed the risk, or the latest verification visit since it opened; null when none.</summary>
    public static async Task<VerificationView?> LatestForAsync(MonitoringDbContext db, Risk risk, MonitoringPolicies policies, CancellationToken ct)
    {
        var visits = db.Visits.AsNoTracking().Where(v => v.HouseholdId == risk.HouseholdId && v.Kind == VisitKind.Verification);
        var openedOn = Beijing.DateOf(risk.OpenedAt);
        var visit = risk.VerificationVisitId is { } closedBy
            ? await visits.FirstOrDefaultAsync(v => v.Id == closedBy, ct)
            : await visits.Where(v => v.VisitedOn >= openedOn).OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            return null;
        }
        var size = await db.Members.CountAsync(m => m.HouseholdId == risk.HouseholdId, ct);
        // The version that judged the visit judges whether it met the exit rule.
        var policy = policies.Named(visit.PolicyVersion, visit.VisitedOn);
        return new(visit.Id, visit.VisitedOn, RiskRules.MeetsExitRule(visit.FindingsFor(size), policy),
            [.. visit.Unmet.Order().Select(WireName.Of)], visit.PerCapitaIncome, policy.MonitoringLineYuan, visit.RecordedBy);
    }
}
