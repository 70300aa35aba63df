using System.Text.Json;
using Xichou.Monitoring.Model.Analysis;
using Xichou.Monitoring.Model.Support;
using Xichou.Monitoring.Policy;

namespace Xichou.Monitoring.Model;

/// <summary>One enum's names: each value's wire name (the API's) and the one Chinese label pages, exports and messages show;
/// variants are further spellings accepted when reading a county's sheet.</summary>
public sealed class EnumNames<T> : IEnumNames where T : struct, Enum
{
    private readonly List<(T Value, string Wire, string Label)> _names;
    private readonly Dictionary<string, T> _accepted = new(StringComparer.OrdinalIgnoreCase);

    internal EnumNames(IEnumerable<(T Value, string Wire, string Label, string[] Variants)> names)
    {
        var list = names.ToList();
        _names = [.. list.Select(n => (n.Value, n.Wire, n.Label))];
        foreach (var (value, wire, label, variants) in list)
        {
            foreach (var text in variants.Prepend(label).Prepend(wire))
            {
                _accepted.TryAdd(text, value);
            }
        }
    }

    public Type EnumType => typeof(T);

    public IReadOnlyList<(T Value, string Wire, string Label)> All => _names;

    public IReadOnlyList<string> Wires => [.. _names.Select(n => n.Wire)];

    /// <summary>The labels shown, in order, for error messages and the import template.</summary>
    public IReadOnlyList<string> Shown => [.. _names.Select(n => n.Label)];

    IEnumerable<(object Value, string Wire, string Label)> IEnumNames.Entries => _names.Select(n => ((object)n.Value, n.Wire, n.Label));

    public string Wire(T value) => _names.First(n => n.Value.Equals(value)).Wire;

    public string Label(T value) => _names.First(n => n.Value.Equals(value)).Label;

