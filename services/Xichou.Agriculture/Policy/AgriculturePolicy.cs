using Xichou.DepartmentKit.Policy;

namespace Xichou.Agriculture.Policy;

/// <summary>
/// 措施四 产业增收 and 措施九（二） 农业保险 of 西开组发〔2021〕2号, as one versioned record (<c>Policy:Agriculture</c>); served at
/// <c>GET /api/policy</c>.
/// </summary>
public sealed record AgriculturePolicy : IDepartmentPolicy
{
    public static readonly AgriculturePolicy Xichou2021 = new();

    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>措施四: the subsidy covers at most this share of the household's industry cost.</summary>
    public decimal SubsidyShareOfCost { get; init; } = 0.5m;

    /// <summary>措施四: and at most this many yuan per household.</summary>
    public decimal SubsidyCapPerHouseholdYuan { get; init; } = 3000m;

    /// <summary>措施九（二）: the key industries to insure.</summary>
    public List<string> KeyIndustries { get; init; } = ["烤烟", "甘蔗", "生猪", "乌骨鸡", "蔬菜"];

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(SubsidyShareOfCost)] = "措施四：按不超过产业投入的50%给予补助",
        [nameof(SubsidyCapPerHouseholdYuan)] = "措施四：每户最高不超过3000元",
        [nameof(KeyIndustries)] = "措施九（二）：烤烟、甘蔗、生猪、乌骨鸡、蔬菜等重点产业",
    };
}
