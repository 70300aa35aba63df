using System.Security.Claims;
using Xichou.Contracts;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Risks;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Access;

/// <summary>
/// Who may write what in the monitoring service, in one place: the endpoints' policies, the handlers' own checks (a page posts
/// to a handler without passing an endpoint's policy) and what the pages offer all ask here. Reading and revealing personal data
/// stay with <see cref="ServiceAccess"/> and <see cref="ServiceSecurity"/>; the jurisdiction with <see cref="Jurisdiction"/>.
/// </summary>
public static class MonitoringAccess
{
    /// <summary>The authorization policy of recording a visit: writers, and pairing cadres for their own household's 回头看.</summary>
    public const string RecordVisitsPolicy = "visits:record";

    /// <summary>The roles that may record some visit: the monitoring service's writers and pairing cadres.</summary>
    public static IEnumerable<string> VisitRecorders => ServiceAccess.WritersOf(ServiceNames.Monitoring).Append(Roles.PairingCadre);

    /// <summary>Village monitors, township staff and the poverty office: the register, visits, risks, loans, the hotline, filings.</summary>
    public static bool MayWrite(ClaimsPrincipal user) => ServiceAccess.WritersOf(ServiceNames.Monitoring).Any(user.IsInRole);

    /// <summary>
    /// A visit of <paramref name="kind"/>: a writer any kind; a pairing cadre (no writer here) only a cadre visit (回头看), and
    /// only to the household paired with them, which the cadre's jurisdiction already narrows to.
    /// </summary>
    public static bool MayRecordVisit(ClaimsPrincipal user, VisitKind? kind) =>
        MayWrite(user) || (kind == VisitKind.Cadre && user.IsInRole(Roles.PairingCadre));

    /// <summary>Offer the visit form at all: a writer, or a pairing cadre for a cadre visit.</summary>
    public static bool MayRecordAnyVisit(ClaimsPrincipal user) => VisitRecorders.Any(user.IsInRole);

    /// <summary>The cadre list and pairing (双绑, 措施二) are arranged by the county poverty office only.</summary>
    public static bool MayArrangePairing(ClaimsPrincipal user) => user.IsInRole(Roles.PovertyOffice);

    /// <summary>Acting on a risk (a measure, a report up, a referral) is for a writer at its level or above: a village cannot act for the township.</summary>
    public static bool MayActOnRisk(ClaimsPrincipal user, Jurisdiction scope, RiskLevel level) => MayWrite(user) && RiskRegister.MayActOn(scope, level);

    /// <summary>A reported missed household (漏评) is decided by its township, or by the county.</summary>
    public static bool MayDecideInclusion(Jurisdiction scope) => scope.Level is JurisdictionLevel.County or JurisdictionLevel.Township;

    /// <summary>及时提醒乡镇: the county reminds townships of the monthly analysis.</summary>
    public static bool MayRemindTownships(Jurisdiction scope) => scope.Level == JurisdictionLevel.County;
}
