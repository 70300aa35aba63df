using Xichou.ServiceDefaults.Http;
using Xichou.Contracts;
using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Risks;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Visits;

public abstract record VisitOutcome
{
    /// <summary>No such household inside the caller's jurisdiction.</summary>
    public sealed record NotFound : VisitOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : VisitOutcome;

    /// <summary>
    /// A verification visit that would close a risk reported up above the caller's level: closing follows the level, so
    /// nothing is recorded and the level that owns the risk verifies it.
    /// </summary>
    public sealed record Forbidden(RiskLevel RiskLevel) : VisitOutcome
    {
        public string Title => Bilingual.Message("核实走访不能关闭上级的风险", "This verification visit cannot close a risk owned above your level.");

        public string Detail => RiskRegister.LevelRefusedDetail(RiskLevel);
    }

    /// <param name="Opened">The risks the visit opened (findings already open on the register are not opened again).</param>
    /// <param name="Closed">The risks a verification visit that met the exit rule closed.</param>
    /// <param name="ExitRuleMet">Whether the visit met the exit rule (income at or above the line, every check secured).</param>
    /// <param name="StayedOpen">The risks a verification visit meeting the exit rule could not close: referrals on them are still open.</param>
    public sealed record Recorded(
        Visit Visit, Household Household, IReadOnlyList<Risk> Opened, IReadOnlyList<Risk> Closed, bool ExitRuleMet, IReadOnlyList<StillOpen> StayedOpen)
        : VisitOutcome;
}

/// <summary>A risk that stays open although the exit rule is met, with the referrals working on it that are not resolved yet.</summary>
public sealed record StillOpen(Risk Risk, IReadOnlyList<Referral> OpenReferrals)
{
    public string Reason => RiskClosure.WhyOpen(OpenReferrals);
}

/// <summary>
/// Records a visit (措施一) and what follows from it, in one SaveChanges: the rules' findings opened as village-level
/// risks, the household's cycle and income moved on, and — on a verification visit that meets the exit rule — every
/// open risk of the household closed whose referrals are all resolved (<see cref="RiskClosure"/>), and the household
/// marked risk-eliminated (风险消除) once nothing stays open.
/// </summary>
public static class VisitRecorder
{
    public static async Task<VisitOutcome> RecordAsync(
        MonitoringDbContext db, Guid householdId, RecordVisitRequest request, Actor actor, Jurisdiction scope,
        MonitoringPolicy policy, TimeProvider time, CancellationToken ct)
    {
        var household = await db.Households.Within(scope).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new VisitOutcome.NotFound();
        }
        var now = time.GetUtcNow();
        var errors = RecordVisitValidation.Validate(request, Beijing.DateOf(now), household.RegisteredOn);
        if (!errors.IsEmpty)
        {
            return new VisitOutcome.Invalid(errors.ToDictionary());
        }

        var kind = WireName.Parse<VisitKind>(request.Kind)!.Value;
        var previousIncome = household.PerCapitaIncome > 0 ? household.PerCapitaIncome : (decimal?)null;
        var expenses = (request.Expenses ?? []).Select(e => new VisitExpense
        {
            Cause = WireName.Parse<ExpenseCause>(e.Cause)!.Value,
            Amount = e.Amount!.Value,
            Note = string.IsNullOrWhiteSpace(e.Note) ? null : e.Note.Trim(),
        });
        var visit = Visit.Record(household.Id, kind, request.VisitedOn!.Value, request.Visitors!.Trim(), RecordVisitValidation.UnmetOf(request),
            request.PerCapitaIncome!.Value, previousIncome, expenses, string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            actor.UserName, now);
        db.Visits.Add(visit);

        var householdSize = await db.Members.CountAsync(m => m.HouseholdId == household.Id, ct);
        var findings = visit.FindingsFor(householdSize);
        var found = RiskRules.Evaluate(findings, policy);
        var exitRuleMet = RiskRules.MeetsExitRule(findings, policy);

        var open = await db.Risks.Where(r => r.HouseholdId == household.Id && r.Status == RiskStatus.Open).ToListAsync(ct);
        var closed = new List<Risk>();
        var stayedOpen = new List<StillOpen>();
        if (kind == VisitKind.Verification && exitRuleMet)
        {
            // 风险消除: only a verification visit that meets the exit rule closes risks, and only those no open referral still works on.
            var referrals = await RiskClosure.LinkedAsync(db, household.Id, open, openOnly: true, ct);
            // Closing follows the level: a risk reported up to the township closes only by township or county staff, one at
            // the county only by the county. Nothing is recorded, so the visit can be entered as routine or by that level.
            if (open.Where(risk => !referrals.Any(r => RiskClosure.Links(r, risk)) && !RiskRegister.MayActOn(scope, risk.Level))
                .Select(risk => (RiskLevel?)risk.Level).Max() is { } above)
            {
                db.Entry(visit).State = EntityState.Detached;
                return new VisitOutcome.Forbidden(above);
            }
            foreach (var risk in open)
            {
                var pending = referrals.Where(r => RiskClosure.Links(r, risk)).ToList();
                if (pending.Count > 0)
                {
                    stayedOpen.Add(new StillOpen(risk, pending));
                    continue;
                }
                risk.CloseVerified(visit, actor.UserName, now);
                closed.Add(risk);
            }
            open.RemoveAll(closed.Contains);
        }

        var source = kind == VisitKind.Cadre ? RiskSource.CadreVisit : RiskSource.Visit;
        var opened = new List<Risk>();
        foreach (var finding in found)
        {
            if (open.Any(r => IsSame(r, finding)))
            {
                continue;
            }
            var risk = Risk.Open(household.Id, finding, source, visit.Id, actor.UserName, now);
            db.Risks.Add(risk);
            open.Add(risk);
            opened.Add(risk);
        }

        household.Visited(visit);
        if (closed.Count > 0 && opened.Count == 0 && stayedOpen.Count == 0)
        {
            household.ChangeStatus(HouseholdStatus.RiskEliminated, visit.VisitedOn,
                $"核实走访符合风险消除标准：人均纯收入 {visit.PerCapitaIncome:0.##} 元不低于监测线 {policy.MonitoringLineYuan:0.##} 元，两不愁三保障均已保障",
                actor.UserName);
        }
        else if (opened.Count > 0 && household.Status == HouseholdStatus.RiskEliminated)
        {
            household.ChangeStatus(HouseholdStatus.Monitored, visit.VisitedOn, "走访发现新的风险，恢复监测", actor.UserName);
        }

        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id, details: new
        {
            visit = visit.Id,
            kind = WireName.Of(kind),
            visit.VisitedOn,
            visit.PerCapitaIncome,
            unmet = visit.Unmet.Select(WireName.Of).Order().ToList(),
            opened = opened.Select(r => new { r.Id, r.Rule }).ToList(),
            closed = closed.Select(r => r.Id).ToList(),
            stayedOpen = stayedOpen.Select(s => new { s.Risk.Id, referrals = s.OpenReferrals.Select(r => r.Id).ToList() }).ToList(),
            status = WireName.Of(household.Status),
        }));
        await db.SaveChangesAsync(ct);
        return new VisitOutcome.Recorded(visit, household, opened, closed, exitRuleMet, stayedOpen);
    }


    /// <summary>An open risk the finding repeats: same category and the same need or cause.</summary>
    public static bool IsSame(Risk risk, FoundRisk finding) =>
        risk.Category == finding.Category && risk.Need == finding.Need && risk.Cause == finding.Cause;
}
