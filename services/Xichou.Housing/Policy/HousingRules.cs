using Xichou.DepartmentKit.Households;
using Xichou.Housing.Model;

namespace Xichou.Housing.Policy;

/// <summary>措施三's rules as plain functions of an assessment's grade and the housing policy in force.</summary>
public static class HousingRules
{
    /// <summary>The finding's severity when the policy names none for an unsafe grade.</summary>
    public const string DefaultSeverity = "medium";

    /// <summary>An unsafe house (危房) is a finding on the county's risk register and gets a remediation case.</summary>
    public static bool IsUnsafe(HouseGrade grade, HousingPolicy policy) => Contains(policy.UnsafeGrades, grade);

    /// <summary>A safe house (安全住房): the survey is secured.</summary>
    public static bool IsSafe(HouseGrade grade, HousingPolicy policy) => Contains(policy.SafeGrades, grade);

    /// <summary>措施三 “跟踪到住房安全为止”: a case is complete only on a re-assessment at a safe grade.</summary>
    public static bool CanComplete(HouseGrade grade, HousingPolicy policy) => IsSafe(grade, policy);

    public static string SeverityOf(HouseGrade grade, HousingPolicy policy) =>
        policy.SeverityByGrade.TryGetValue(grade.ToString(), out var severity) ? severity : DefaultSeverity;

    /// <summary>The finding's category on the register: housing-grade-c, housing-grade-d.</summary>
    public static string CategoryOf(HouseGrade grade) => $"housing-grade-{grade.ToString().ToLowerInvariant()}";

    /// <summary>The kit's survey (摸排) after an assessment: secured at a safe grade, a problem otherwise.</summary>
    public static SurveyStatus SurveyOf(HouseGrade grade, HousingPolicy policy) =>
        IsSafe(grade, policy) ? SurveyStatus.Secured : SurveyStatus.Problem;

    /// <summary>The grades the policy counts safe, as the pages and messages name them: A级或B级.</summary>
    public static string SafeGradesText(HousingPolicy policy) => string.Join("或", policy.SafeGrades.Select(g => $"{g}级"));

    private static bool Contains(IEnumerable<string> grades, HouseGrade grade) =>
        grades.Any(g => string.Equals(g.Trim(), grade.ToString(), StringComparison.OrdinalIgnoreCase));
}
