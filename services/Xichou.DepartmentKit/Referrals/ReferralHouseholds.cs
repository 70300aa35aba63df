using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Security;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>A household as a referral needs it: where it is, whose it is, whether it still takes new work.</summary>
public sealed record ReferralHousehold(Guid Id, string? Code, string TownshipCode, string? VillageCode, string Village, string HeadName, bool Exited);

/// <summary>Why a risk cannot be linked to a referral, in Chinese and English.</summary>
public sealed record RiskLinkProblem(string Chinese, string English);

/// <summary>
/// Where a service that keeps referrals finds its households: a department in its copy of the register, the monitoring
/// service in the register itself.
/// </summary>
public interface IReferralHouseholds
{
    /// <summary>The household if it is inside <paramref name="scope"/>.</summary>
    Task<ReferralHousehold?> FindAsync(Guid householdId, Jurisdiction scope, CancellationToken cancellationToken);

    /// <summary>The referrals about households inside <paramref name="scope"/>, as a WHERE clause.</summary>
    IQueryable<Referral> Within(IQueryable<Referral> referrals, Jurisdiction scope);

    /// <summary>Why <paramref name="riskId"/> cannot be linked to a referral about the household, or null when it can.</summary>
    Task<RiskLinkProblem?> CheckRiskAsync(Guid householdId, Guid riskId, CancellationToken cancellationToken);
}

/// <summary>A department's households: its copy of the register, scoped by the places the referral itself records.</summary>
public sealed class KnownHouseholdReferrals(DepartmentDbContext db) : IReferralHouseholds
{
    public async Task<ReferralHousehold?> FindAsync(Guid householdId, Jurisdiction scope, CancellationToken cancellationToken) =>
        await db.Households.AsNoTracking().Within(scope).Where(h => h.Id == householdId)
            .Select(h => new ReferralHousehold(h.Id, h.HouseholdCode, h.TownshipCode, h.VillageCode, h.Village, h.HeadName,
                h.Status == RegisterStatus.Exited))
            .FirstOrDefaultAsync(cancellationToken);

    public IQueryable<Referral> Within(IQueryable<Referral> referrals, Jurisdiction scope) => ReferralScope.ByPlace(referrals, scope);

    /// <summary>A department cannot see the register's risks: it links the id it was given (its finding's or the register's).</summary>
    public Task<RiskLinkProblem?> CheckRiskAsync(Guid householdId, Guid riskId, CancellationToken cancellationToken) =>
        Task.FromResult<RiskLinkProblem?>(null);
}

public static class ReferralScope
{
    /// <summary>Scopes referrals by the township and village they record; a pairing cadre's scope needs the register.</summary>
    public static IQueryable<Referral> ByPlace(IQueryable<Referral> referrals, Jurisdiction scope)
    {
        var code = scope.Code;
        return scope.Level switch
        {
            JurisdictionLevel.County => referrals,
            JurisdictionLevel.Township => referrals.Where(r => r.TownshipCode == code),
            JurisdictionLevel.Village => referrals.Where(r => r.VillageCode == code),
            _ => referrals.Where(r => false),
        };
    }
}
