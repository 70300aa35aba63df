using Xichou.Contracts;

namespace Xichou.Web;

/// <summary>A department as its staff know it: who it is and what the ten measures make it answer for.</summary>
public sealed record Department(
    string Key,
    string Name,
    string EnglishName,
    string Bureau,
    string Measures,
    IReadOnlyList<string> Duties);

/// <summary>The platform's departments, one per service, with their duties from the 2021 ten measures (POLICY.md).</summary>
public static class Departments
{
    public static readonly Department Monitoring = new(
        ServiceNames.Monitoring, "监测帮扶", "Monitoring", "县扶贫开发局 · 县联席办", "措施一、二、七",
        [
            "边缘易致贫户台账：农户与家庭成员登记",
            "每半月（15天）入户走访一次，重点关注因病、因灾、因祸、因学刚性支出骤增或收入骤减",
            "风险台账：村级化解，化解不了的报乡镇、报县（村→乡镇→县）",
            "县处级、副科级以上领导挂钩帮扶，每人一户",
            "扶贫小额信贷应贷尽贷",
        ]);

    public static readonly Department Housing = new(
        ServiceNames.Housing, "住房安全", "Housing safety", "县住建局", "措施三",
        [
            "逐户排查住房安全情况",
            "对不安全住房逐户分析，确定帮扶单位帮建、自建或其他住房政策解决路径",
            "明确一名责任人，跟踪到住房安全为止",
        ]);

    public static readonly Department Agriculture = new(
        ServiceNames.Agriculture, "产业增收", "Industry income", "县农科局", "措施四、九（二）",
        [
            "有劳动能力、有发展意愿的农户给予产业补助：不超过产业投入的50%，每户最高3000元",
            "“双绑”利益联结：每户绑定合作社或龙头企业",
            "烤烟、甘蔗、生猪、乌骨鸡、蔬菜等重点产业农业保险",
        ]);

    public static readonly Department Employment = new(
        ServiceNames.Employment, "稳岗就业", "Employment", "县人社局", "措施五",
        [
            "确保每户至少一人就业",
            "每户至少培训一名劳动力",
            "外出务工人员逐人建立台账，每月核查一次",
        ]);

    public static readonly Department Education = new(
        ServiceNames.Education, "教育帮扶", "Education", "县教育体育局", "措施六",
        [
            "摸排适龄儿童就学情况",
            "学前教育每生每年资助500元",
            "高中及以上每生每年资助2000元",
        ]);

    public static readonly Department Water = new(
        ServiceNames.Water, "饮水安全", "Drinking water", "县水务局", "措施十",
        [
            "按农村饮水安全标准逐户排查水量、水质",
            "有问题的农户逐户解决到位",
        ]);

    public static readonly Department Insurance = new(
        ServiceNames.Insurance, "社会保障", "Social security & insurance", "县指挥部办公室 · 医保", "措施八、九（一）",
        [
            "基本医疗保险、大病保险参保率100%",
            "住院自付部分造成困难的，补助不超过自付部分80%，每人每年最高5万元",
            "耕地地力、公益林、退耕还林、低保、残疾人两项补贴、临时救助",
            "防贫保险全覆盖",
        ]);

    public static readonly Department CommandCentre = new(
        ServiceNames.CommandCentre, "指挥中心", "Command centre", "县指挥部 · 战区指挥长", "全部十条",
        [
            "全县边缘易致贫户总览，按乡镇、村下钻",
            "风险 → 转办 → 落实 → 核实全过程跟踪",
            "超期未办事项与责任单位，纳入年终考核",
        ]);

    public static readonly IReadOnlyList<Department> All =
        [Monitoring, Housing, Agriculture, Employment, Education, Water, Insurance, CommandCentre];

    public static Department ByKey(string key) =>
        All.FirstOrDefault(d => d.Key == key) ?? throw new ArgumentException($"No department '{key}'.", nameof(key));
}
