using Xichou.DepartmentKit.Policy;

namespace Xichou.Housing.Policy;

/// <summary>
/// 措施三 消除住房隐患 of 西开组发〔2021〕2号, with the rural dangerous-house grades (农村住房安全性鉴定: A, B safe; C partly, D
/// wholly dangerous), as one versioned record (<c>Policy:Housing</c>); served at <c>GET /api/policy</c>.
/// </summary>
public sealed record HousingPolicy : IDepartmentPolicy
{
    public static readonly HousingPolicy Xichou2021 = new();

    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>Grades at which a house is unsafe: the assessment is a finding and the house gets a remediation case.</summary>
    public List<string> UnsafeGrades { get; init; } = ["C", "D"];

    /// <summary>Grades a re-assessment must reach before a remediation case is complete.</summary>
    public List<string> SafeGrades { get; init; } = ["A", "B"];

    /// <summary>The finding's severity by unsafe grade (wholly dangerous is high).</summary>
    public Dictionary<string, string> SeverityByGrade { get; init; } = new(StringComparer.Ordinal) { ["C"] = "medium", ["D"] = "high" };

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(UnsafeGrades)] = "措施三：对于安全住房未得到保障的边缘易致贫户……逐户分析研究；C级（局部危险）、D级（整体危险）为危房（住建部农村危险房屋鉴定技术导则）",
        [nameof(SafeGrades)] = "措施三：明确专人负责，确保安全住房有保障；A、B级为安全住房",
        [nameof(SeverityByGrade)] = "平台默认：D级整体危险为高风险，C级为中风险",
    };
}
