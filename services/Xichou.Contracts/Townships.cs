namespace Xichou.Contracts;

/// <summary>Xichou County's nine townships (乡镇), by their administrative codes under 532623.</summary>
public static class Townships
{
    public static readonly IReadOnlyDictionary<string, string> ByCode = new Dictionary<string, string>
    {
        ["532623100"] = "西洒镇",
        ["532623101"] = "兴街镇",
        ["532623200"] = "蚌谷乡",
        ["532623201"] = "莲花塘乡",
        ["532623202"] = "新马街乡",
        ["532623203"] = "柏林乡",
        ["532623204"] = "法斗乡",
        ["532623205"] = "董马乡",
        ["532623206"] = "鸡街乡",
    };

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static string NameOf(string code) => ByCode.TryGetValue(code, out var name) ? name : code;
}
