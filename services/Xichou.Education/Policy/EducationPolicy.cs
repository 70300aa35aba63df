using Xichou.DepartmentKit.Policy;

namespace Xichou.Education.Policy;

/// <summary>
/// 措施六 落实教育帮扶政策 of 西开组发〔2021〕2号, as one versioned record (<c>Policy:Education</c>); served at
/// <c>GET /api/policy</c>. Stages are the register's wire names (preschool, primary, juniorSecondary, seniorSecondary,
/// vocational, tertiary, notInSchool).
/// </summary>
public sealed record EducationPolicy : IDepartmentPolicy
{
    public static readonly EducationPolicy Xichou2021 = new();

    /// <summary>A school year (2026-2027) or a calendar year (2026).</summary>
    public const string SchoolYear = "school-year";

    public const string CalendarYear = "year";

    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>措施六: a preschool child gets this many yuan per period.</summary>
    public decimal PreschoolSubsidyYuan { get; init; } = 500m;

    /// <summary>措施六: a student in senior high school or above (vocational and tertiary included) gets this many yuan per period.</summary>
    public decimal SeniorHighAndAboveSubsidyYuan { get; init; } = 2000m;

    /// <summary>The stages paid the preschool amount.</summary>
    public List<string> PreschoolStages { get; init; } = ["preschool"];

    /// <summary>The stages paid the senior-high-and-above amount (“高中及以上”: senior high, vocational, tertiary).</summary>
    public List<string> SeniorHighAndAboveStages { get; init; } = ["seniorSecondary", "vocational", "tertiary"];

    /// <summary>The compulsory stages (义务教育): no subsidy under this measure; a child of compulsory age out of school is a dropout.</summary>
    public List<string> CompulsoryStages { get; init; } = ["primary", "juniorSecondary"];

    /// <summary>The period one grant covers: <see cref="SchoolYear"/> (2026-2027) or <see cref="CalendarYear"/> (2026).</summary>
    public string SubsidyPeriod { get; init; } = SchoolYear;

    /// <summary>The month a school year begins (the autumn term).</summary>
    public int SchoolYearStartMonth { get; init; } = 9;

    /// <summary>The youngest age (full years, on the survey day) of compulsory schooling.</summary>
    public int CompulsoryAgeFrom { get; init; } = 6;

    /// <summary>The oldest age (full years, on the survey day) of compulsory schooling.</summary>
    public int CompulsoryAgeTo { get; init; } = 15;

    /// <summary>The severity of a dropout finding (控辍保学) on the county's risk register.</summary>
    public string DropoutSeverity { get; init; } = "high";

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(PreschoolSubsidyYuan)] = "措施六：对有非义务教育阶段在校学生的家庭要及时落实教育补助政策，学前教育每人补助500元",
        [nameof(SeniorHighAndAboveSubsidyYuan)] = "措施六：高中及以上每人补助2000元",
        [nameof(PreschoolStages)] = "措施六：学前教育每人补助500元",
        [nameof(SeniorHighAndAboveStages)] = "措施六：高中及以上每人补助2000元；平台默认：中职、高校计入“高中及以上”",
        [nameof(CompulsoryStages)] = "措施六：补助对象为非义务教育阶段在校学生；小学、初中为义务教育阶段（《义务教育法》）",
        [nameof(SubsidyPeriod)] = "平台默认：措施未规定补助周期，按学年（如2026-2027），每生每学年一次",
        [nameof(SchoolYearStartMonth)] = "平台默认：学年自秋季学期9月起",
        [nameof(CompulsoryAgeFrom)] = "平台默认：《义务教育法》第十一条，年满六周岁的儿童入学接受义务教育",
        [nameof(CompulsoryAgeTo)] = "平台默认：九年义务教育，6至15周岁为义务教育适龄",
        [nameof(DropoutSeverity)] = "措施六：对边缘易致贫户适龄儿童或青少年的在读情况进行全面排查；平台默认：义务教育适龄未在校（控辍保学）为高风险",
    };
}
