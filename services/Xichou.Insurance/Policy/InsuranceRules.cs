using System.Globalization;

namespace Xichou.Insurance.Policy;

/// <summary>What a hospital bill gets: the subsidy, and what is left of the person's yearly cap after it.</summary>
public sealed record HospitalSubsidyAward(decimal SubsidyYuan, decimal GrantedBeforeYuan, decimal RemainingAfterYuan)
{
    /// <summary>At the cap already: nothing is left to grant, the bill is refused.</summary>
    public bool Refused => SubsidyYuan <= 0m;
}

/// <summary>措施八 and 措施九（一）'s rules as plain functions of the insurance policy in force.</summary>
public static class InsuranceRules
{
    /// <summary>Yuan to the fen, half away from zero (四舍五入).</summary>
    public static decimal Fen(decimal yuan) => decimal.Round(yuan, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// 措施八 “按照自付部分不超过80%、每人每年不超过5万元的标准进行补助”: min(80 % of the self-paid part, what is left of the person's
    /// 50,000 yuan for the bill's year), to the fen; <paramref name="grantedThisYearYuan"/> is what the person already got that year.
    /// </summary>
    public static HospitalSubsidyAward HospitalSubsidy(decimal selfPaidYuan, decimal grantedThisYearYuan, InsurancePolicy policy)
    {
        var left = Math.Max(0m, policy.HospitalSubsidyCapPerPersonYearYuan - grantedThisYearYuan);
        var subsidy = Math.Min(Fen(selfPaidYuan * policy.HospitalSubsidyShareOfSelfPaid), left);
        return new HospitalSubsidyAward(subsidy, grantedThisYearYuan, left - subsidy);
    }

    /// <summary>
    /// The same for a bill dated <paramref name="billDate"/> given the person's earlier subsidies: only those of the bill's
    /// year count against the cap, so a new year starts again from the whole 50,000 yuan.
    /// </summary>
    public static HospitalSubsidyAward HospitalSubsidy(decimal selfPaidYuan, DateOnly billDate,
        IEnumerable<(DateOnly BillDate, decimal SubsidyYuan)> earlier, InsurancePolicy policy) =>
        HospitalSubsidy(selfPaidYuan, earlier.Where(e => e.BillDate.Year == billDate.Year).Sum(e => e.SubsidyYuan), policy);

    /// <summary>The cap as the household ledger names it: 每人每年累计50000元.</summary>
    public static string HospitalSubsidyCapName(InsurancePolicy policy) =>
        $"每人每年累计{policy.HospitalSubsidyCapPerPersonYearYuan.ToString("0.##", CultureInfo.InvariantCulture)}元";

    public const string HospitalSubsidyKind = "hospital-subsidy";
    public const string HospitalSubsidyKindName = "住院自付费用补助";
    public const string ClaimPaymentKind = "insurance-claim";
    public const string OtherSupportKind = "other-support";

    /// <summary>The register's category of a household with a member outside basic or critical-illness insurance.</summary>
    public const string CoverageGapCategory = "no-medical-insurance";

    /// <summary>A member is covered for the year only in both basic medical and critical-illness insurance (措施八 “100%参加”).</summary>
    public static bool IsCovered(bool basicMedical, bool criticalIllness) => basicMedical && criticalIllness;

    /// <summary>
    /// The covered kind a department's finding opens a claim in: the policy's mapping by "{department}:{category prefix}",
    /// the longest prefix first; null when the finding is in no covered kind.
    /// </summary>
    public static string? ClaimKindForFinding(string department, string category, InsurancePolicy policy) =>
        policy.ClaimKindByFinding
            .Where(m => m.Key.Split(':', 2) is [var d, var prefix] && d == department && category.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(m => m.Key.Length)
            .Select(m => m.Value)
            .FirstOrDefault(kind => policy.ClaimKinds.ContainsKey(kind));
}
