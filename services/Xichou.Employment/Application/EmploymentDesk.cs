using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Findings;
using Xichou.DepartmentKit.Households;
using Xichou.Employment.Infrastructure;
using Xichou.Employment.Model;
using Xichou.Employment.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Employment.Application;

/// <summary>
/// 措施五 稳岗就业 household by household: a household's labourers (the members the register shares with employment) with
/// their training, employment status, job services and monthly checks. Every write checks the caller's role and jurisdiction
/// and that the member is one of the household's labourers (400 on memberId otherwise), then in one SaveChanges stores the
/// record, judges the household again (<see cref="EmploymentRules.Judge"/>): a household newly with nobody employed or nobody
/// trained publishes a finding (<see cref="Findings.Publish"/>), one whose finding no longer holds clears it
/// (<see cref="Findings.Clear"/>); sets the kit's survey and writes the audit line. The API and the pages both call these.
/// </summary>
public sealed class EmploymentDesk(
    EmploymentDbContext db, ServiceSecurity security, EmploymentPolicy policy, Department department, TimeProvider time)
{
    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public DateOnly Today => Beijing.Today(time);

    /// <summary>The household's labourers and its state under 措施五; null when it is not inside the caller's jurisdiction.</summary>
    public async Task<HouseholdEmploymentView?> HouseholdAsync(Guid householdId, ClaimsPrincipal user, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Members).Within(security.JurisdictionOf(user))
            .FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return null;
        }
        var records = await RecordsAsync(householdId, tracked: false, ct);
        var finding = await db.Findings.AsNoTracking().FirstOrDefaultAsync(f => f.HouseholdId == householdId && f.ClearedAt == null, ct);
        return View(household, records, finding, user);
    }

    public Task<EmploymentOutcome<HouseholdEmploymentView>> RecordTrainingAsync(Guid householdId, TrainingRequest request, ClaimsPrincipal user,
        CancellationToken ct) =>
        WriteAsync(householdId, request.MemberId, user, errors => EmploymentValidation.Training(request, Today, errors), (facts, household, records, actor, now) =>
        {
            var training = Model.Training.Record(household.Id, facts.MemberId, facts.Course, facts.Provider, facts.StartOn, facts.EndOn, facts.Certificate,
                actor.UserName, now);
            db.Trainings.Add(training);
            records.Trainings.Add(training);
            return Task.FromResult<object>(new { member = facts.MemberId, training = training.Id, facts.Course, facts.Provider, facts.StartOn, facts.EndOn, facts.Certificate });
        }, ct);

    public Task<EmploymentOutcome<HouseholdEmploymentView>> RecordEmploymentAsync(Guid householdId, EmploymentRequest request, ClaimsPrincipal user,
        CancellationToken ct) =>
        WriteAsync(householdId, request.MemberId, user, errors => EmploymentValidation.Employment(request, Today, errors), (facts, household, records, actor, now) =>
        {
            var memberId = request.MemberId!.Value;
            var labourer = records.Labourers.FirstOrDefault(l => l.MemberId == memberId);
            object? before = null;
            if (labourer is null)
            {
                labourer = Labourer.For(household.Id, memberId);
                db.Labourers.Add(labourer);
                records.Labourers.Add(labourer);
            }
            else
            {
                before = new { status = EmploymentNames.WireOf(labourer.Status), labourer.Place, labourer.Employer, labourer.Since, labourer.MonthlyIncomeYuan };
            }
            labourer.Record(facts, actor.UserName, now);
            return Task.FromResult<object>(new
            {
                member = memberId,
                employment = new
                {
                    before,
                    after = new { status = EmploymentNames.WireOf(facts.Status), facts.Place, facts.Employer, facts.Since, facts.MonthlyIncomeYuan, facts.PublicWelfarePost, facts.Reason },
                },
            });
        }, ct);

    public Task<EmploymentOutcome<HouseholdEmploymentView>> RecordJobServiceAsync(Guid householdId, JobServiceRequest request, ClaimsPrincipal user,
        CancellationToken ct) =>
        WriteAsync(householdId, request.MemberId, user, errors => EmploymentValidation.JobService(request, Today, errors), (facts, household, records, actor, now) =>
        {
            var service = Model.JobService.Record(household.Id, facts.MemberId, facts.Kind, facts.On, facts.Note, actor.UserName, now);
            db.JobServices.Add(service);
            records.JobServices.Add(service);
            return Task.FromResult<object>(new { member = facts.MemberId, jobService = service.Id, kind = EmploymentNames.WireOf(facts.Kind), facts.On });
        }, ct);

    /// <summary>
    /// A monthly check of a migrant worker: only of a labourer recorded as away (409 otherwise), once per month (409 for a
    /// second), never of a month before they went away (400). Not still employed makes the labourer not employed, which may
    /// leave the household with nobody employed: a finding.
    /// </summary>
    public Task<EmploymentOutcome<HouseholdEmploymentView>> RecordMigrantCheckAsync(Guid householdId, MigrantCheckRequest request, ClaimsPrincipal user,
        CancellationToken ct) =>
        WriteAsync(householdId, request.MemberId, user, errors => EmploymentValidation.MigrantCheck(request, Today, errors), async (facts, household, records, actor, now) =>
        {
            var labourer = records.Labourers.FirstOrDefault(l => l.MemberId == facts.MemberId);
            if (labourer is not { Status: EmploymentStatus.Away })
            {
                return new EmploymentOutcome<HouseholdEmploymentView>.Conflict(
                    Bilingual.Message("该劳动力不是外出务工人员", "The labourer is not recorded as working away."),
                    Bilingual.Message("每月监测针对外出务工人员；请先登记其外出务工情况", "Monthly checks are of migrant workers; record the labourer's work away first."));
            }
            if (labourer.Since is { } since && facts.Month < EmploymentRules.MonthOf(since))
            {
                var errors = new ValidationErrors();
                errors.Add("month", $"该劳动力{EmploymentValidation.Format(since)}起外出务工，不能核查之前的月份",
                    $"The labourer has worked away since {EmploymentValidation.Format(since)}; the month cannot be before that.");
                return new EmploymentOutcome<HouseholdEmploymentView>.Invalid(errors.ToDictionary());
            }
            if (await db.MigrantChecks.AnyAsync(c => c.MemberId == facts.MemberId && c.Month == facts.Month, ct))
            {
                return new EmploymentOutcome<HouseholdEmploymentView>.Conflict(
                    Bilingual.Message("该月已核查", "This month has been checked already."),
                    Bilingual.Message($"{EmploymentValidation.MonthText(facts.Month)}的核查已有记录", $"The check of {EmploymentValidation.MonthText(facts.Month)} is recorded."));
            }
            var check = Model.MigrantCheck.Record(household.Id, facts.MemberId, facts.Month, facts.CheckedOn, facts.StillEmployed, facts.MonthlyIncomeYuan,
                facts.Note, actor.UserName, now);
            db.MigrantChecks.Add(check);
            records.Checks.Add(check);
            // The newest month's check is the labourer's state now; a late check of an earlier month is history only.
            if (!records.Checks.Any(c => c.MemberId == facts.MemberId && c.Month > facts.Month))
            {
                labourer.Checked(facts.StillEmployed, facts.MonthlyIncomeYuan, actor.UserName, now);
            }
            return (object)new { member = facts.MemberId, check = check.Id, month = EmploymentValidation.MonthText(facts.Month), facts.StillEmployed, facts.MonthlyIncomeYuan };
        }, ct);

    /// <summary>The households with an open finding (nobody employed or nobody trained), the longest-open first.</summary>
    public async Task<IReadOnlyList<FindingView>> OpenFindingsAsync(ClaimsPrincipal user, int limit, CancellationToken ct)
    {
        var households = db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).Where(h => h.Status != RegisterStatus.Exited);
        var open = await (
            from f in db.Findings.AsNoTracking()
            join h in households on f.HouseholdId equals h.Id
            where f.ClearedAt == null
            orderby f.Id
            select new { Finding = f, Household = h }).Take(limit).ToListAsync(ct);
        return [.. open.Select(o => new FindingView(o.Finding.Id, o.Household.Id, o.Household.HouseholdCode, security.NameFor(user, o.Household.HeadName),
            Townships.NameOf(o.Household.TownshipCode), o.Household.Village, o.Finding.NobodyEmployed, o.Finding.NobodyTrained, o.Finding.Description,
            o.Finding.OpenedAt))];
    }

    public async Task<int> OpenFindingCountAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var households = db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).Where(h => h.Status != RegisterStatus.Exited);
        return await db.Findings.AsNoTracking().CountAsync(f => f.ClearedAt == null && households.Any(h => h.Id == f.HouseholdId), ct);
    }

    /// <summary>
    /// The month's list of migrant workers (措施五 每月监测1次) within the caller's jurisdiction: every labourer recorded as away
    /// (and anyone checked that month), each checked, due or overdue by <see cref="EmploymentRules.StateOf"/>. Exited households
    /// and members no longer on the household's list are left out.
    /// </summary>
    public async Task<MigrantCheckList> MonthlyChecksAsync(DateOnly month, ClaimsPrincipal user, CancellationToken ct)
    {
        month = EmploymentRules.MonthOf(month);
        var today = Today;
        var households = db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).Where(h => h.Status != RegisterStatus.Exited);
        var inMonth = db.MigrantChecks.Where(c => c.Month == month).Select(c => c.MemberId);
        var rows = await (
            from l in db.Labourers.AsNoTracking()
            join h in households on l.HouseholdId equals h.Id
            join m in db.Members.AsNoTracking() on l.MemberId equals m.Id
            where l.Status == EmploymentStatus.Away || inMonth.Contains(l.MemberId)
            select new { Labourer = l, Household = h, m.Name }).ToListAsync(ct);
        var ids = rows.Select(r => r.Labourer.MemberId).ToList();
        var checks = (await db.MigrantChecks.AsNoTracking().Where(c => ids.Contains(c.MemberId)).ToListAsync(ct)).ToLookup(c => c.MemberId);
        var items = new List<MigrantDueView>();
        foreach (var row in rows)
        {
            var mine = checks[row.Labourer.MemberId].ToList();
            var check = mine.FirstOrDefault(c => c.Month == month);
            CheckState state;
            if (check is not null)
            {
                state = CheckState.Checked;
            }
            else if (row.Labourer.Since is not { } since)
            {
                continue;
            }
            else
            {
                state = EmploymentRules.StateOf(since, [.. mine.Select(c => c.Month)], month, today, policy);
            }
            if (state == CheckState.NotDue)
            {
                continue;
            }
            var last = mine.Where(c => c.Month <= month).MaxBy(c => c.Month);
            items.Add(new MigrantDueView(row.Household.Id, row.Household.HouseholdCode, security.NameFor(user, row.Household.HeadName),
                Townships.NameOf(row.Household.TownshipCode), row.Household.Village, row.Labourer.MemberId, security.NameFor(user, row.Name ?? ""),
                row.Labourer.Place, row.Labourer.Employer, row.Labourer.Since, row.Labourer.MonthlyIncomeYuan,
                EmploymentStateNames.WireOf(state), EmploymentRules.NameOf(state), last is null ? null : EmploymentValidation.MonthText(last.Month),
                check is null ? null : MigrantCheckView.From(check)));
        }
        int Rank(string state) => state == EmploymentStateNames.WireOf(CheckState.Overdue) ? 0 : state == EmploymentStateNames.WireOf(CheckState.Due) ? 1 : 2;
        var ordered = items.OrderBy(i => Rank(i.State)).ThenBy(i => i.HouseholdCode, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
        return new MigrantCheckList(EmploymentValidation.MonthText(month), today,
            ordered.Count(i => i.State == EmploymentStateNames.WireOf(CheckState.Due)),
            ordered.Count(i => i.State == EmploymentStateNames.WireOf(CheckState.Overdue)),
            ordered.Count(i => i.State == EmploymentStateNames.WireOf(CheckState.Checked)), ordered);
    }

    /// <summary>The household's own records, loaded together (a household has few labourers).</summary>
    internal sealed record Records(List<Labourer> Labourers, List<Training> Trainings, List<JobService> JobServices, List<MigrantCheck> Checks);

    private async Task<Records> RecordsAsync(Guid householdId, bool tracked, CancellationToken ct)
    {
        IQueryable<T> Of<T>(IQueryable<T> set) where T : class => tracked ? set : set.AsNoTracking();
        return new Records(
            await Of(db.Labourers).Where(l => l.HouseholdId == householdId).ToListAsync(ct),
            await Of(db.Trainings).Where(t => t.HouseholdId == householdId).ToListAsync(ct),
            await Of(db.JobServices).Where(s => s.HouseholdId == householdId).ToListAsync(ct),
            await Of(db.MigrantChecks).Where(c => c.HouseholdId == householdId).ToListAsync(ct));
    }

    /// <summary>The labourers the rule counts: the members the register shares with employment, with labour capacity.</summary>
    public static IReadOnlyList<KnownMember> LabourersOf(KnownHousehold household) =>
        [.. household.Members.Where(m => m.LabourCapacity is null or "able" or "weak").OrderBy(m => m.Relation == "head" ? 0 : 1).ThenBy(m => m.BirthDate)];

    private HouseholdVerdict Judge(KnownHousehold household, Records records) =>
        EmploymentRules.Judge([.. LabourersOf(household).Select(m =>
        {
            var labourer = records.Labourers.FirstOrDefault(l => l.MemberId == m.Id);
            var employed = labourer is not null && labourer.IsEmployed && (policy.PublicWelfarePostCountsAsEmployed || !labourer.PublicWelfarePost);
            return new LabourerFacts(labourer is not null, employed, records.Trainings.Any(t => t.MemberId == m.Id));
        })], policy);

    /// <summary>
    /// One write: role, household inside the jurisdiction (404), the request (400, with memberId checked against the household's
    /// labourers), not exited (409); then the change, the household judged again with its finding published or cleared, the
    /// survey and the audit line, in one SaveChanges.
    /// </summary>
    private async Task<EmploymentOutcome<HouseholdEmploymentView>> WriteAsync<TFacts>(
        Guid householdId, Guid? memberId, ClaimsPrincipal user, Func<ValidationErrors, TFacts?> validate,
        Func<TFacts, KnownHousehold, Records, Actor, DateTimeOffset, Task<object>> apply, CancellationToken ct)
        where TFacts : class
    {
        if (!security.CanWrite(user))
        {
            return new EmploymentOutcome<HouseholdEmploymentView>.Forbidden();
        }
        var household = await db.Households.Include(h => h.Members).Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new EmploymentOutcome<HouseholdEmploymentView>.NotFound();
        }
        var errors = new ValidationErrors();
        var facts = validate(errors);
        if (memberId is { } id && id != Guid.Empty && LabourersOf(household).All(m => m.Id != id))
        {
            errors.Add("memberId", "该成员不是本户的劳动力（须为本户16周岁以上、有劳动能力的成员）",
                "The member is not a labourer of this household (16 and over, with labour capacity).");
            facts = null;
        }
        if (facts is null)
        {
            return new EmploymentOutcome<HouseholdEmploymentView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return new EmploymentOutcome<HouseholdEmploymentView>.Conflict(EmploymentConflicts.Exited.Title, EmploymentConflicts.Exited.Detail);
        }
        var records = await RecordsAsync(household.Id, tracked: true, ct);
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var details = await apply(facts, household, records, actor, now);
        if (details is EmploymentOutcome<HouseholdEmploymentView> refused)
        {
            db.ChangeTracker.Clear();
            return refused;
        }
        var (finding, change) = await ReviewAsync(household, records, actor, now, ct);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new { change = details, finding = change }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another user's change of this household (a status, a check of the same month, its finding) came first.
            db.ChangeTracker.Clear();
            return new EmploymentOutcome<HouseholdEmploymentView>.Conflict(EmploymentConflicts.Changed.Title, EmploymentConflicts.Changed.Detail);
        }
        return new EmploymentOutcome<HouseholdEmploymentView>.Done(View(household, records, finding is { IsOpen: true } ? finding : null, user));
    }

    /// <summary>
    /// The household judged again: a finding opened (published once, under a new id) when it newly fails, kept while it still
    /// fails, cleared when it no longer does; the kit's survey follows the verdict.
    /// </summary>
    private async Task<(EmploymentFinding? Finding, object? Change)> ReviewAsync(KnownHousehold household, Records records, Actor actor, DateTimeOffset now,
        CancellationToken ct)
    {
        var verdict = Judge(household, records);
        var open = await db.Findings.FirstOrDefaultAsync(f => f.HouseholdId == household.Id && f.ClearedAt == null, ct);
        object? change = null;
        if (verdict.IsFinding)
        {
            var description = EmploymentRules.Describe(verdict, policy);
            if (open is null)
            {
                open = EmploymentFinding.Open(household.Id, verdict.NobodyEmployed, verdict.NobodyTrained, description, actor.UserName, now);
                db.Findings.Add(open);
                Findings.Publish(db, department, household, open.Id, EmploymentRules.FindingCategory, policy.FindingSeverity, description, now);
                change = new { published = open.Id, description };
            }
            else
            {
                open.Update(verdict.NobodyEmployed, verdict.NobodyTrained, description);
            }
            household.RecordSurvey(SurveyStatus.Problem, description, actor.UserName, now, Measures(verdict));
        }
        else if (open is not null && (verdict.State == HouseholdEmployment.NoLabourers || (!verdict.NobodyEmployed && !verdict.NobodyTrained)))
        {
            var resolution = EmploymentRules.Resolution(verdict);
            open.Clear(resolution, actor.UserName, now);
            Findings.Clear(db, department, household, open.Id, EmploymentRules.FindingCategory, resolution, actor.UserName, now);
            change = new { cleared = open.Id, resolution };
        }
        if (verdict.State == HouseholdEmployment.Secured)
        {
            household.RecordSurvey(SurveyStatus.Secured, EmploymentRules.Resolution(verdict), actor.UserName, now, Measures(verdict));
        }
        return (open, change);
    }

    /// <summary>The two facts of 措施五 the command centre counts separately: someone employed, someone trained.</summary>
    private static Dictionary<string, bool> Measures(HouseholdVerdict verdict) => new()
    {
        ["employed"] = !verdict.NobodyEmployed,
        ["trained"] = !verdict.NobodyTrained,
    };

    private HouseholdEmploymentView View(KnownHousehold household, Records records, EmploymentFinding? finding, ClaimsPrincipal user)
    {
        var verdict = Judge(household, records);
        var today = Today;
        var items = LabourersOf(household).Select(m =>
        {
            var labourer = records.Labourers.FirstOrDefault(l => l.MemberId == m.Id);
            var checks = records.Checks.Where(c => c.MemberId == m.Id).OrderByDescending(c => c.Month).ToList();
            CheckState? checkState = labourer is { Status: EmploymentStatus.Away, Since: { } since }
                ? EmploymentRules.StateOf(since, [.. checks.Select(c => c.Month)], EmploymentRules.MonthOf(today), today, policy)
                : null;
            return new LabourerView(m.Id, security.NameFor(user, m.Name ?? ""), m.Relation, m.Sex, m.BirthDate, m.LabourCapacity,
                labourer is null ? null : EmploymentNames.WireOf(labourer.Status), labourer is null ? "未登记" : EmploymentNames.NameOf(labourer.Status),
                labourer?.IsEmployed ?? false, labourer?.Place, labourer?.Employer, labourer?.Since, labourer?.MonthlyIncomeYuan,
                labourer?.PublicWelfarePost ?? false, labourer?.Reason, records.Trainings.Any(t => t.MemberId == m.Id),
                checkState is { } s ? EmploymentStateNames.WireOf(s) : null, checkState is { } n ? EmploymentRules.NameOf(n) : null,
                [.. records.Trainings.Where(t => t.MemberId == m.Id).OrderByDescending(t => t.EndOn).Select(TrainingView.From)],
                [.. records.JobServices.Where(s => s.MemberId == m.Id).OrderByDescending(s => s.On).Select(JobServiceView.From)],
                [.. checks.Select(MigrantCheckView.From)]);
        }).ToList();
        return new HouseholdEmploymentView(household.Id, household.HouseholdCode, security.NameFor(user, household.HeadName), household.TownshipCode,
            Townships.NameOf(household.TownshipCode), household.VillageCode, household.Village, household.HasExited,
            EmploymentStateNames.WireOf(verdict.State), EmploymentStateNames.NameOf(verdict.State), verdict.Labourers, verdict.Employed, verdict.Trained,
            verdict.NobodyEmployed, verdict.NobodyTrained, finding?.Id, finding?.Description, items);
    }
}
