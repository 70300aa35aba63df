using System.Globalization;
using System.Text.RegularExpressions;
using Xichou.Education.Model;

namespace Xichou.Education.Policy;

/// <summary>A period one subsidy grant covers: its name on the wire (2026-2027, or 2026), its first and last day.</summary>
public sealed record SubsidyPeriod(string Name, DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;
}

/// <summary>What 措施六 pays a student of a stage: an amount under a kind, or a refusal in Chinese and English.</summary>
public abstract record SubsidyDecision
{
    public sealed record Eligible(decimal AmountYuan, string Kind, string KindName) : SubsidyDecision;

    public sealed record Refused(string Chinese, string English) : SubsidyDecision;
}

/// <summary>措施六's rules as plain functions of a student's stage, age and the education policy in force.</summary>
public static partial class EducationRules
{
    /// <summary>The finding's category on the register (education:dropout): 控辍保学.</summary>
    public const string DropoutCategory = "dropout";

    /// <summary>The measure and the kind on the household ledger (<c>HouseholdPaid</c>).</summary>
    public const string PaymentMeasure = "6";

    public const string PaymentKind = "education-subsidy";

    public const string PreschoolKind = "preschool";

    public const string SeniorHighKind = "senior-high-and-above";

    /// <summary>Full years of age on <paramref name="day"/>.</summary>
    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>Of compulsory-school age on <paramref name="day"/> (6 to 15 by default); unknown without a birth date.</summary>
    public static bool IsCompulsoryAge(DateOnly? birth, DateOnly day, EducationPolicy policy) =>
        birth is { } born && AgeOn(born, day) is var age && age >= policy.CompulsoryAgeFrom && age <= policy.CompulsoryAgeTo;

    /// <summary>控辍保学: a child of compulsory age found not in school is a dropout.</summary>
    public static bool IsDropout(SchoolStage stage, DateOnly? birth, DateOnly surveyedOn, EducationPolicy policy) =>
        stage == SchoolStage.NotInSchool && IsCompulsoryAge(birth, surveyedOn, policy);

    public static bool IsCompulsoryStage(SchoolStage stage, EducationPolicy policy) => Lists(policy.CompulsoryStages, stage);

    /// <summary>
    /// 措施六 “对有非义务教育阶段在校学生的家庭要及时落实教育补助政策，学前教育每人补助500元，高中及以上每人补助2000元”:
    /// the amount for a student of <paramref name="stage"/>, or why none is paid.
    /// </summary>
    public static SubsidyDecision SubsidyFor(SchoolStage stage, EducationPolicy policy)
    {
        if (Lists(policy.PreschoolStages, stage))
        {
            return new SubsidyDecision.Eligible(policy.PreschoolSubsidyYuan, PreschoolKind, "学前教育资助");
        }
        if (Lists(policy.SeniorHighAndAboveStages, stage))
        {
            return new SubsidyDecision.Eligible(policy.SeniorHighAndAboveSubsidyYuan, SeniorHighKind, "高中及以上教育资助");
        }
        if (stage == SchoolStage.NotInSchool)
        {
            return new SubsidyDecision.Refused("该生未在校，不能发放教育补助", "The student is not in school; no education subsidy is paid.");
        }
        if (IsCompulsoryStage(stage, policy))
        {
            return new SubsidyDecision.Refused(
                $"{SchoolStages.NameOf(stage)}属义务教育阶段，措施六只补助非义务教育阶段（学前教育、高中及以上）在校学生",
                $"{SchoolStages.WireOf(stage)} is a compulsory stage; measure 6 pays only non-compulsory stages (preschool, senior high and above).");
        }
        return new SubsidyDecision.Refused($"{SchoolStages.NameOf(stage)}不在措施六的补助范围内",
            $"{SchoolStages.WireOf(stage)} is outside measure 6's subsidies.");
    }

    /// <summary>The period in force on <paramref name="today"/>: the school year from its start month (2026-2027), or the calendar year.</summary>
    public static SubsidyPeriod CurrentPeriod(DateOnly today, EducationPolicy policy)
    {
        if (IsCalendarYear(policy))
        {
            return YearPeriod(today.Year);
        }
        var first = today.Month >= policy.SchoolYearStartMonth ? today.Year : today.Year - 1;
        return SchoolYearPeriod(first, policy);
    }

    /// <summary>The period a text names, in the policy's format (2026-2027, the second year the next; or 2026); null when it is not one.</summary>
    public static SubsidyPeriod? ParsePeriod(string? text, EducationPolicy policy)
    {
        var trimmed = text?.Trim() ?? "";
        if (IsCalendarYear(policy))
        {
            return YearPattern().IsMatch(trimmed) && int.Parse(trimmed, CultureInfo.InvariantCulture) is >= 2000 and <= 2999 and var year
                ? YearPeriod(year)
                : null;
        }
        var match = SchoolYearPattern().Match(trimmed);
        if (!match.Success)
        {
            return null;
        }
        var from = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var to = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return to == from + 1 && from is >= 2000 and <= 2998 ? SchoolYearPeriod(from, policy) : null;
    }

    /// <summary>What the period is called on pages and in messages: 学年 or 年度.</summary>
    public static string PeriodWord(EducationPolicy policy) => IsCalendarYear(policy) ? "年度" : "学年";

    /// <summary>An example of the period's format, for messages: 2026-2027 or 2026.</summary>
    public static string PeriodExample(DateOnly today, EducationPolicy policy) => CurrentPeriod(today, policy).Name;

    /// <summary>The cap a grant counts against on the household ledger: the per-student amount of its kind for the period.</summary>
    public static string CapName(SubsidyDecision.Eligible eligible, EducationPolicy policy) =>
        $"{eligible.KindName}（每生每{PeriodWord(policy)}{eligible.AmountYuan.ToString("0.##", CultureInfo.InvariantCulture)}元）";

    private static bool IsCalendarYear(EducationPolicy policy) =>
        string.Equals(policy.SubsidyPeriod, EducationPolicy.CalendarYear, StringComparison.OrdinalIgnoreCase);

    private static SubsidyPeriod YearPeriod(int year) =>
        new(year.ToString(CultureInfo.InvariantCulture), new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    private static SubsidyPeriod SchoolYearPeriod(int first, EducationPolicy policy)
    {
        var month = Math.Clamp(policy.SchoolYearStartMonth, 1, 12);
        var start = new DateOnly(first, month, 1);
        return new SubsidyPeriod(string.Create(CultureInfo.InvariantCulture, $"{first}-{first + 1}"), start, start.AddYears(1).AddDays(-1));
    }

    private static bool Lists(IEnumerable<string> stages, SchoolStage stage) =>
        stages.Any(s => string.Equals(s.Trim(), SchoolStages.WireOf(stage), StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^(\d{4})-(\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex SchoolYearPattern();

    [GeneratedRegex(@"^\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();
}
