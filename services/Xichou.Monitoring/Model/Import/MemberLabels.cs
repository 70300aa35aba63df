using System.Text.Json;

namespace Xichou.Monitoring.Model.Import;

/// <summary>
/// The Chinese words the county's ledgers use for a member's relation, labour capacity, school stage and health, and
/// their English names in the API (camelCase). A parser accepts the label shown, its usual variants and the API name.
/// </summary>
public static class MemberLabels
{
    public static readonly EnumLabels<Relation> Relations = new(
    [
        (Relation.Head, "户主", []),
        (Relation.Spouse, "配偶", ["妻", "夫", "妻子", "丈夫"]),
        (Relation.Child, "子女", ["之子", "之女", "儿子", "女儿", "长子", "次子", "长女", "次女"]),
        (Relation.ChildInLaw, "儿媳或女婿", ["儿媳", "女婿", "之儿媳", "之女婿"]),
        (Relation.Grandchild, "孙子女", ["孙子", "孙女", "之孙子", "之孙女", "外孙", "外孙女", "外孙子女"]),
        (Relation.Parent, "父母", ["父亲", "母亲", "之父", "之母"]),
        (Relation.Grandparent, "祖父母", ["祖父", "祖母", "外祖父母", "外祖父", "外祖母"]),
        (Relation.Sibling, "兄弟姐妹", ["兄", "弟", "姐", "妹", "兄弟", "姐妹"]),
        (Relation.Other, "其他", []),
    ]);

    public static readonly EnumLabels<LabourCapacity> LabourCapacities = new(
    [
        (LabourCapacity.Able, "有劳动力", ["普通劳动力", "技能劳动力"]),
        (LabourCapacity.Weak, "弱劳动力或半劳动力", ["弱劳动力", "半劳动力"]),
        (LabourCapacity.Lost, "丧失劳动力", []),
        (LabourCapacity.None, "无劳动力", []),
    ]);

    public static readonly EnumLabels<SchoolStage> SchoolStages = new(
    [
        (SchoolStage.NotInSchool, "非在校生", ["不在校", "无"]),
        (SchoolStage.Preschool, "学前教育", ["学前", "幼儿园"]),
        (SchoolStage.Primary, "小学", []),
        (SchoolStage.JuniorSecondary, "初中", []),
        (SchoolStage.SeniorSecondary, "高中", ["普通高中"]),
        (SchoolStage.Vocational, "中职", ["中专", "技校", "中等职业教育"]),
        (SchoolStage.Tertiary, "大专及以上", ["高职", "大专", "本科", "大学", "研究生"]),
    ]);

    public static readonly EnumLabels<HealthState> HealthStates = new(
    [
        (HealthState.Healthy, "健康", []),
        (HealthState.ChronicIllness, "长期慢性病", ["慢性病"]),
        (HealthState.SeriousIllness, "患有大病", ["大病", "重病"]),
        (HealthState.Disabled, "残疾", []),
    ]);

    public static string SexLabel(Sex sex) => sex == Sex.Male ? "男" : "女";

    /// <summary>The API's name of a value: <c>childInLaw</c>.</summary>
    public static string ApiName<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>An enum's Chinese labels: one shown (<see cref="Label"/>), variants accepted when reading.</summary>
public sealed class EnumLabels<T> where T : struct, Enum
{
    private readonly Dictionary<T, string> _labels;
    private readonly Dictionary<string, T> _accepted = new(StringComparer.OrdinalIgnoreCase);

    public EnumLabels(IReadOnlyList<(T Value, string Label, string[] Variants)> labels)
    {
        _labels = labels.ToDictionary(l => l.Value, l => l.Label);
        foreach (var (value, label, variants) in labels)
        {
            _accepted[label] = value;
            _accepted[MemberLabels.ApiName(value)] = value;
            foreach (var variant in variants)
            {
                _accepted[variant] = value;
            }
        }
        Shown = [.. labels.Select(l => l.Label)];
    }

    /// <summary>The labels shown, in order, for error messages and the template.</summary>
    public IReadOnlyList<string> Shown { get; }

    public string Label(T value) => _labels[value];

    /// <summary>The value read from <paramref name="text"/>, or <paramref name="fallback"/> when blank or unknown.</summary>
    public T ParseOr(string? text, T fallback) => TryParse(text, out var value) ? value : fallback;

    public bool TryParse(string? text, out T value)
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text) && _accepted.TryGetValue(text.Trim(), out value);
    }
}
