using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Risks;
using Xichou.Monitoring.Model.Visits;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Visits;

/// <summary>Record a visit to <paramref name="HouseholdId"/> as <paramref name="Actor"/>, who works within <paramref name="Scope"/>.</summary>
public sealed record RecordVisitCommand(Guid HouseholdId, RecordVisitRequest Request, Actor Actor, Jurisdiction Scope);

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
    /// <param name="StayedOpen">
    /// The risks a verification visit meeting the exit rule did not close: referrals on them are still open, or they are a
    /// department's finding or a complaint, which close their own way.
    /// </param>
    /// <param name="Policy">The policy version in force on the visit date, which judged it.</param>
    public sealed record Recorded(
        Visit Visit, Household Household, IReadOnlyList<Risk> Opened, IReadOnlyList<Risk> Closed, bool ExitRuleMet, IReadOnlyList<StillOpen> StayedOpen,
        MonitoringPolicy Policy)
        : VisitOutcome;
}

/// <summary>A risk that stays open although the exit rule is met: the referrals on it not resolved yet, or why a visit does not close it.</summary>
public sealed record StillOpen(Risk Risk, IReadOnlyList<Referral> OpenReferrals, string? Because = null)
{
    public static readonly string DepartmentFinding = Bilingual.Message(
        "部门发现的风险由该部门经转办落实并复核后消除，核实走访不能关闭",
        "A department's finding closes through its referral and the department's own re-check, not on a verification visit.");

    public static readonly string Complaint = Bilingual.Message(
        "举报电话反映的风险按举报办理程序办结后关闭，核实走访不能关闭",
        "A hotline complaint closes through its own handling, not on a verification visit.");

    public string Reason => Because ?? RiskClosure.WhyOpen(OpenReferrals);
}

/// <summary>
/// Records a visit (措施一) and what follows from it, in one SaveChanges, judged by the policy version in force on the visit
/// date: the rules' findings opened as village-level risks; the household's cycle moved on by a monitoring-team visit only
/// (a cadre's 回头看 counts for pairing, not for the cycle); the income compared with the visit before it by date; and, on
/// a verification visit that meets the exit rule, every open risk the monitoring team found closed once its referrals are
/// resolved (<see cref="RiskClosure"/>) — a department's finding or a complaint stays open, closing its own way — and the
/// household marked risk-eliminated (风险消除) once nothing stays open.
/// </summary>
public sealed class RecordVisitHandler(MonitoringDbContext db, MonitoringPolicies policies, TimeProvider time)
{
    public async Task<VisitOutcome> HandleAsync(RecordVisitCommand command, CancellationToken ct)
    {
        var (householdId, request, actor, scope) = command;
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
        var visitedOn = request.VisitedOn!.Value;
        var policy = policies.InForceOn(visitedOn);
        var history = await VisitHistory.LoadAsync(db, household, ct);
        var expenses = (request.Expenses ?? []).Select(e => new VisitExpense
        {
            Cause = WireName.Parse<ExpenseCause>(e.Cause)!.Value,
            Amount = e.Amount!.Value,
            Note = string.IsNullOrWhiteSpace(e.Note) ? null : e.Note.Trim(),
        });
        var visit = Visit.Record(household.Id, kind, visitedOn, request.Visitors!.Trim(), RecordVisitValidation.UnmetOf(request),
            request.PerCapitaIncome!.Value, history.IncomeBefore(visitedOn), expenses, string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            actor.UserName, now, policy.Version, WireName.Parse<ExpenseCause>(request.IncomeDropCause));
        db.Visits.Add(visit);

        var householdSize = await db.Members.CountAsync(m => m.HouseholdId == household.Id, ct);
        var findings = visit.FindingsFor(householdSize, await history.ExpensesSinceLastCycleVisitAsync(db, visitedOn, ct));
        var found = RiskRules.Evaluate(findings, policy);
        var exitRuleMet = RiskRules.MeetsExitRule(findings, policy);

        var open = await db.Risks.Where(r => r.HouseholdId == household.Id && r.Status == RiskStatus.Open).ToListAsync(ct);
        var closed = new List<Risk>();
        var stayedOpen = new List<StillOpen>();
        if (kind == VisitKind.Verification && exitRuleMet)
        {
            // 风险消除: a verification visit closes what it can verify — the monitoring team's own risks — and only those no
            // open referral still works on. A department's finding closes on the department's re-check (FindingCleared), a
            // complaint through its handling.
            var closable = open.Where(r => r.ClosesOnVerification).ToList();
            var referrals = await RiskClosure.LinkedAsync(db, household.Id, open, openOnly: true, ct);
            // Closing follows the level: a risk reported up to the township closes only by township or county staff, one at
            // the county only by the county. Nothing is recorded, so the visit can be entered as routine or by that level.
            if (closable.Where(risk => !referrals.Any(r => RiskClosure.Links(r, risk)) && !RiskRegister.MayActOn(scope, risk.Level))
                .Select(risk => (RiskLevel?)risk.Level).Max() is { } above)
            {
                db.Entry(visit).State = EntityState.Detached;
                return new VisitOutcome.Forbidden(above);
            }
            foreach (var risk in open)
            {
                var pending = referrals.Where(r => RiskClosure.Links(r, risk)).ToList();
                if (!risk.ClosesOnVerification)
                {
                    stayedOpen.Add(new StillOpen(risk, pending, risk.Source == RiskSource.Department ? StillOpen.DepartmentFinding : StillOpen.Complaint));
                    continue;
                }
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
            var risk = Risk.Open(household.Id, finding, source, visit.Id, actor.UserName, now, policy.Version);
            db.Risks.Add(risk);
            open.Add(risk);
            opened.Add(risk);
        }

        household.Visited(visit, latestOfAny: history.NoneAfter(visitedOn));
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
            visit.PreviousPerCapitaIncome,
            policy = policy.Version,
            unmet = visit.Unmet.Select(WireName.Of).Order().ToList(),
            opened = opened.Select(r => new { r.Id, r.Rule }).ToList(),
            closed = closed.Select(r => r.Id).ToList(),
            stayedOpen = stayedOpen.Select(s => new { s.Risk.Id, referrals = s.OpenReferrals.Select(r => r.Id).ToList() }).ToList(),
            status = WireName.Of(household.Status),
        }));
        await db.SaveChangesAsync(ct);
        return new VisitOutcome.Recorded(visit, household, opened, closed, exitRuleMet, stayedOpen, policy);
    }

    /// <summary>An open risk the finding repeats: same category and the same need or cause.</summary>
    public static bool IsSame(Risk risk, FoundRisk finding) =>
        risk.Category == finding.Category && risk.Need == finding.Need && risk.Cause == finding.Cause;
}

