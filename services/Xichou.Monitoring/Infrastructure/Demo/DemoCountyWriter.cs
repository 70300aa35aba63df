using Xichou.Contracts;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;

namespace Xichou.Monitoring.Infrastructure.Demo;

/// <summary>How much of the county went in.</summary>
public sealed record DemoCountySummary(int Households, int Members, int Visits, int Risks, int OpenRisks, int Escalations, int Cadres, int Loans);

/// <summary>
/// Stores a <see cref="DemoCountyPlan"/> through the model's own methods: households registered (each with its
/// <see cref="HouseholdRegistered"/> event, so the departments get the county), visits that the risk rules read,
/// risks opened by <see cref="RiskRules.Evaluate"/>, escalated as the policy period passes or as the village reports
/// up, and closed only by a verification visit that meets the exit rule. A few large transactions, not one per row.
/// </summary>
public static class DemoCountyWriter
{
    public const int BatchSize = 500;

    public static readonly Actor Seeder = new("demo-seed", "system");

    public static async Task<DemoCountySummary> WriteAsync(
        MonitoringDbContext db, DemoCountyPlan plan, MonitoringPolicies policies, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = new Counts();
        var cadreOf = plan.Cadres.ToDictionary(c => c.HouseholdNumber);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        // Every entity is complete before it is added, so there is nothing for change detection to find.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var cadre in plan.Cadres)
            {
                db.Cadres.Add(Cadre.Create(cadre.UserName, cadre.Name, cadre.WorkUnit, cadre.Rank));
            }
            counts.Cadres = plan.Cadres.Count;
            for (var i = 0; i < plan.Households.Count; i++)
            {
                Stage(db, plan.Households[i], cadreOf.GetValueOrDefault(plan.Households[i].Number), policies, now, counts);
                if ((i + 1) % BatchSize == 0)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return new DemoCountySummary(plan.Households.Count, counts.Members, counts.Visits, counts.Risks, counts.OpenRisks, counts.Escalations,
            counts.Cadres, counts.Loans);
    }

    private static void Stage(MonitoringDbContext db, DemoHousehold plan, DemoCadre? cadre, MonitoringPolicies policies, DateTimeOffset now, Counts counts)
    {
        DateTimeOffset At(DateOnly day, int hour)
        {
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, plan.Number % 60)), Beijing.Offset);
            return at < now ? at : now;
        }

        var head = plan.Members[0];
        var household = Household.Register(plan.VillageCode, head.Name, head.IdNumber, At(plan.RegisteredOn, 9 + plan.Number % 8));
        household.Describe(plan.VillagerGroup, plan.RegisteredIncome);
        for (var position = 0; position < plan.Members.Count; position++)
        {
            var m = plan.Members[position];
            household.Members.Add(Member.Create(household.Id, position, m.Relation, m.Name, m.IdNumber, m.LabourCapacity, m.SchoolStage, m.HealthState, m.Phone));
        }
        household.PairWith(cadre?.UserName);
        counts.Members += plan.Members.Count;

        var open = new List<OpenRisk>();
        var risks = new List<Risk>();
        var visits = new List<Visit>(plan.Visits.Count);
        var previous = plan.RegisteredIncome;
        var sinceCycleVisit = new List<VisitExpense>();
        foreach (var planned in plan.Visits)
        {
            var at = At(planned.On, 17);
            Advance(open, at, plan.Monitor, policies);
            // The plan's visits are in date order: the one before is the previous income, as RecordVisitHandler reads it.
            var policy = policies.InForceOn(planned.On);
            var visit = Visit.Record(household.Id, planned.Kind, planned.On, planned.Visitors, planned.Unmet.ToHashSet(), planned.PerCapitaIncome, previous,
                planned.Expenses.Select(e => new VisitExpense { Cause = e.Cause, Amount = e.Amount, Note = e.Note }), planned.Notes, Seeder.UserName, at,
                policy.Version);
            visits.Add(visit);

            var findings = visit.FindingsFor(plan.Members.Count, sinceCycleVisit);
            if (planned.Kind.KeepsTheCycle())
            {
                sinceCycleVisit.Clear();
            }
            else
            {
                sinceCycleVisit.AddRange(visit.Expenses);
            }
            var closed = 0;
            if (planned.Kind == VisitKind.Verification && RiskRules.MeetsExitRule(findings, policy))
            {
                foreach (var entry in open.Where(o => o.Risk.ClosesOnVerification))
                {
                    entry.Risk.CloseVerified(visit, plan.Monitor, at);
                    closed++;
                }
                open.RemoveAll(o => o.Risk.ClosesOnVerification);
            }
            var opened = 0;
            var source = planned.Kind == VisitKind.Cadre ? RiskSource.CadreVisit : RiskSource.Visit;
            foreach (var found in RiskRules.Evaluate(findings, policy))
            {
                if (open.Any(o => o.Risk.Category == found.Category && o.Risk.Need == found.Need && o.Risk.Cause == found.Cause))
                {
                    continue;
                }
                var risk = Risk.Open(household.Id, found, source, visit.Id, Seeder.UserName, at, policy.Version);
                var measureAt = at.AddDays(2);
                risk.AddMeasure(MeasureFor(found), plan.Monitor, measureAt < now ? measureAt : now);
                risks.Add(risk);
                open.Add(new OpenRisk(risk, planned.ReportUpAfterDays is { } days ? at.AddDays(days) : null));
                opened++;
            }
            household.Visited(visit, latestOfAny: true);
            if (closed > 0 && opened == 0)
            {
                household.ChangeStatus(HouseholdStatus.RiskEliminated, planned.On,
                    $"核实走访符合风险消除标准：人均纯收入 {visit.PerCapitaIncome:0.##} 元不低于监测线 {policy.MonitoringLineYuan:0.##} 元，两不愁三保障均已保障",
                    plan.Monitor);
            }
            else if (opened > 0 && household.Status == HouseholdStatus.RiskEliminated)
            {
                household.ChangeStatus(HouseholdStatus.Monitored, planned.On, "走访发现新的风险，恢复监测", plan.Monitor);
            }
            previous = planned.PerCapitaIncome;
        }
        Advance(open, now, plan.Monitor, policies);

        db.Households.Add(household);
        db.AddIntegrationEvent(household.ToRegisteredEvent());
        db.Audit(AuditEntry.Record(Seeder, AuditActions.Create, now, household.Id, details: new
        {
            household.Code,
            household.VillageCode,
            household.HeadName,
            HeadIdNumber = IdNumber.Mask(household.HeadIdNumber),
            demo = true,
        }));
        db.Visits.AddRange(visits);
        db.Risks.AddRange(risks);
        counts.Visits += visits.Count;
        counts.Risks += risks.Count;
        counts.OpenRisks += open.Count;
        counts.Escalations += risks.Sum(r => r.Escalations.Count);

        if (plan.Loan is { } planLoan)
        {
            db.Loans.Add(Loan(household.Id, planLoan, At(planLoan.RecordedOn, 10), now));
            counts.Loans++;
        }
    }

    /// <summary>Reports up where the village said so, and escalates what stayed unresolved past the policy period, until <paramref name="until"/>.</summary>
    private static void Advance(List<OpenRisk> open, DateTimeOffset until, string monitor, MonitoringPolicies policies)
    {
        foreach (var entry in open)
        {
            var risk = entry.Risk;
            while (risk.Level != RiskLevel.County)
            {
                var due = EscalationClock.DueAt(risk.LevelSince, policies);
                if (risk.Level == RiskLevel.Village && entry.ReportUpAt is { } reportAt && reportAt < due && reportAt <= until)
                {
                    risk.EscalateUp(automatic: false, monitor, "村级无法解决，上报乡镇协调", reportAt);
                    entry.ReportUpAt = null;
                }
                else if (due <= until)
                {
                    risk.EscalateUp(automatic: true, "system",
                        $"{(risk.Level == RiskLevel.Village ? "村级" : "乡镇")}超过 {EscalationClock.DaysFor(risk.LevelSince, policies)} 天未解决，自动上报", due);
                }
                else
                {
                    break;
                }
            }
        }
    }

    private static string MeasureFor(FoundRisk found) => found.Category switch
    {
        RiskCategory.IncomeBelowLine => "落实公益性岗位，申请临时救助",
        RiskCategory.IncomeDrop => "推荐县内务工岗位，落实就业帮扶",
        RiskCategory.ExpenseSpike => found.Cause switch
        {
            ExpenseCause.Illness => "落实医疗救助及大病保险报销",
            ExpenseCause.Disaster => "申请受灾群众生活救助，组织灾后重建",
            ExpenseCause.Accident => "申请临时救助，协调保险理赔",
            _ => "落实雨露计划及生源地助学贷款",
        },
        RiskCategory.BasicNeedUnmet => found.Need switch
        {
            BasicNeed.SafeHousing => "上报住建部门开展危房鉴定",
            BasicNeed.SafeDrinkingWater => "协调水务部门送水并维修管网",
            BasicNeed.CompulsorySchooling => "开展控辍保学劝返",
            _ => "协助办理城乡居民医保参保",
        },
        _ => "入户核实",
    };

    private static Loan Loan(Guid householdId, DemoLoan plan, DateTimeOffset recordedAt, DateTimeOffset now)
    {
        DateTimeOffset After(int days) => recordedAt.AddDays(days) < now ? recordedAt.AddDays(days) : now;

        var loan = Model.Loan.RecordNeed(householdId, plan.Purpose, plan.Amount, recordedAt);
        if (plan.Status == LoanStatus.Need)
        {
            return loan;
        }
        loan.MoveTo(LoanStatus.Applied, plan.Lender, null, null, After(5));
        if (plan.Status == LoanStatus.Declined)
        {
            loan.MoveTo(LoanStatus.Declined, null, null, plan.DeclineReason, After(12));
            return loan;
        }
        if (plan.Status is LoanStatus.Approved or LoanStatus.Disbursed)
        {
            loan.MoveTo(LoanStatus.Approved, null, null, null, After(12));
        }
        if (plan.Status == LoanStatus.Disbursed)
        {
            loan.MoveTo(LoanStatus.Disbursed, null, null, null, After(20));
        }
        return loan;
    }

    private sealed class OpenRisk(Risk risk, DateTimeOffset? reportUpAt)
    {
        public Risk Risk { get; } = risk;
        public DateTimeOffset? ReportUpAt { get; set; } = reportUpAt;
    }

    private sealed class Counts
    {
        public int Members;
        public int Visits;
        public int Risks;
        public int OpenRisks;
        public int Escalations;
        public int Cadres;
        public int Loans;
    }
}
