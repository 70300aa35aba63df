using Xichou.Agriculture.Model;

namespace Xichou.Agriculture.Policy;

/// <summary>措施九（二）'s coverage as a plain function: which key industries a household runs without a policy in force.</summary>
public static class CoverageRules
{
    /// <summary>
    /// The key industries (烤烟、甘蔗、生猪、乌骨鸡、蔬菜 by default) among <paramref name="runs"/> with no policy covering
    /// <paramref name="today"/>: each is a coverage gap. Industries outside the policy's key list are never a gap.
    /// </summary>
    public static IReadOnlyList<string> UninsuredKeyIndustries(IEnumerable<string> runs, IEnumerable<InsurancePolicy> policies, DateOnly today,
        AgriculturePolicy policy)
    {
        var insured = policies.Where(p => p.CoversOn(today)).Select(p => p.Industry).ToHashSet(StringComparer.Ordinal);
        return [.. runs.Distinct(StringComparer.Ordinal).Where(r => policy.KeyIndustries.Contains(r, StringComparer.Ordinal) && !insured.Contains(r))];
    }
}
