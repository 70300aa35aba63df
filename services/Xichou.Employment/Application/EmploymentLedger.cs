using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Ledger;
using Xichou.Employment.Infrastructure;
using Xichou.Employment.Model;
using Xichou.Employment.Policy;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Employment.Application;

/// <summary>
/// 稳岗就业台账 by village, within the caller's jurisdiction: labourers, those trained, away, local (of them on public-welfare
/// posts), not employed, this month's checks due and overdue, and households with nobody employed or nobody trained. Every
/// village where employment knows a household has a line. The kit serves it at <c>GET /api/ledger</c>, as .xlsx and on the home page.
/// </summary>
public sealed class EmploymentLedger(EmploymentDbContext db, EmploymentPolicy policy, TimeProvider time) : ILedgerSource
{
    public const string Title = "稳岗就业台账";

    public static readonly IReadOnlyList<LedgerColumn> Columns =
    [
        new("labourers", "劳动力"),
        new("trained", "已培训"),
        new("away", "外出务工"),
        new("local", "就近就业"),
        new("publicWelfarePosts", "其中公益性岗位"),
        new("notEmployed", "未就业"),
        new("checksDue", "本月待核查"),
        new("checksOverdue", "逾期未核查"),
        new("householdsAtRisk", "无人就业或无人培训户"),
    ];

    public async Task<DepartmentLedger> BuildAsync(Jurisdiction scope, CancellationToken cancellationToken)
    {
        var households = db.Households.AsNoTracking().Within(scope);
        var places = await households.Select(h => new { h.Id, h.TownshipCode, h.VillageCode, h.Status }).ToListAsync(cancellationToken);
        var placeOf = places.ToDictionary(p => p.Id);
        var members = await (
            from m in db.Members.AsNoTracking()
            join h in households on m.HouseholdId equals h.Id
            where m.LabourCapacity == null || m.LabourCapacity == "able" || m.LabourCapacity == "weak"
            select new { m.Id, m.HouseholdId }).ToListAsync(cancellationToken);
        var labourers = (await (
            from l in db.Labourers.AsNoTracking()
            join h in households on l.HouseholdId equals h.Id
            select l).ToListAsync(cancellationToken)).ToDictionary(l => l.MemberId);
        var trained = (await (
            from t in db.Trainings.AsNoTracking()
            join h in households on t.HouseholdId equals h.Id
            select t.MemberId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var checks = (await (
            from c in db.MigrantChecks.AsNoTracking()
            join h in households on c.HouseholdId equals h.Id
            select new { c.MemberId, c.Month }).ToListAsync(cancellationToken)).ToLookup(c => c.MemberId, c => c.Month);
        var atRisk = await (
            from f in db.Findings.AsNoTracking()
            join h in households on f.HouseholdId equals h.Id
            where f.ClearedAt == null
            select f.HouseholdId).ToListAsync(cancellationToken);

        var today = Beijing.Today(time);
        var month = EmploymentRules.MonthOf(today);
        var perMember = members.Select(m =>
        {
            labourers.TryGetValue(m.Id, out var labourer);
            var place = placeOf[m.HouseholdId];
            var check = labourer is { Status: EmploymentStatus.Away, Since: { } since } && place.Status != RegisterStatus.Exited
                ? EmploymentRules.StateOf(since, [.. checks[m.Id]], month, today, policy)
                : CheckState.NotDue;
            return new { m.HouseholdId, Labourer = labourer, Trained = trained.Contains(m.Id), Check = check };
        }).ToList();
        var rows = places.GroupBy(p => (p.TownshipCode, p.VillageCode)).Select(village =>
        {
            var ids = village.Select(p => p.Id).ToHashSet();
            var here = perMember.Where(m => ids.Contains(m.HouseholdId)).ToList();
            return new LedgerRow(village.Key.TownshipCode, village.Key.VillageCode, new Dictionary<string, decimal>
            {
                ["labourers"] = here.Count,
                ["trained"] = here.Count(m => m.Trained),
                ["away"] = here.Count(m => m.Labourer?.Status == EmploymentStatus.Away),
                ["local"] = here.Count(m => m.Labourer?.Status == EmploymentStatus.Local),
                ["publicWelfarePosts"] = here.Count(m => m.Labourer is { Status: EmploymentStatus.Local, PublicWelfarePost: true }),
                ["notEmployed"] = here.Count(m => m.Labourer?.Status == EmploymentStatus.NotEmployed),
                ["checksDue"] = here.Count(m => m.Check == CheckState.Due),
                ["checksOverdue"] = here.Count(m => m.Check == CheckState.Overdue),
                ["householdsAtRisk"] = atRisk.Count(ids.Contains),
            });
        });
        return DepartmentLedger.Build(Title, scope.DisplayName, Columns, rows);
    }
}
