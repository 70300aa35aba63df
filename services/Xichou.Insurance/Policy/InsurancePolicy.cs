using Xichou.DepartmentKit.Policy;

namespace Xichou.Insurance.Policy;

/// <summary>
/// 措施八 社会保障 and 措施九（一） 防贫保险 of 西开组发〔2021〕2号, as one versioned record (<c>Policy:Insurance</c>); served at
/// <c>GET /api/policy</c>.
/// </summary>
public sealed record InsurancePolicy : IDepartmentPolicy
{
    public static readonly InsurancePolicy Xichou2021 = new();

    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>The measure a hospital subsidy and other support are paid under, as the household ledger names it.</summary>
    public string SocialSecurityMeasure { get; init; } = "8";

    /// <summary>The measure a poverty-prevention insurance claim is paid under.</summary>
    public string PovertyInsuranceMeasure { get; init; } = "9.1";

    /// <summary>措施八: the share of members enrolled in basic medical insurance.</summary>
    public decimal MedicalInsuranceCoverage { get; init; } = 1m;

    /// <summary>措施八: the share enrolled in critical-illness insurance.</summary>
    public decimal CriticalIllnessCoverage { get; init; } = 1m;

    /// <summary>措施八: the hospital subsidy covers at most this share of the self-paid part.</summary>
    public decimal HospitalSubsidyShareOfSelfPaid { get; init; } = 0.8m;

    /// <summary>措施八: and at most this many yuan per person per (calendar) year.</summary>
    public decimal HospitalSubsidyCapPerPersonYearYuan { get; init; } = 50000m;

    /// <summary>The register's severity of a member without medical insurance (the measures give none).</summary>
    public string CoverageGapSeverity { get; init; } = "medium";

    /// <summary>措施九（一）: the share of households in poverty-prevention insurance.</summary>
    public decimal PovertyPreventionCoverage { get; init; } = 1m;

    /// <summary>措施九（一）: the risks the poverty-prevention insurance covers, by wire name.</summary>
    public Dictionary<string, string> ClaimKinds { get; init; } = new(StringComparer.Ordinal)
    {
        ["income"] = "收入保障",
        ["housing"] = "住房保障",
        ["medical"] = "医疗保障",
        ["education"] = "教育保障",
        ["accident-property"] = "人身意外财产损失",
        ["natural-disaster"] = "自然灾害",
        ["sudden-accident"] = "突发事故",
    };

    /// <summary>
    /// A department's finding on the register that opens a claim for review, by the finding's department, then its category
    /// prefix, to the covered kind (the measures name the kinds, not the mapping).
    /// </summary>
    public Dictionary<string, string> ClaimKindByFinding { get; init; } = new(StringComparer.Ordinal)
    {
        ["housing:housing-grade-d"] = "housing",
        ["housing:housing-grade-c"] = "housing",
        ["education:"] = "education",
        ["employment:"] = "income",
        ["agriculture:"] = "natural-disaster",
    };

    /// <summary>措施八: the other social-security support recorded per household, by wire name, named as the measure names it.</summary>
    public Dictionary<string, string> OtherSupportKinds { get; init; } = new(StringComparer.Ordinal)
    {
        ["cultivated-land"] = "耕地地力补贴",
        ["public-welfare-forest"] = "公益林补助",
        ["grain-for-green"] = "退耕还林补贴",
        ["minimum-living"] = "民政低保",
        ["disability-certificate"] = "残疾人办证补贴",
        ["temporary-assistance"] = "社会临时救助",
    };

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(SocialSecurityMeasure)] = "措施八：落实社会保障政策",
        [nameof(PovertyInsuranceMeasure)] = "措施九（一）：建立全覆盖的防贫保险制度",
        [nameof(MedicalInsuranceCoverage)] = "措施八：各乡(镇)要做到边缘易致贫户100%参加基本医疗保险和大病保险",
        [nameof(CriticalIllnessCoverage)] = "措施八：各乡(镇)要做到边缘易致贫户100%参加基本医疗保险和大病保险",
        [nameof(HospitalSubsidyShareOfSelfPaid)] = "措施八：对因病住院自付费用过高导致家庭困难的，按照自付部分不超过80%、每人每年不超过5万元的标准进行补助",
        [nameof(HospitalSubsidyCapPerPersonYearYuan)] = "措施八：对因病住院自付费用过高导致家庭困难的，按照自付部分不超过80%、每人每年不超过5万元的标准进行补助",
        [nameof(CoverageGapSeverity)] = "平台默认：未参保为中风险",
        [nameof(PovertyPreventionCoverage)] = "措施九（一）：将全县边缘易致贫户全部纳入防贫保险",
        [nameof(ClaimKinds)] = "措施九（一）：对收入保障、住房保障、医疗保障、教育保障、人身意外财产损失、自然灾害、突发事故纳入保险范围；参保资金由挂包帮单位、县级统筹共同承担",
        [nameof(ClaimKindByFinding)] = "平台默认：住建局危房发现对应住房保障，教体局发现对应教育保障，人社局发现对应收入保障，农科局发现对应自然灾害",
        [nameof(OtherSupportKinds)] = "措施八：要及时落实耕地力补贴、公益林补助、退耕还林补贴、民政低保、残疾人办证补贴、社会临时救助等综合性保障政策",
    };
}
