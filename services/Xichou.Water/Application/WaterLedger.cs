using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Ledger;
using Xichou.ServiceDefaults.Security;
using Xichou.Water.Infrastructure;

namespace Xichou.Water.Application;

/// <summary>
/// 饮水安全台账 by village within the caller's jurisdiction: households checked, unsafe now (their latest check fails), in an
/// open remediation case, and made safe (in a completed case).
/// </summary>
public sealed class WaterLedger(WaterDbContext db) : ILedgerSource
{
    public const string Title = "饮水安全台账";

    public static readonly IReadOnlyList<LedgerColumn> Columns =
    [
        new("checked", "已排查"),
        new("unsafe", "不达标"),
        new("inRemediation", "整改中"),
        new("madeSafe", "已达标"),
    ];

    public async Task<DepartmentLedger> BuildAsync(Jurisdiction scope, CancellationToken cancellationToken)
    {
        var households = db.Households.AsNoTracking().Within(scope);
        var unsafeNow = db.LatestChecks().Where(c => !c.Safe).Select(c => c.HouseholdId);
        var inOpenCases = db.InOpenCases();
        var inCompletedCases = db.InCompletedCases();
        var figures = new Dictionary<string, IQueryable<KnownHousehold>>
        {
            ["checked"] = households.Where(h => db.Checks.Any(c => c.HouseholdId == h.Id)),
            ["unsafe"] = households.Where(h => unsafeNow.Contains(h.Id)),
            ["inRemediation"] = households.Where(h => inOpenCases.Contains(h.Id)),
            ["madeSafe"] = households.Where(h => inCompletedCases.Contains(h.Id)),
        };
        var byVillage = new Dictionary<(string Township, string? Village), Dictionary<string, decimal>>();
        foreach (var (key, query) in figures)
        {
            var counts = await query.GroupBy(h => new { h.TownshipCode, h.VillageCode })
                .Select(g => new { g.Key.TownshipCode, g.Key.VillageCode, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var count in counts)
            {
                if (!byVillage.TryGetValue((count.TownshipCode, count.VillageCode), out var values))
                {
                    byVillage[(count.TownshipCode, count.VillageCode)] = values = [];
                }
                values[key] = count.Count;
            }
        }
        return DepartmentLedger.Build(Title, scope.DisplayName, Columns,
            byVillage.Select(pair => new LedgerRow(pair.Key.Township, pair.Key.Village, pair.Value)));
    }
}
