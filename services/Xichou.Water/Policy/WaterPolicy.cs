using Xichou.DepartmentKit.Policy;

namespace Xichou.Water.Policy;

/// <summary>
/// 措施十 保障农村饮水安全 of 西开组发〔2021〕2号: "严格按照农村饮水安全标准". The measure names the standard but no number; the
/// numbers are the national rural drinking-water evaluation rule, T/CHES 18-2018 农村饮水安全评价准则, as one versioned record
/// (<c>Policy:Water</c>); served at <c>GET /api/policy</c>.
/// </summary>
public sealed record WaterPolicy : IDepartmentPolicy
{
    public static readonly WaterPolicy Xichou2021 = new();

    public string Version { get; init; } = "西开组发〔2021〕2号 · T/CHES 18-2018";

    public DateOnly EffectiveFrom { get; init; } = new(2021, 2, 1);

    /// <summary>水量: at least this many litres per person per day.</summary>
    public decimal MinLitresPerPersonPerDay { get; init; } = 35m;

    /// <summary>水量 where water is scarce: at least this many litres per person per day.</summary>
    public decimal MinLitresPerPersonPerDayWaterScarce { get; init; } = 20m;

    /// <summary>Village committee codes marked water-scarce (资源性缺水地区), where the lower quantity applies.</summary>
    public IReadOnlyList<string> WaterScarceVillages { get; init; } = [];

    /// <summary>用水方便程度: a fetch there and back of at most this many minutes…</summary>
    public int MaxFetchMinutes { get; init; } = 20;

    /// <summary>…or at most this many metres horizontally…</summary>
    public decimal MaxHorizontalMetres { get; init; } = 800m;

    /// <summary>…or at most this many metres vertically.</summary>
    public decimal MaxVerticalMetres { get; init; } = 80m;

    /// <summary>供水保证率: at most this many days a year without supply (95 %).</summary>
    public int MaxDaysWithoutSupply { get; init; } = 36;

    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>
    {
        [nameof(MinLitresPerPersonPerDay)] = "T/CHES 18-2018 水量：每人每天可获得的水量不低于35升",
        [nameof(MinLitresPerPersonPerDayWaterScarce)] = "T/CHES 18-2018 水量：水资源短缺地区不低于20升",
        [nameof(WaterScarceVillages)] = "平台默认：由县水务局标注缺水村",
        [nameof(MaxFetchMinutes)] = "T/CHES 18-2018 用水方便程度：人力取水往返时间不超过20分钟",
        [nameof(MaxHorizontalMetres)] = "T/CHES 18-2018 用水方便程度：或取水水平距离不超过800米",
        [nameof(MaxVerticalMetres)] = "T/CHES 18-2018 用水方便程度：或取水垂直距离不超过80米",
        [nameof(MaxDaysWithoutSupply)] = "T/CHES 18-2018 供水保证率：不低于95%，即一年中断供水不超过36天",
    };
}
