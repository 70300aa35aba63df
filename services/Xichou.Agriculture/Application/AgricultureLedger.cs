using Microsoft.EntityFrameworkCore;
using Xichou.Agriculture.Infrastructure;
using Xichou.Agriculture.Model;
using Xichou.Agriculture.Policy;
using Xichou.Contracts;
using Xichou.DepartmentKit.Ledger;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Agriculture.Application;

/// <summary>
/// 产业增收台账 by village, within the caller's jurisdiction: subsidy applications and the yuan approved and paid against the
/// cap, 双绑 coverage (带贫益贫全覆盖) and agricultural insurance coverage of key industries. Every village where agriculture
/// knows a household has a line. Amounts are summed here, not in SQL (SQLite keeps decimals as text).
/// </summary>
public sealed class AgricultureLedger(AgricultureDbContext db, AgriculturePolicy policy, TimeProvider time) : ILedgerSource
{
    public const string Title = "产业增收台账";

    public static readonly IReadOnlyList<LedgerColumn> Columns =
    [
        new("households", "掌握农户"),
        new("applications", "补助申请（件）"),
        new("openApplications", "待审批/待发放（件）"),
        new("approvedYuan", "已批准补助（元）"),
        new("paidYuan", "已发放补助（元）"),
        new("atCap", "已达每户上限（户）"),
        new("bound", "已“双绑”（户）"),
        new("unbound", "未“双绑”（户）"),
        new("keyIndustryHouseholds", "发展重点产业（户）"),
        new("insuredHouseholds", "重点产业全部参保（户）"),
        new("coverageGaps", "参保缺口（项）"),
    ];

    public async Task<DepartmentLedger> BuildAsync(Jurisdiction scope, CancellationToken cancellationToken)
    {
        var today = Beijing.Today(time);
        var households = await db.Households.AsNoTracking().Within(scope)
            .Select(h => new { h.Id, h.TownshipCode, h.VillageCode }).ToListAsync(cancellationToken);
        var ids = db.Households.Within(scope).Select(h => h.Id);
        var applications = await db.IndustryApplications.AsNoTracking().Where(a => ids.Contains(a.HouseholdId))
            .Select(a => new { a.HouseholdId, a.Status, a.SubsidyYuan }).ToListAsync(cancellationToken);
        var accounts = await db.SubsidyAccounts.AsNoTracking().Where(a => ids.Contains(a.HouseholdId)).ToListAsync(cancellationToken);
        var bound = (await db.Linkages.AsNoTracking().Where(l => ids.Contains(l.HouseholdId)).Select(l => l.HouseholdId).Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        var industries = await db.HouseholdIndustries.AsNoTracking().Where(i => ids.Contains(i.HouseholdId))
            .Select(i => new { i.HouseholdId, i.Industry }).ToListAsync(cancellationToken);
        var policies = (await db.InsurancePolicies.AsNoTracking().Where(p => ids.Contains(p.HouseholdId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.HouseholdId);
        var runs = industries.ToLookup(i => i.HouseholdId, i => i.Industry);
        var byHousehold = applications.ToLookup(a => a.HouseholdId);
        var atCap = accounts.Where(a => SubsidyRules.HeadroomYuan(a.CommittedYuan, policy) == 0m).Select(a => a.HouseholdId).ToHashSet();

        var rows = households.GroupBy(h => (h.TownshipCode, h.VillageCode)).Select(place =>
        {
            var here = place.Select(h => h.Id).ToList();
            var mine = here.SelectMany(id => byHousehold[id]).ToList();
            var key = here.Where(id => runs[id].Any(r => policy.KeyIndustries.Contains(r))).ToList();
            var gaps = here.Select(id => CoverageRules.UninsuredKeyIndustries(runs[id], policies[id], today, policy).Count).ToList();
            return new LedgerRow(place.Key.TownshipCode, place.Key.VillageCode, new Dictionary<string, decimal>
            {
                ["households"] = here.Count,
                ["applications"] = mine.Count,
                ["openApplications"] = mine.Count(a => a.Status is ApplicationStatus.Applied or ApplicationStatus.Approved),
                ["approvedYuan"] = mine.Where(a => a.Status is ApplicationStatus.Approved or ApplicationStatus.Paid).Sum(a => a.SubsidyYuan),
                ["paidYuan"] = mine.Where(a => a.Status == ApplicationStatus.Paid).Sum(a => a.SubsidyYuan),
                ["atCap"] = here.Count(atCap.Contains),
                ["bound"] = here.Count(bound.Contains),
                ["unbound"] = here.Count(id => !bound.Contains(id)),
                ["keyIndustryHouseholds"] = key.Count,
                ["insuredHouseholds"] = key.Count(id => CoverageRules.UninsuredKeyIndustries(runs[id], policies[id], today, policy).Count == 0),
                ["coverageGaps"] = gaps.Sum(),
            });
        });
        return DepartmentLedger.Build(Title, scope.DisplayName, Columns, rows);
    }
}
