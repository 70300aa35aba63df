using System.Security.Claims;
using Xichou.Contracts;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Support;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Hotline;

public sealed record ComplaintView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string TownshipName, string Village, string HeadName, string Content, string? CallerPhone,
    DateTimeOffset ReceivedAt, string RecordedBy, Guid RiskId, string RiskLevel, string RiskStatus)
{
    /// <summary>
    /// The caller's phone is always masked: a complainant is protected, and no reveal is offered here. Below the township
    /// (the village complained about, a pairing cadre) not even the prefix and last four digits are shown, which in a
    /// village are enough to tell who called.
    /// </summary>
    public static ComplaintView From(Complaint complaint, Household household, Risk risk, ClaimsPrincipal user, ServiceSecurity security) => new(
        complaint.Id, household.Id, household.Code, Townships.NameOf(household.TownshipCode), household.Village, security.NameFor(user, household.HeadName),
        complaint.Content, CallerPhoneFor(complaint.CallerPhone, security.JurisdictionOf(user)), complaint.ReceivedAt,
        complaint.RecordedBy, risk.Id, risk.Level.ToString().ToLowerInvariant(), risk.Status.ToString().ToLowerInvariant());

    public const string HiddenPhone = "***********";

    /// <summary>138****5678 for the township and the county; every digit hidden below the township.</summary>
    public static string? CallerPhoneFor(string? phone, Jurisdiction scope) => phone is null ? null
        : scope.Level is JurisdictionLevel.County or JurisdictionLevel.Township ? PersonalData.MaskPhone(phone)
        : HiddenPhone;
}

/// <summary>
/// A reported missed household (漏评) as the caller may see it: the person's name masked where names are, the caller's
/// phone as <see cref="ComplaintView.CallerPhoneFor"/>; the decision as a wire name (<c>pending</c>, <c>included</c>,
/// <c>notIncluded</c>) with its Chinese label.
/// </summary>
public sealed record InclusionCheckView(
    Guid Id, string TownshipCode, string TownshipName, string VillageCode, string Village, string? PersonName, string Content,
    string? CallerPhone, DateTimeOffset ReceivedAt, string RecordedBy, string Decision, string DecisionName, string? Reason,
    string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static InclusionCheckView From(InclusionCheck check, ClaimsPrincipal user, ServiceSecurity security) => new(
        check.Id, check.TownshipCode, Townships.NameOf(check.TownshipCode), check.VillageCode, Villages.NameOf(check.VillageCode),
        check.PersonName is null ? null : security.NameFor(user, check.PersonName), check.Content,
        ComplaintView.CallerPhoneFor(check.CallerPhone, security.JurisdictionOf(user)), check.ReceivedAt, check.RecordedBy,
        InclusionDecisions.Wire(check.Decision), InclusionDecisions.Chinese(check.Decision), check.Reason, check.DecidedBy, check.DecidedAt);
}
