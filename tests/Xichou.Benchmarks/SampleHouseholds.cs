using Xichou.Contracts;
using Xichou.Monitoring.Model;

namespace Xichou.Benchmarks;

/// <summary>
/// Deterministic, valid registrations: Xichou's townships with some of their villages, common local names,
/// and ID numbers unique by construction (area 532623, one birth date per thousand heads, GB 11643 check character).
/// </summary>
internal static class SampleHouseholds
{
    private static readonly (string Township, string[] Villages)[] Places =
    [
        ("532623100", ["岩头村", "龙坪村", "石山村", "坪寨村", "香坪山村"]),
        ("532623101", ["兴街村", "三光村", "江龙村", "草果山村"]),
        ("532623200", ["蚌谷村", "木者村", "海子村", "老寨村"]),
        ("532623201", ["莲花塘村", "香坪村", "曼竜村"]),
        ("532623202", ["新马街村", "水头村", "大坪村"]),
        ("532623203", ["柏林村", "龙哈村", "戈木村"]),
        ("532623204", ["法斗村", "冲头村", "新寨村"]),
        ("532623205", ["董马村", "那能村", "卡上村"]),
        ("532623206", ["鸡街村", "太平村", "曼龙村"]),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "杨", "陈", "刘", "罗", "熊", "陶", "侯", "马", "赵", "黄", "周", "吴", "邓"];
    private static readonly string[] GivenNames =
        ["明", "国富", "德华", "秀英", "建国", "玉兰", "正荣", "光明", "春花", "文学", "世昌", "桂芬", "绍云", "开富", "应祥", "永红"];

    private static readonly DateOnly FirstBirthDate = new(1950, 1, 1);

    public static RegisterHouseholdRequest Request(int index)
    {
        var (township, villages) = Places[index % Places.Length];
        var village = villages[index / Places.Length % villages.Length];
        var name = Surnames[index % Surnames.Length] + GivenNames[index / Surnames.Length % GivenNames.Length];
        return new RegisterHouseholdRequest(township, village, name, IdNumberFor(index));
    }

    /// <summary>The index-th ID number: a thousand sequence numbers per birth date, so no two indices share one.</summary>
    public static string IdNumberFor(int index)
    {
        return IdNumber.Compose(IdNumber.XichouAreaCode, FirstBirthDate.AddDays(index / 1000), index % 1000);
    }
}
