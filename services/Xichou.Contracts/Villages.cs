using System.Globalization;

namespace Xichou.Contracts;

/// <summary>A village committee (村委会) or urban community (社区) of one of Xichou's townships.</summary>
public sealed record Village(string Code, string Name, string TownshipCode)
{
    public string TownshipName => Townships.NameOf(TownshipCode);
}

/// <summary>
/// Xichou's village committees by township: the county's 2003 division with 坪寨乡 merged into 法斗乡 (2006).
/// A code is the township's nine digits and a three-digit number in the order below; it is this platform's
/// numbering, not the statistics bureau's.
/// </summary>
public static class Villages
{
    private static readonly (string Township, string[] Names)[] Division =
    [
        ("532623100", ["西洒社区", "龙泉村", "瓦厂村", "英代村", "布摆村", "老塘地村", "骆家塘村", "坝尾村", "么洒村"]),
        ("532623101", ["兴街村", "老街村", "磨合村", "甘塘子村", "戈木村", "清河村", "龙坪村", "牛塘子村", "兴隆村", "江六村", "安乐村", "三光村", "拉孩村"]),
        ("532623200", ["龙正村", "木者村", "长箐村", "蚌谷村", "程家坡村", "大吉厂村", "法古村"]),
        ("532623201", ["莲花塘村", "小锡板村", "大锡板村", "和平村", "香坪山村", "革岔村", "界牌村", "戛机村", "芦差冲村", "红石岩村"]),
        ("532623202", ["马街村", "坪坝村", "坡脚村"]),
        ("532623203", ["柏林村", "三板桥村", "马蹄寨村"]),
        ("532623204", ["法斗村", "脱皮树村", "新箐村", "董有村", "三元井村", "坪寨村", "石鹅村", "小湾村", "老寨村"]),
        ("532623205", ["通心坡村", "锅地塘村", "新寨村", "芹菜塘村", "董马村", "么铺子村", "龙里村"]),
        ("532623206", ["鸡街村", "牛厂坝村", "龙老村", "王家塘村", "大寨村", "太坪村", "海子村", "那马村", "中寨村"]),
    ];

    public static readonly IReadOnlyList<Village> All =
    [
        .. Division.SelectMany(township => township.Names.Select((name, index) =>
            new Village(string.Create(CultureInfo.InvariantCulture, $"{township.Township}{index + 1:D3}"), name, township.Township))),
    ];

    public static readonly IReadOnlyDictionary<string, Village> ByCode = All.ToDictionary(v => v.Code);

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    /// <summary>The township a village code belongs to: its first nine digits.</summary>
    public static string TownshipOf(string villageCode) => villageCode.Length >= 9 ? villageCode[..9] : villageCode;

    public static string NameOf(string code) => ByCode.TryGetValue(code, out var village) ? village.Name : code;

    public static IEnumerable<Village> In(string townshipCode) => All.Where(v => v.TownshipCode == townshipCode);
}
