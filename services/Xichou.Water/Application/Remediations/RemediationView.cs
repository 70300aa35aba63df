using System.Security.Claims;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Referrals;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;
using Xichou.Water.Application.Checks;
using Xichou.Water.Model.Remediations;
using Xichou.Water.Policy;

namespace Xichou.Water.Application.Remediations;

/// <summary>A household of a case: where it is and its head (masked for those who read names masked).</summary>
public sealed record RemediationHouseholdView(Guid HouseholdId, string HouseholdCode, string TownshipCode, string? VillageCode, string Village, string HeadName);

/// <summary>A remediation case; status open|completed.</summary>
public sealed record RemediationView(
    Guid Id, string Measure, string ResponsiblePerson, string? SupplyPoint, string Status, string StatusName,
    IReadOnlyList<RemediationHouseholdView> Households, string OpenedBy, DateTimeOffset OpenedAt, DateOnly? RecheckedOn,
    string? CompletedBy, DateTimeOffset? CompletedAt)
{
    public static RemediationView From(RemediationCase remediation, IEnumerable<KnownHousehold> known, ClaimsPrincipal user, ServiceSecurity security)
    {
        var byId = known.ToDictionary(h => h.Id);
        return new(remediation.Id, remediation.Measure, remediation.ResponsiblePerson, remediation.SupplyPoint,
            WireName.Of(remediation.Status), RemediationCase.NameOf(remediation.Status),
            [.. remediation.Households.Select(h => byId[h.HouseholdId])
                .OrderBy(h => h.HouseholdCode, StringComparer.Ordinal)
                .Select(h => new RemediationHouseholdView(h.Id, h.HouseholdCode, h.TownshipCode, h.VillageCode, h.Village, security.NameFor(user, h.HeadName)))],
            remediation.OpenedBy, remediation.OpenedAt, remediation.RecheckedOn, remediation.CompletedBy, remediation.CompletedAt);
    }
}

public sealed record RemediationPage(int Total, int Page, int PageSize, IReadOnlyList<RemediationView> Items);

/// <summary>The completed case, each household's re-check, and the referrals to water delivered with it (one transaction).</summary>
public sealed record CompletionView(RemediationView Remediation, IReadOnlyList<CheckView> Checks, IReadOnlyList<ReferralView> DeliveredReferrals);

/// <summary>A household whose re-check failed, with each failing indicator (in the 409's <c>households</c>).</summary>
public sealed record FailingHouseholdView(Guid HouseholdId, string HouseholdCode, IReadOnlyList<IndicatorView> Failing)
{
    public static FailingHouseholdView From(HouseholdVerdict verdict) => new(verdict.Household.Id, verdict.Household.HouseholdCode,
        [.. verdict.Verdict.Failures.Select(f => new IndicatorView(WireName.Of(f.Indicator), WaterRules.NameOf(f.Indicator), false, f.Explanation))]);
}
