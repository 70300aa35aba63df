using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Ledger;
using Xichou.Housing.Infrastructure;
using Xichou.Housing.Model;
using Xichou.Housing.Policy;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Housing.Application;

/// <summary>
/// 住房安全台账 by village, within the caller's jurisdiction: households assessed, houses unsafe at their latest assessment,
/// cases in remediation, cases made safe. Every village where housing knows a household has a line, so one nobody has
/// assessed yet shows as 0. The kit serves it at <c>GET /api/ledger</c>, as .xlsx and on the home page.
/// </summary>
public sealed class HousingLedger(HousingDbContext db, HousingPolicy policy) : ILedgerSource
{
    public const string Title = "住房安全台账";

    public static readonly IReadOnlyList<LedgerColumn> Columns =
    [
        new("surveyed", "已鉴定"),
        new("unsafe", "危房"),
        new("inRemediation", "改造中"),
        new("madeSafe", "已安全"),
    ];

    public async Task<DepartmentLedger> BuildAsync(Jurisdiction scope, CancellationToken cancellationToken)
    {
        var households = db.Households.AsNoTracking().Within(scope);
        var places = await households.Select(h => new { h.TownshipCode, h.VillageCode }).Distinct().ToListAsync(cancellationToken);
        var assessments = await (
            from a in db.Assessments.AsNoTracking()
            join h in households on a.HouseholdId equals h.Id
            select new { a.HouseholdId, h.TownshipCode, h.VillageCode, a.Grade, a.AssessedOn, a.RecordedAt })
            .ToListAsync(cancellationToken);
        var cases = await (
            from c in db.RemediationCases.AsNoTracking()
            join h in households on c.HouseholdId equals h.Id
            group c by new { h.TownshipCode, h.VillageCode, c.Status } into g
            select new { g.Key.TownshipCode, g.Key.VillageCode, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // A house's state is its latest assessment's: by the day assessed, then by when it was recorded.
        var latest = assessments.GroupBy(a => a.HouseholdId)
            .Select(g => g.OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.RecordedAt).First())
            .ToList();
        var rows = places.Select(place =>
        {
            bool Here(string township, string? village) => township == place.TownshipCode && village == place.VillageCode;
            var here = latest.Where(a => Here(a.TownshipCode, a.VillageCode)).ToList();
            int CasesOf(RemediationStatus status) =>
                cases.Where(c => Here(c.TownshipCode, c.VillageCode) && c.Status == status).Sum(c => c.Count);
            return new LedgerRow(place.TownshipCode, place.VillageCode, new Dictionary<string, decimal>
            {
                ["surveyed"] = here.Count,
                ["unsafe"] = here.Count(a => HousingRules.IsUnsafe(a.Grade, policy)),
                ["inRemediation"] = CasesOf(RemediationStatus.Open),
                ["madeSafe"] = CasesOf(RemediationStatus.Completed),
            });
        });
        return DepartmentLedger.Build(Title, scope.DisplayName, Columns, rows);
    }
}
