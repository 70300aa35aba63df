namespace Xichou.Monitoring.Policy;

/// <summary>
/// The numbers the monitoring service works by (measure 1 and the covering notice of 西开组发〔2021〕2号), as one
/// versioned document with an effective date: a later year's measures replace it in configuration
/// (<c>Policy:Monitoring</c>), not in code. Served at <c>GET /api/policy</c>.
/// </summary>
public sealed record MonitoringPolicy
{
    public const string SectionName = "Policy:Monitoring";

    /// <summary>The default: the 2021 Xichou measures.</summary>
    public static readonly MonitoringPolicy Xichou2021 = new();

    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>措施一: every household is visited every half month (≤15 days); a cycle is this many days.</summary>
    public int VisitCycleDays { get; init; } = 15;

    /// <summary>
    /// 监测线: per-capita annual net income under which a household is at risk. The 2021 national guidance set the
    /// monitoring range at about 6,000 yuan per person per year.
    /// </summary>
    public decimal MonitoringLineYuan { get; init; } = 6000m;

    /// <summary>刚性支出骤增: one rigid expense (illness, disaster, accident, schooling) of at least this many yuan.</summary>
    public decimal ExpenseSpikeYuan { get; init; } = 10000m;

    /// <summary>…or at least this share of the household's annual income (whichever is lower for the household).</summary>
    public decimal ExpenseSpikeShareOfIncome { get; init; } = 0.5m;

    /// <summary>收入骤减: per-capita income down by at least this share since the last visit.</summary>
    public decimal IncomeDropShare { get; init; } = 0.3m;

    /// <summary>
    /// The covering notice: villages and townships analyse monthly and report up what they cannot solve; a risk still
    /// open this many days after it reached a level is escalated to the next one.
    /// </summary>
    public int EscalationDays { get; init; } = 30;

    /// <summary>
    /// The most member rows one import file may hold (the header not counted). The county's largest register file, all
    /// 2,000-odd marginal households with their members, is under 10,000 rows; 20,000 leaves room for a bad year.
    /// </summary>
    public int ImportMaxRows { get; init; } = 20_000;
}
