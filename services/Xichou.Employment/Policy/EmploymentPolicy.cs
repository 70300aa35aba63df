using Xichou.DepartmentKit.Policy;

namespace Xichou.Employment.Policy;

/// <summary>措施五 稳岗就业促增收 of 西开组发〔2021〕2号, as one versioned record (<c>Policy:Employment</c>); served at <c>GET /api/policy</c>.</summary>
public sealed record EmploymentPolicy : IDepartmentPolicy
{
    public static readonly EmploymentPolicy Xichou2021 = new();

    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>措施五: every household has at least this many people employed.</summary>
    public int MinEmployedPerHousehold { get; init; } = 1;

    /// <summary>措施五: at least this many labourers per household trained.</summary>
    public int MinTrainedLabourersPerHousehold { get; init; } = 1;

    /// <summary>措施五: each migrant worker is checked once in this many months.</summary>
    public int MigrantCheckIntervalMonths { get; init; } = 1;

    /// <summary>A public-welfare post (公益性岗位) counts as local employment.</summary>
    public bool PublicWelfarePostCountsAsEmployed { get; init; } = true;

    /// <summary>A household with no labourer is not an employment finding: measure 5 works through labourers (兜底 is measure 8's).</summary>
    public bool HouseholdsWithoutLabourersExempt { get; init; } = true;

    /// <summary>The severity of the finding “nobody employed or nobody trained” on the county's register.</summary>
    public string FindingSeverity { get; init; } = "medium";

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(MinEmployedPerHousehold)] = "措施五：“各乡(镇)、县人社局要加大就业扶贫力度,确保每个家庭均有人就业。”",
        [nameof(MinTrainedLabourersPerHousehold)] = "措施五：“一是加强技能培训,做到每一个边缘易致贫户家庭劳动力至少一人参加培训。”",
        [nameof(MigrantCheckIntervalMonths)] = "措施五：“三是对边缘易致贫户外出务工情况进行逐户逐人的排查,建立台账,加强跟踪管理,做到每月监测1次,实现稳定务工就业。”",
        [nameof(PublicWelfarePostCountsAsEmployed)] = "措施五：“对无外出务工意愿的边缘户,组织就近就地有针对性安排务工。”公益性岗位计为就近就业：平台默认",
        [nameof(HouseholdsWithoutLabourersExempt)] = "平台默认：无劳动力的家庭不列为就业风险（措施五针对家庭劳动力；兜底保障见措施八）",
        [nameof(FindingSeverity)] = "平台默认：无人就业或无人培训为中风险",
    };
}
