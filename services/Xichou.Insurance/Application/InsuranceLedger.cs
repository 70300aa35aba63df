using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Ledger;
using Xichou.Insurance.Infrastructure;
using Xichou.Insurance.Model;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Insurance.Application;

/// <summary>
/// 社会保障台账 for the current year (Beijing) by village, within the caller's jurisdiction: members, members in both medical
/// insurances, members recorded without, hospital subsidies and their yuan, households in poverty-prevention insurance,
/// claims paid and other support, in yuan. Every village where insurance knows a household has a line. Sums are taken here,
/// not in SQL: SQLite keeps decimals as text.
/// </summary>
public sealed class InsuranceLedger(InsuranceDbContext db, TimeProvider time) : ILedgerSource
{
    public const string Title = "社会保障台账";

    public static readonly IReadOnlyList<LedgerColumn> Columns =
    [
        new("members", "成员"),
        new("covered", "两险均参保"),
        new("notCovered", "未参保"),
        new("hospitalSubsidies", "住院补助人次"),
        new("hospitalSubsidyYuan", "住院补助（元）"),
        new("povertyInsured", "防贫保险参保户"),
        new("claimsPaidYuan", "防贫理赔（元）"),
        new("otherSupportYuan", "其他保障补助（元）"),
    ];

    public async Task<DepartmentLedger> BuildAsync(Jurisdiction scope, CancellationToken cancellationToken)
    {
        var year = Beijing.Today(time).Year;
        var households = db.Households.AsNoTracking().Within(scope);
        var places = await households.Select(h => new { h.Id, h.TownshipCode, h.VillageCode }).ToListAsync(cancellationToken);
        var placeOf = places.ToDictionary(p => p.Id, p => (p.TownshipCode, p.VillageCode));
        var ids = households.Select(h => h.Id);
        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.HouseholdId)).Select(m => new { m.Id, m.HouseholdId })
            .ToListAsync(cancellationToken);
        var enrolments = await db.MedicalEnrolments.AsNoTracking().Where(e => e.Year == year && ids.Contains(e.HouseholdId))
            .Select(e => new { e.MemberId, e.HouseholdId, e.BasicMedical, e.CriticalIllness }).ToListAsync(cancellationToken);
        var subsidies = await db.HospitalSubsidies.AsNoTracking().Where(s => s.Year == year && ids.Contains(s.HouseholdId))
            .Select(s => new { s.HouseholdId, s.SubsidyYuan }).ToListAsync(cancellationToken);
        var insured = await db.PovertyInsuranceEnrolments.AsNoTracking().Where(e => e.Year == year && ids.Contains(e.HouseholdId))
            .Select(e => e.HouseholdId).ToListAsync(cancellationToken);
        var firstDay = new DateOnly(year, 1, 1);
        var claims = await db.PreventionClaims.AsNoTracking()
            .Where(c => c.Status == ClaimStatus.Paid && c.PaidOn >= firstDay && ids.Contains(c.HouseholdId))
            .Select(c => new { c.HouseholdId, c.AssessedYuan }).ToListAsync(cancellationToken);
        var other = await db.OtherSupportPayments.AsNoTracking().Where(p => p.PaidOn >= firstDay && ids.Contains(p.HouseholdId))
            .Select(p => new { p.HouseholdId, p.AmountYuan }).ToListAsync(cancellationToken);
        var current = members.Select(m => m.Id).ToHashSet();

        var rows = places.GroupBy(p => (p.TownshipCode, p.VillageCode)).Select(village =>
        {
            bool Here(Guid householdId) => placeOf[householdId] == village.Key;
            var here = enrolments.Where(e => Here(e.HouseholdId) && current.Contains(e.MemberId)).ToList();
            return new LedgerRow(village.Key.TownshipCode, village.Key.VillageCode, new Dictionary<string, decimal>
            {
                ["members"] = members.Count(m => Here(m.HouseholdId)),
                ["covered"] = here.Count(e => e.BasicMedical && e.CriticalIllness),
                ["notCovered"] = here.Count(e => !(e.BasicMedical && e.CriticalIllness)),
                ["hospitalSubsidies"] = subsidies.Count(s => Here(s.HouseholdId)),
                ["hospitalSubsidyYuan"] = subsidies.Where(s => Here(s.HouseholdId)).Sum(s => s.SubsidyYuan),
                ["povertyInsured"] = insured.Count(Here),
                ["claimsPaidYuan"] = claims.Where(c => Here(c.HouseholdId)).Sum(c => c.AssessedYuan ?? 0m),
                ["otherSupportYuan"] = other.Where(p => Here(p.HouseholdId)).Sum(p => p.AmountYuan),
            });
        });
        return DepartmentLedger.Build($"{Title}（{year}年）", scope.DisplayName, Columns, rows);
    }
}