    /// <summary>A value from its wire name only (the API), case-insensitively.</summary>
    public bool TryParseWire(string? wire, out T value)
    {
        foreach (var name in _names)
        {
            if (string.Equals(name.Wire, wire?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = name.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>A value from its wire name, its label or a variant (a county's sheet).</summary>
    public bool TryParse(string? text, out T value)
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text) && _accepted.TryGetValue(text.Trim(), out value);
    }

    /// <summary>The value read from <paramref name="text"/>, or <paramref name="fallback"/> when blank or unknown.</summary>
    public T ParseOr(string? text, T fallback) => TryParse(text, out var value) ? value : fallback;

}

/// <summary>Builds an enum's names.</summary>
public static class EnumNames
{
    /// <summary>Wire names in camelCase (<c>riskEliminated</c>), as <see cref="ServiceDefaults.Http.WireName"/> writes them.</summary>
    public static EnumNames<T> CamelCase<T>(params (T Value, string Label)[] names) where T : struct, Enum =>
        new EnumNames<T>(names.Select(n => (n.Value, CamelCaseOf(n.Value), n.Label, Array.Empty<string>())));

    /// <summary>camelCase wire names, with the variants a county's sheet may use for a label.</summary>
    public static EnumNames<T> CamelCase<T>(params (T Value, string Label, string[] Variants)[] names) where T : struct, Enum =>
        new EnumNames<T>(names.Select(n => (n.Value, CamelCaseOf(n.Value), n.Label, n.Variants)));

    /// <summary>Wire names spelled out (<c>deputy-section</c>), where the API spells them so.</summary>
    public static EnumNames<T> Spelled<T>(params (T Value, string Wire, string Label)[] names) where T : struct, Enum =>
        new EnumNames<T>(names.Select(n => (n.Value, n.Wire, n.Label, Array.Empty<string>())));

    private static string CamelCaseOf<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>What the catalogue's test reads of any enum's names.</summary>
public interface IEnumNames
{
    Type EnumType { get; }

    IEnumerable<(object Value, string Wire, string Label)> Entries { get; }
}

/// <summary>
/// The wire names and Chinese labels of every enum the monitoring service shows or reads, defined once: pages, exports,
/// messages and parsers ask here (a unit test holds each enum to one label and one wire name per value).
/// </summary>
public static class Names
{
    public static readonly EnumNames<HouseholdStatus> HouseholdStatuses = EnumNames.CamelCase(
        (HouseholdStatus.Monitored, "监测中"), (HouseholdStatus.RiskEliminated, "风险消除"), (HouseholdStatus.Exited, "已退出"));

    public static readonly EnumNames<VisitKind> VisitKinds = EnumNames.CamelCase(
        (VisitKind.Routine, "日常走访"), (VisitKind.Verification, "核实走访"), (VisitKind.Cadre, "干部回访"));

    public static readonly EnumNames<CycleState> CycleStates = EnumNames.CamelCase(
        (CycleState.Visited, "本期已走访"), (CycleState.Due, "待走访"), (CycleState.Overdue, "逾期未走访"));

    public static readonly EnumNames<BasicNeed> BasicNeeds = EnumNames.CamelCase(
        (BasicNeed.Food, "吃"), (BasicNeed.Clothing, "穿"), (BasicNeed.CompulsorySchooling, "义务教育"), (BasicNeed.MedicalCare, "基本医疗"),
        (BasicNeed.SafeHousing, "住房安全"), (BasicNeed.SafeDrinkingWater, "饮水安全"));

    public static readonly EnumNames<ExpenseCause> ExpenseCauses = EnumNames.CamelCase(
        (ExpenseCause.Illness, "因病"), (ExpenseCause.Disaster, "因灾"), (ExpenseCause.Accident, "因祸"), (ExpenseCause.Schooling, "因学"),
        (ExpenseCause.Other, "其他"));

    public static readonly EnumNames<RiskCategory> RiskCategories = EnumNames.CamelCase(
        (RiskCategory.BasicNeedUnmet, "两不愁三保障未保障"), (RiskCategory.ExpenseSpike, "刚性支出骤增"), (RiskCategory.IncomeDrop, "收入骤减"),
        (RiskCategory.IncomeBelowLine, "收入低于监测线"), (RiskCategory.Reported, "部门或举报反映"));

    public static readonly EnumNames<RiskLevel> RiskLevels = EnumNames.CamelCase(
        (RiskLevel.Village, "村级"), (RiskLevel.Township, "乡镇级"), (RiskLevel.County, "县级"));

    public static readonly EnumNames<RiskSeverity> RiskSeverities = EnumNames.CamelCase(
        (RiskSeverity.Low, "低"), (RiskSeverity.Medium, "中"), (RiskSeverity.High, "高"));

    public static readonly EnumNames<RiskStatus> RiskStatuses = EnumNames.CamelCase(
        (RiskStatus.Open, "未消除"), (RiskStatus.Closed, "已消除"));

    public static readonly EnumNames<RiskSource> RiskSources = EnumNames.CamelCase(
        (RiskSource.Visit, "走访"), (RiskSource.CadreVisit, "干部回访"), (RiskSource.Department, "部门推送"), (RiskSource.Hotline, "举报电话"));

    public static readonly EnumNames<CadreRank> CadreRanks = EnumNames.Spelled(
        (CadreRank.DeputySection, "deputy-section", "副科级"), (CadreRank.Section, "section", "正科级"),
        (CadreRank.DeputyCounty, "deputy-county", "副县级"), (CadreRank.County, "county", "正县级"));

    public static readonly EnumNames<Lender> Lenders = EnumNames.Spelled(
        (Lender.CreditUnion, "credit-union", "县信用社"), (Lender.AgriculturalBank, "agricultural-bank", "县农行"));

    public static readonly EnumNames<LoanStatus> LoanStatuses = EnumNames.Spelled(
        (LoanStatus.Need, "need", "有贷款需求"), (LoanStatus.Applied, "applied", "已申请"), (LoanStatus.Approved, "approved", "已审批"),
        (LoanStatus.Disbursed, "disbursed", "已放款"), (LoanStatus.Declined, "declined", "未获批"));

    public static readonly EnumNames<InclusionDecision> InclusionDecisions = EnumNames.CamelCase(
        (InclusionDecision.Pending, "待核查"), (InclusionDecision.Included, "纳入重点监测"), (InclusionDecision.NotIncluded, "不纳入"));

    public static readonly EnumNames<FilingLevel> FilingLevels = EnumNames.CamelCase(
        (FilingLevel.Village, "村委会"), (FilingLevel.Township, "乡镇"));

    public static readonly EnumNames<Sex> Sexes = EnumNames.CamelCase((Sex.Male, "男"), (Sex.Female, "女"));

    public static readonly EnumNames<Relation> Relations = EnumNames.CamelCase(
        (Relation.Head, "户主", []),
        (Relation.Spouse, "配偶", ["妻", "夫", "妻子", "丈夫"]),
        (Relation.Child, "子女", ["之子", "之女", "儿子", "女儿", "长子", "次子", "长女", "次女"]),
        (Relation.ChildInLaw, "儿媳或女婿", ["儿媳", "女婿", "之儿媳", "之女婿"]),
        (Relation.Grandchild, "孙子女", ["孙子", "孙女", "之孙子", "之孙女", "外孙", "外孙女", "外孙子女"]),
        (Relation.Parent, "父母", ["父亲", "母亲", "之父", "之母"]),
        (Relation.Grandparent, "祖父母", ["祖父", "祖母", "外祖父母", "外祖父", "外祖母"]),
        (Relation.Sibling, "兄弟姐妹", ["兄", "弟", "姐", "妹", "兄弟", "姐妹"]),
        (Relation.Other, "其他", []));

    public static readonly EnumNames<LabourCapacity> LabourCapacities = EnumNames.CamelCase(
        (LabourCapacity.Able, "有劳动力", ["普通劳动力", "技能劳动力"]),
        (LabourCapacity.Weak, "弱劳动力或半劳动力", ["弱劳动力", "半劳动力"]),
        (LabourCapacity.Lost, "丧失劳动力", []),
        (LabourCapacity.None, "无劳动力", []));

    public static readonly EnumNames<SchoolStage> SchoolStages = EnumNames.CamelCase(
        (SchoolStage.NotInSchool, "非在校生", ["不在校", "无"]),
        (SchoolStage.Preschool, "学前教育", ["学前", "幼儿园"]),
        (SchoolStage.Primary, "小学", []),
        (SchoolStage.JuniorSecondary, "初中", []),
        (SchoolStage.SeniorSecondary, "高中", ["普通高中"]),
        (SchoolStage.Vocational, "中职", ["中专", "技校", "中等职业教育"]),
        (SchoolStage.Tertiary, "大专及以上", ["高职", "大专", "本科", "大学", "研究生"]));

    public static readonly EnumNames<HealthState> HealthStates = EnumNames.CamelCase(
        (HealthState.Healthy, "健康", []),
        (HealthState.ChronicIllness, "长期慢性病", ["慢性病"]),
        (HealthState.SeriousIllness, "患有大病", ["大病", "重病"]),
        (HealthState.Disabled, "残疾", []));

    /// <summary>Every enum's names, for the catalogue's test.</summary>
    public static IReadOnlyList<IEnumNames> All =>
    [
        HouseholdStatuses, VisitKinds, CycleStates, BasicNeeds, ExpenseCauses, RiskCategories, RiskLevels, RiskSeverities, RiskStatuses,
        RiskSources, CadreRanks, Lenders, LoanStatuses, InclusionDecisions, FilingLevels, Sexes, Relations, LabourCapacities, SchoolStages,
        HealthStates,
    ];
}