/// <summary>The household's visits so far, as the rules need them: which came before a (possibly back-dated) visit, by visit date.</summary>
public sealed class VisitHistory
{
    private readonly List<Entry> _visits;
    private readonly decimal _registeredIncome;

    private VisitHistory(List<Entry> visits, decimal registeredIncome)
    {
        _visits = visits;
        _registeredIncome = registeredIncome;
    }

    /// <summary>One earlier visit: when, of which kind, what income it found, and what its own "before" was.</summary>
    public sealed record Entry(Guid Id, VisitKind Kind, DateOnly VisitedOn, decimal PerCapitaIncome, decimal? PreviousPerCapitaIncome);

    public static async Task<VisitHistory> LoadAsync(MonitoringDbContext db, Household household, CancellationToken ct)
    {
        var visits = await db.Visits.AsNoTracking().Where(v => v.HouseholdId == household.Id)
            .Select(v => new { v.RecordedAt, Entry = new Entry(v.Id, v.Kind, v.VisitedOn, v.PerCapitaIncome, v.PreviousPerCapitaIncome) })
            .ToListAsync(ct);
        // In the order they were entered (a household has a couple of dozen visits a year; SQLite orders DateTimeOffset as text).
        return From(visits.OrderBy(v => v.RecordedAt).ThenBy(v => v.Entry.Id).Select(v => v.Entry), household.PerCapitaIncome);
    }

    /// <param name="visits">The household's visits in the order they were entered.</param>
    /// <param name="householdIncome">The household's income on the register now (the registered figure while it has no visit).</param>
    public static VisitHistory From(IEnumerable<Entry> visits, decimal householdIncome)
    {
        var list = visits.ToList();
        // The first visit entered was compared with the registered figure: that stays the figure before any visit.
        var registered = list.Count == 0 ? householdIncome : list[0].PreviousPerCapitaIncome ?? 0m;
        return new VisitHistory(list, registered);
    }

    /// <summary>
    /// The income before a visit on <paramref name="visitedOn"/>: the latest visit on or before that date (of those on the
    /// same day, the last entered), or the registered figure when none came before; null when that is zero (nothing to fall from).
    /// </summary>
    public decimal? IncomeBefore(DateOnly visitedOn)
    {
        var before = _visits.Where(v => v.VisitedOn <= visitedOn).OrderBy(v => v.VisitedOn).LastOrDefault();
        var income = before?.PerCapitaIncome ?? _registeredIncome;
        return income > 0 ? income : null;
    }

    /// <summary>No visit of the household is dated after <paramref name="visitedOn"/>: a visit on that day is the latest of any kind.</summary>
    public bool NoneAfter(DateOnly visitedOn) => _visits.All(v => v.VisitedOn <= visitedOn);

    /// <summary>
    /// The visits whose rigid expenses count with a visit on <paramref name="visitedOn"/>: those after the last monitoring-team
    /// visit on or before that day (cadre visits, which do not keep the cycle), up to and including that day.
    /// </summary>
    public IReadOnlyList<Guid> SinceLastCycleVisit(DateOnly visitedOn)
    {
        var last = _visits.Where(v => v.Kind.KeepsTheCycle() && v.VisitedOn <= visitedOn).OrderBy(v => v.VisitedOn).LastOrDefault();
        return [.. _visits.Where(v => !v.Kind.KeepsTheCycle() && v.VisitedOn <= visitedOn && (last is null || v.VisitedOn > last.VisitedOn)).Select(v => v.Id)];
    }

    public async Task<IReadOnlyList<VisitExpense>> ExpensesSinceLastCycleVisitAsync(MonitoringDbContext db, DateOnly visitedOn, CancellationToken ct)
    {
        var ids = SinceLastCycleVisit(visitedOn);
        if (ids.Count == 0)
        {
            return [];
        }
        var visits = await db.Visits.AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync(ct);
        return [.. visits.SelectMany(v => v.Expenses)];
    }
}
