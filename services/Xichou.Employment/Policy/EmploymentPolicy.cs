using Xichou.DepartmentKit.Policy;

namespace Xichou.Employment.Policy;

/// <summary>措施五 稳岗就业 of 西开组发〔2021〕2号, as one versioned record (<c>Policy:Employment</c>); served at <c>GET /api/policy</c>.</summary>
public sealed record EmploymentPolicy : IDepartmentPolicy
{
    public static readonly EmploymentPolicy Xichou2021 = new();

    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>措施五: every household has at least this many people employed.</summary>
    public int MinEmployedPerHousehold { get; init; } = 1;

    /// <summary>措施五: at least this many labourers per household trained.</summary>
    public int MinTrainedLabourersPerHousehold { get; init; } = 1;

    /// <summary>措施五: the per-person ledger of migrant work is checked this often (months).</summary>
    public int MigrantCheckIntervalMonths { get; init; } = 1;

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(MinEmployedPerHousehold)] = "措施五：确保每户至少有1人就业",
        [nameof(MinTrainedLabourersPerHousehold)] = "措施五：每户至少培训1名劳动力",
        [nameof(MigrantCheckIntervalMonths)] = "措施五：外出务工人员逐人建立台账，每月核查一次",
    };
}
