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

    /// <summary>措施八: the share of members enrolled in basic medical insurance.</summary>
    public decimal MedicalInsuranceCoverage { get; init; } = 1m;

    /// <summary>措施八: the share enrolled in critical-illness insurance.</summary>
    public decimal CriticalIllnessCoverage { get; init; } = 1m;

    /// <summary>措施八: the hospital subsidy covers at most this share of the self-paid part.</summary>
    public decimal HospitalSubsidyShareOfSelfPaid { get; init; } = 0.8m;

    /// <summary>措施八: and at most this many yuan per person per year.</summary>
    public decimal HospitalSubsidyCapPerPersonYearYuan { get; init; } = 50000m;

    /// <summary>措施九（一）: the share of households in poverty-prevention insurance.</summary>
    public decimal PovertyPreventionCoverage { get; init; } = 1m;

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(MedicalInsuranceCoverage)] = "措施八：基本医疗保险参保率达100%",
        [nameof(CriticalIllnessCoverage)] = "措施八：大病保险参保率达100%",
        [nameof(HospitalSubsidyShareOfSelfPaid)] = "措施八：按不超过住院自付部分的80%给予补助",
        [nameof(HospitalSubsidyCapPerPersonYearYuan)] = "措施八：每人每年最高不超过5万元",
        [nameof(PovertyPreventionCoverage)] = "措施九（一）：边缘易致贫户全部纳入防贫保险",
    };
}
