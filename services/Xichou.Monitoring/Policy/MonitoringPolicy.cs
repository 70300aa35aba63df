namespace Xichou.Monitoring.Policy;

/// <summary>
/// The numbers the monitoring service works by, as one version of a versioned document (<see cref="MonitoringPolicies"/>):
/// each version has an effective date, and every number carries its source in <see cref="Sources"/>. The 2021 measures
/// (西开组发〔2021〕2号) fix only the half-month visit; every other number here is a national rule or a platform default
/// and says so. A later year's numbers are configuration (<c>Policy:Monitoring:Versions</c>), not code.
/// </summary>
public sealed record MonitoringPolicy
{
    public const string SectionName = "Policy:Monitoring";

    /// <summary>The label of a number the measures do not give (<see cref="Sources"/>).</summary>
    public const string PlatformDefault = "平台默认";

    /// <summary>The default: the 2021 Xichou measures, with national rules and platform defaults where they are silent.</summary>
    public static readonly MonitoringPolicy Xichou2021 = new();

    /// <summary>This version's name, unique among the versions: visits and risks record it.</summary>
    public string Version { get; init; } = "西开组发〔2021〕2号";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>措施一: every household is visited by the monitoring team every half month (≤15 days); a cycle is this many days.</summary>
    public int VisitCycleDays { get; init; } = 15;

    /// <summary>监测线: per-capita annual net income under which a household is at risk (national 2021 guidance, about 6,000 yuan).</summary>
    public decimal MonitoringLineYuan { get; init; } = 6000m;

    /// <summary>刚性支出骤增: the household's rigid spending over a cycle reaching this many yuan (the ceiling of the threshold).</summary>
    public decimal ExpenseSpikeYuan { get; init; } = 10000m;

    /// <summary>…or this share of the household's annual income, when that is lower (a poorer household's spike is smaller).</summary>
    public decimal ExpenseSpikeShareOfIncome { get; init; } = 0.5m;

    /// <summary>…but never below this many yuan (the floor of the threshold), so the rule runs on continuously down to zero income.</summary>
    public decimal ExpenseSpikeFloorYuan { get; init; } = 1000m;

    /// <summary>A spike of at least this multiple of the threshold is high severity; below it, medium.</summary>
    public decimal ExpenseSpikeHighMultiple { get; init; } = 2m;

    /// <summary>收入骤减: per-capita income down by at least this share since the visit before.</summary>
    public decimal IncomeDropShare { get; init; } = 0.3m;

    /// <summary>A drop of at least this share is high severity; below it, medium.</summary>
    public decimal IncomeDropHighShare { get; init; } = 0.6m;

    /// <summary>A risk still open this many days after its level took it over is escalated to the next one (村 → 乡镇 → 县).</summary>
    public int EscalationDays { get; init; } = 30;

    /// <summary>扶贫小额信贷: the most one household's loan may be.</summary>
    public decimal MaxLoanYuan { get; init; } = 50_000m;

    /// <summary>
    /// The most member rows one import file may hold (the header not counted). The county's own register file is under
    /// 10,000 rows; a prefecture's (州, about 100,000 households) is about 400,000, and 500,000 leaves room.
    /// The import streams the file, so the cap is about how long one import may hold the register's write lock, not memory.
    /// </summary>
    public int ImportMaxRows { get; init; } = 500_000;

    /// <summary>Where each number comes from, by property name: the measures' line, a national rule, or "平台默认" (a platform default).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(VisitCycleDays)] = "西开组发〔2021〕2号 措施一：每半月开展一次动态监测",
        [nameof(MonitoringLineYuan)] = "国家规定：2021年防止返贫监测范围为人均纯收入6000元左右（十条措施未规定监测线）",
        [nameof(ExpenseSpikeYuan)] = PlatformDefault + "：十条措施只说“刚性支出骤增”，未规定金额",
        [nameof(ExpenseSpikeShareOfIncome)] = PlatformDefault + "：骤增标准取固定金额与家庭年收入该比例中的低者",
        [nameof(ExpenseSpikeFloorYuan)] = PlatformDefault + "：骤增标准的下限，使零收入与一元收入的标准相接（标准 = min(固定金额, max(下限, 比例 × 家庭年收入))）",
        [nameof(ExpenseSpikeHighMultiple)] = PlatformDefault + "：刚性支出达到骤增标准该倍数为高风险",
        [nameof(IncomeDropShare)] = PlatformDefault + "：十条措施只说“收入骤减”，未规定降幅",
        [nameof(IncomeDropHighShare)] = PlatformDefault + "：降幅达到该比例为高风险",
        [nameof(EscalationDays)] = PlatformDefault + "：通知要求村、乡镇每月研判上报，未规定上报期限",
        [nameof(MaxLoanYuan)] = "国家规定：扶贫小额信贷5万元以下、3年期以内（国开办发〔2014〕78号）；十条措施只说“应贷尽贷”",
        [nameof(ImportMaxRows)] = PlatformDefault + "：一次导入的最多成员行数，非政策数字",
    };

    /// <summary>
    /// 刚性支出骤增 threshold for a household with <paramref name="annualHouseholdIncome"/> yuan a year: the share of its income,
    /// held between the floor and the fixed amount — min(fixed, max(floor, share × income)). Continuous in the income: zero
    /// income and one yuan both give the floor, instead of the fixed amount at zero and half a yuan at one.
    /// </summary>
    public decimal ExpenseSpikeThreshold(decimal annualHouseholdIncome)
    {
        var share = decimal.Round(Math.Max(0m, annualHouseholdIncome) * ExpenseSpikeShareOfIncome, 2, MidpointRounding.AwayFromZero);
        return Math.Min(ExpenseSpikeYuan, Math.Max(ExpenseSpikeFloorYuan, share));
    }
}
