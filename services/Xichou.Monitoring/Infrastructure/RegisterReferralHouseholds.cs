using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Infrastructure;

/// <summary>The register's households for referrals: the caller's jurisdiction (a pairing cadre's included), and the register's own risks.</summary>
public sealed class RegisterReferralHouseholds(MonitoringDbContext db) : IReferralHouseholds
{
    public async Task<ReferralHousehold?> FindAsync(Guid householdId, Jurisdiction scope, CancellationToken cancellationToken) =>
        await db.Households.AsNoTracking().Within(scope).Where(h => h.Id == householdId)
            .Select(h => new ReferralHousehold(h.Id, h.Code, h.TownshipCode, h.VillageCode, h.Village, h.HeadName, h.Status == HouseholdStatus.Exited))
            .FirstOrDefaultAsync(cancellationToken);

    public IQueryable<Referral> Within(IQueryable<Referral> referrals, Jurisdiction scope)
    {
        var households = db.Households.Within(scope);
        return referrals.Where(r => households.Any(h => h.Id == r.HouseholdId));
    }

    public async Task<RiskLinkProblem?> CheckRiskAsync(Guid householdId, Guid riskId, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.AsNoTracking().Where(r => r.HouseholdId == householdId && (r.Id == riskId || r.SourceId == riskId))
            .Select(r => new { r.Status }).FirstOrDefaultAsync(cancellationToken);
        return risk switch
        {
            null => new RiskLinkProblem("不是该户风险台账上的风险", "Not a risk of this household on the register."),
            { Status: RiskStatus.Closed } => new RiskLinkProblem("该风险已消除，不能再转办", "The risk is closed; it takes no new referral."),
            _ => null,
        };
    }
}
