using Xichou.Contracts;
using Xichou.Monitoring.Model;

namespace Xichou.Benchmarks;

/// <summary>
/// Deterministic, valid registrations: Xichou's village committees in turn, common local names,
/// and ID numbers unique by construction (area 532623, one birth date per thousand heads, GB 11643 check character).
/// </summary>
internal static class SampleHouseholds
{
    private static readonly string[] Surnames = ["王", "李", "张", "杨", "陈", "刘", "罗", "熊", "陶", "侯", "马", "赵", "黄", "周", "吴", "邓"];
    private static readonly string[] GivenNames =
        ["明", "国富", "德华", "秀英", "建国", "玉兰", "正荣", "光明", "春花", "文学", "世昌", "桂芬", "绍云", "开富", "应祥", "永红"];

    private static readonly DateOnly FirstBirthDate = new(1950, 1, 1);

    public static RegisterHouseholdRequest Request(int index)
    {
        var village = Villages.All[index % Villages.All.Count];
        var name = Surnames[index % Surnames.Length] + GivenNames[index / Surnames.Length % GivenNames.Length];
        return new RegisterHouseholdRequest(village.Code, name, IdNumberFor(index));
    }

    /// <summary>The index-th ID number: a thousand sequence numbers per birth date, so no two indices share one.</summary>
    public static string IdNumberFor(int index)
    {
        return IdNumber.Compose(IdNumber.XichouAreaCode, FirstBirthDate.AddDays(index / 1000), index % 1000);
    }
}
