using Xichou.DepartmentKit.Policy;

namespace Xichou.Education.Policy;

/// <summary>措施六 教育帮扶 of 西开组发〔2021〕2号, as one versioned record (<c>Policy:Education</c>); served at <c>GET /api/policy</c>.</summary>
public sealed record EducationPolicy : IDepartmentPolicy
{
    public static readonly EducationPolicy Xichou2021 = new();

    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>措施六: a preschool child gets this many yuan per period.</summary>
    public decimal PreschoolSubsidyYuan { get; init; } = 500m;

    /// <summary>措施六: a student in senior high school or above (vocational and tertiary included) gets this many yuan per period.</summary>
    public decimal SeniorHighAndAboveSubsidyYuan { get; init; } = 2000m;

    /// <summary>The measures give no period; one school year is the platform default.</summary>
    public string SubsidyPeriod { get; init; } = "school-year";

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(PreschoolSubsidyYuan)] = "措施六：学前教育每人资助500元",
        [nameof(SeniorHighAndAboveSubsidyYuan)] = "措施六：高中及以上每人资助2000元",
        [nameof(SubsidyPeriod)] = "平台默认：措施未规定资助周期，按学年",
    };
}
