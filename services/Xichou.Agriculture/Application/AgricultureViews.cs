using Xichou.Agriculture.Model;
using Xichou.Agriculture.Policy;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Agriculture.Application;

/// <summary>A household under the cap: what its applications hold (applied, approved, paid), what was paid, and the headroom left.</summary>
public sealed record CapView(decimal CapYuan, decimal GrantedYuan, decimal PaidYuan, decimal HeadroomYuan)
{
    public static CapView Of(SubsidyAccount? account, AgriculturePolicy policy) => new(
        policy.SubsidyCapPerHouseholdYuan, account?.CommittedYuan ?? 0m, account?.PaidYuan ?? 0m,
        SubsidyRules.HeadroomYuan(account?.CommittedYuan ?? 0m, policy));
}

/// <summary>
/// An industry subsidy application: status applied|approved|paid|refused; subsidyYuan is min(50 % of the cost, the headroom
/// when it was made); headroomYuan is what the household has left under the cap now.
/// </summary>
public sealed record ApplicationView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipCode, string TownshipName, string Village,
    string Industry, string Plan, decimal CostYuan, decimal ShareOfCostYuan, decimal SubsidyYuan, bool Cut, decimal HeadroomYuan,
    decimal CapYuan, decimal GrantedYuan, decimal PaidYuan, int Labourers, bool AtHome, bool WishesToDevelop,
    string Status, string StatusName, DateOnly AppliedOn, string AppliedBy, DateTimeOffset AppliedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, string? ApprovalNote, DateOnly? PaidOn, string? Voucher, string? PaidBy,
    string? RefusalReason, string? RefusedBy, DateTimeOffset? RefusedAt)
{
    public static ApplicationView From(IndustryApplication a, KnownHousehold household, string headName, CapView cap) => new(
        a.Id, household.Id, household.HouseholdCode, headName, household.TownshipCode, Townships.NameOf(household.TownshipCode), household.Village,
        a.Industry, a.Plan, a.CostYuan, a.ShareOfCostYuan, a.SubsidyYuan, a.Cut, cap.HeadroomYuan, cap.CapYuan, cap.GrantedYuan, cap.PaidYuan,
        a.Labourers, a.AtHome, a.WishesToDevelop, WireName.Of(a.Status), IndustryApplication.NameOf(a.Status), a.AppliedOn, a.AppliedBy, a.AppliedAt,
        a.ApprovedBy, a.ApprovedAt, a.ApprovalNote, a.PaidOn, a.Voucher, a.PaidBy, a.RefusalReason, a.RefusedBy, a.RefusedAt);
}

/// <summary>A 双绑 linkage; partnerKind cooperative|leading-enterprise; benefits dividends|orders|jobs.</summary>
public sealed record LinkageView(Guid Id, Guid HouseholdId, string PartnerName, string PartnerKind, string PartnerKindName,
    IReadOnlyList<string> Benefits, string BenefitNames, DateOnly BoundOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static LinkageView From(Linkage l) => new(l.Id, l.HouseholdId, l.PartnerName, WireName.KebabOf(l.PartnerKind), CoverageNames.NameOf(l.PartnerKind),
        [.. l.Benefits.Select(WireName.KebabOf)], string.Join("、", l.Benefits.Select(CoverageNames.NameOf)), l.BoundOn, l.RecordedBy, l.RecordedAt);
}

public sealed record IndustryRunView(string Industry, decimal Scale, string Unit, bool Key, bool Insured);

public sealed record InsurancePolicyView(Guid Id, Guid HouseholdId, string Industry, decimal Scale, string Unit, string Insurer, string? PolicyNumber,
    DateOnly StartsOn, DateOnly EndsOn, bool InForce, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static InsurancePolicyView From(InsurancePolicy p, DateOnly today) => new(p.Id, p.HouseholdId, p.Industry, p.Scale, p.Unit, p.Insurer,
        p.PolicyNumber, p.StartsOn, p.EndsOn, p.CoversOn(today), p.RecordedBy, p.RecordedAt);
}

/// <summary>A loss claim; riskId is the finding's id on the county's risk register.</summary>
public sealed record LossClaimView(Guid Id, Guid InsurancePolicyId, Guid HouseholdId, string Industry, DateOnly OccurredOn, string Cause,
    decimal AmountYuan, Guid RiskId, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An agriculture finding on the register: category unbound-linkage|uninsured-industry, open until its fact no longer holds.</summary>
public sealed record FindingView(Guid Id, string Category, string Subject, string Description, DateTimeOffset OpenedAt, DateTimeOffset? ClearedAt,
    string? Resolution)
{
    public static FindingView From(AgricultureFinding f) => new(f.Id, f.Category, f.Subject, f.Description, f.OpenedAt, f.ClearedAt, f.Resolution);
}

/// <summary>
/// Everything agriculture holds about one household: the industries it runs (surveyed), its 双绑 linkages, its insurance
/// policies and claims, its findings (open and cleared) and its standing under the subsidy cap.
/// </summary>
public sealed record HouseholdAgricultureView(
    Guid HouseholdId, DateOnly? SurveyedOn, IReadOnlyList<IndustryRunView> Industries, bool Bound, IReadOnlyList<LinkageView> Linkages,
    IReadOnlyList<string> UninsuredKeyIndustries, IReadOnlyList<InsurancePolicyView> Policies, IReadOnlyList<LossClaimView> Claims,
    IReadOnlyList<FindingView> Findings, CapView Cap, int Labourers);

/// <summary>An open finding with its household, for the department's work list.</summary>
public sealed record OpenFindingView(Guid HouseholdId, string HouseholdCode, string HeadName, string TownshipName, string Village, FindingView Finding);
