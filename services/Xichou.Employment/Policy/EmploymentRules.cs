namespace Xichou.Employment.Policy;

/// <summary>What 措施五 makes of a household: its labourers' status and training taken together.</summary>
public enum HouseholdEmployment
{
    /// <summary>No member with labour capacity: nothing measure 5 can do (exempt under the policy).</summary>
    NoLabourers,

    /// <summary>Not every labourer's status is recorded yet and nobody recorded is employed: 待摸排.</summary>
    Pending,

    /// <summary>Every labourer recorded, and nobody employed or nobody trained: a finding on the county's register.</summary>
    Problem,

    /// <summary>Someone employed and someone trained (措施五 secured).</summary>
    Secured,
}

/// <summary>A labourer as the household rule sees them: status recorded (null when not yet), employed, trained.</summary>
public sealed record LabourerFacts(bool StatusRecorded, bool Employed, bool Trained);

/// <summary>The household's verdict: its state, and which of the two facts fail.</summary>
public sealed record HouseholdVerdict(HouseholdEmployment State, int Labourers, int Employed, int Trained, bool NobodyEmployed, bool NobodyTrained)
{
    public bool IsFinding => State == HouseholdEmployment.Problem;
}

/// <summary>A migrant worker's monthly check for one month: not yet due, checked, due, or overdue.</summary>
public enum CheckState
{
    NotDue,
    Checked,
    Due,
    Overdue,
}

/// <summary>措施五's rules as plain functions of the labourers' facts, the months and the policy in force.</summary>
public static class EmploymentRules
{
    public const string FindingCategory = "employment";

    /// <summary>
    /// 措施五 “确保每个家庭均有人就业” and “家庭劳动力至少一人参加培训”: a household is a finding once every labourer's status is
    /// recorded and fewer than the policy's minimum are employed or trained. Someone employed settles the first fact before
    /// every status is in; the household is still pending until the survey is complete.
    /// </summary>
    public static HouseholdVerdict Judge(IReadOnlyCollection<LabourerFacts> labourers, EmploymentPolicy policy)
    {
        var employed = labourers.Count(l => l.Employed);
        var trained = labourers.Count(l => l.Trained);
        var nobodyEmployed = employed < policy.MinEmployedPerHousehold;
        var nobodyTrained = trained < policy.MinTrainedLabourersPerHousehold;
        HouseholdEmployment state;
        if (labourers.Count == 0)
        {
            state = policy.HouseholdsWithoutLabourersExempt ? HouseholdEmployment.NoLabourers : HouseholdEmployment.Problem;
        }
        else if (labourers.Any(l => !l.StatusRecorded))
        {
            state = HouseholdEmployment.Pending;
        }
        else
        {
            state = nobodyEmployed || nobodyTrained ? HouseholdEmployment.Problem : HouseholdEmployment.Secured;
        }
        return new HouseholdVerdict(state, labourers.Count, employed, trained, nobodyEmployed, nobodyTrained);
    }

    /// <summary>The register's explanation of a finding, with its numbers.</summary>
    public static string Describe(HouseholdVerdict verdict, EmploymentPolicy policy)
    {
        var failing = new List<string>();
        if (verdict.NobodyEmployed)
        {
            failing.Add($"无人就业（劳动力{verdict.Labourers}人，就业{verdict.Employed}人，应至少{policy.MinEmployedPerHousehold}人）");
        }
        if (verdict.NobodyTrained)
        {
            failing.Add($"无人参加培训（劳动力{verdict.Labourers}人，已培训{verdict.Trained}人，应至少{policy.MinTrainedLabourersPerHousehold}人）");
        }
        return failing.Count == 0 ? "" : "稳岗就业：" + string.Join("；", failing);
    }

    /// <summary>What cleared a finding, with the numbers.</summary>
    public static string Resolution(HouseholdVerdict verdict) =>
        $"已有{verdict.Employed}人就业、{verdict.Trained}人参加培训（劳动力{verdict.Labourers}人）";

    /// <summary>The first day of the month <paramref name="day"/> falls in.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    public static DateOnly LastDayOf(DateOnly month) => MonthOf(month).AddMonths(1).AddDays(-1);

    /// <summary>
    /// 措施五 “每月监测1次”: a migrant worker away since <paramref name="since"/> owes a check for <paramref name="month"/> once
    /// away by its last day; it is met by a check within the policy's interval (the month itself when it is 1). An unchecked
    /// month is overdue once it has ended, and the current month's is marked overdue too when the month before went unchecked.
    /// </summary>
    public static CheckState StateOf(DateOnly since, IReadOnlyCollection<DateOnly> checkedMonths, DateOnly month, DateOnly today, EmploymentPolicy policy)
    {
        month = MonthOf(month);
        if (since > LastDayOf(month))
        {
            return CheckState.NotDue;
        }
        if (IsMet(checkedMonths, month, policy))
        {
            return CheckState.Checked;
        }
        if (LastDayOf(month) < today)
        {
            return CheckState.Overdue;
        }
        var previous = month.AddMonths(-Math.Max(1, policy.MigrantCheckIntervalMonths));
        return since <= LastDayOf(previous) && !IsMet(checkedMonths, previous, policy) ? CheckState.Overdue : CheckState.Due;
    }

    private static bool IsMet(IReadOnlyCollection<DateOnly> checkedMonths, DateOnly month, EmploymentPolicy policy)
    {
        var interval = Math.Max(1, policy.MigrantCheckIntervalMonths);
        var from = month.AddMonths(1 - interval);
        return checkedMonths.Any(m => MonthOf(m) >= from && MonthOf(m) <= month);
    }

    public static string NameOf(CheckState state) => state switch
    {
        CheckState.NotDue => "未到期",
        CheckState.Checked => "已核查",
        CheckState.Due => "待核查",
        _ => "逾期未核查",
    };
}
