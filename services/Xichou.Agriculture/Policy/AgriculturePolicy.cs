using Xichou.DepartmentKit.Policy;

namespace Xichou.Agriculture.Policy;

/// <summary>
/// 措施四 发展产业促增收 and 措施九（二） 农业保险 of 西开组发〔2021〕2号, as one versioned record (<c>Policy:Agriculture</c>); served at
/// <c>GET /api/policy</c>.
/// </summary>
public sealed record AgriculturePolicy : IDepartmentPolicy
{
    public static readonly AgriculturePolicy Xichou2021 = new();

    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>措施四: the subsidy covers at most this share of the household's industry cost.</summary>
    public decimal SubsidyShareOfCost { get; init; } = 0.5m;

    /// <summary>措施四: and at most this many yuan per household, across all its applications.</summary>
    public decimal SubsidyCapPerHouseholdYuan { get; init; } = 3000m;

    /// <summary>The largest industry cost one application may state (a typing error of a few zeros is refused, not capped).</summary>
    public decimal MaxCostYuan { get; init; } = 1_000_000m;

    /// <summary>Industries a subsidy may be applied for: the key industries and the county's other household industries.</summary>
    public List<string> SubsidyIndustries { get; init; } = ["烤烟", "甘蔗", "生猪", "乌骨鸡", "蔬菜", "肉牛", "山羊", "三七", "中药材", "茶叶", "水果", "食用菌"];

    /// <summary>措施九（二）: the key industries to insure; one the household runs without a policy in force is a coverage gap.</summary>
    public List<string> KeyIndustries { get; init; } = ["烤烟", "甘蔗", "生猪", "乌骨鸡", "蔬菜"];

    /// <summary>How a key industry's scale is counted: 亩 (mu) for crops, 头/只 (head) for animals.</summary>
    public Dictionary<string, string> ScaleUnits { get; init; } = new(StringComparer.Ordinal)
    {
        ["烤烟"] = "mu", ["甘蔗"] = "mu", ["蔬菜"] = "mu", ["生猪"] = "head", ["乌骨鸡"] = "head",
    };

    /// <summary>The severity of each agriculture finding on the county's risk register.</summary>
    public string UnboundSeverity { get; init; } = "low";

    public string UninsuredSeverity { get; init; } = "low";

    public string LossClaimSeverity { get; init; } = "medium";

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(SubsidyShareOfCost)] = "措施四：凡是在家有劳动能力、有产业发展意愿的边缘户，按照奖补资金不超过该户产业发展成本资金的50%进行奖补发展到户产业",
        [nameof(SubsidyCapPerHouseholdYuan)] = "措施四：户补助资金最高不超过3000元",
        [nameof(MaxCostYuan)] = "平台默认：单次申请的产业发展成本不超过100万元（防止录入错误）",
        [nameof(SubsidyIndustries)] = "平台默认：重点产业及本县常见到户产业",
        [nameof(KeyIndustries)] = "措施九（二）：落实政策性农业保险，将重点产业烤烟、甘蔗、生猪、乌骨鸡、蔬菜纳入农业保险范畴，增强抵御灾害能力",
        [nameof(ScaleUnits)] = "平台默认：种植业按亩、养殖业按头（只）计",
        [nameof(UnboundSeverity)] = "措施四：建立利益联结“双绑”机制开展减贫带贫，实现带贫益贫全覆盖；未绑定的等级为平台默认",
        [nameof(UninsuredSeverity)] = "措施九（二）：重点产业纳入农业保险范畴；未参保的等级为平台默认",
        [nameof(LossClaimSeverity)] = "平台默认：农业保险出险报损视为收入风险（中）",
    };
}
