namespace Xichou.Contracts;

/// <summary>
/// A service of the platform as the county knows it: its key (service name, path prefix, database file), who runs it,
/// which of the ten measures it answers for, the role its staff hold and the role of its head, its colour on pages,
/// whether other services may refer households to it, and which household members it is told about.
/// </summary>
public sealed record Department(
    string Key,
    string Name,
    string EnglishName,
    string Bureau,
    string Measures,
    string? Role,
    string? HeadRole,
    string Colour,
    bool TakesReferrals,
    MemberShare MemberShare,
    IReadOnlyList<string> Duties)
{
    /// <summary>The department's own queue for what the register sends it alone: its members and resync snapshots.</summary>
    public string MembersQueue => $"{Key}-household-members";

    /// <summary>
    /// Working days a referral to this department has by default (a platform default: the ten measures set none); the
    /// platform's referral policy (<c>Policy:Referrals:WorkingDays</c>) may set another.
    /// </summary>
    public int ReferralWorkingDays { get; init; }
}

/// <summary>
/// The one catalogue of the platform's services (POLICY.md's lead departments of the 2021 ten measures): the gateway's
/// portal and routes, the app host's resources, every page header and the tests read it from here.
/// </summary>
public static class Departments
{
    public static readonly Department Monitoring = new(
        ServiceNames.Monitoring, "监测帮扶", "Monitoring", "县扶贫开发局 · 县联席办", "措施一、二、七",
        Role: "poverty-office", HeadRole: null, Colour: "#b71c1c", TakesReferrals: false, MemberShare.None,
        [
            "边缘易致贫户台账：农户与家庭成员登记",
            "每半月（15天）入户走访一次，重点关注因病、因灾、因祸、因学刚性支出骤增或收入骤减",
            "风险台账：村级化解，化解不了的报乡镇、报县（村→乡镇→县）",
            "县处级、副科级以上领导挂钩帮扶，每人一户",
            "扶贫小额信贷应贷尽贷",
        ]);

    // 住房安全: remediation money goes to the head of household, so housing holds the head's ID number.
    public static readonly Department Housing = new(
        ServiceNames.Housing, "住房安全", "Housing safety", "县住建局", "措施三",
        Role: ServiceNames.Housing, HeadRole: "housing-head", Colour: "#6d4c41", TakesReferrals: true,
        new MemberShare(MemberSelection.Head, MemberFields.Name | MemberFields.Relation | MemberFields.IdNumber),
        [
            "逐户排查住房安全情况",
            "对不安全住房逐户分析，确定帮扶单位帮建、自建或其他住房政策解决路径",
            "明确一名责任人，跟踪到住房安全为止",
        ]) { ReferralWorkingDays = 60 };

    // 产业增收: eligibility rests on labour capacity (有劳动能力); subsidies are paid to a labourer's account.
    public static readonly Department Agriculture = new(
        ServiceNames.Agriculture, "产业增收", "Industry income", "县农科局", "措施四、九（二）",
        Role: ServiceNames.Agriculture, HeadRole: "agriculture-head", Colour: "#2e7d32", TakesReferrals: true,
        new MemberShare(MemberSelection.Labourers,
            MemberFields.Name | MemberFields.Relation | MemberFields.Sex | MemberFields.BirthDate | MemberFields.LabourCapacity | MemberFields.IdNumber),
        [
            "有劳动能力、有发展意愿的农户给予产业补助：不超过产业投入的50%，每户最高3000元",
            "“双绑”利益联结：每户绑定合作社或龙头企业",
            "烤烟、甘蔗、生猪、乌骨鸡、蔬菜等重点产业农业保险",
        ]) { ReferralWorkingDays = 20 };

    // 稳岗就业: the per-person ledger of labourers, registered in the employment system by ID number.
    public static readonly Department Employment = new(
        ServiceNames.Employment, "稳岗就业", "Employment", "县人社局", "措施五",
        Role: ServiceNames.Employment, HeadRole: "employment-head", Colour: "#1565c0", TakesReferrals: true,
        new MemberShare(MemberSelection.Labourers,
            MemberFields.Name | MemberFields.Relation | MemberFields.Sex | MemberFields.BirthDate | MemberFields.LabourCapacity | MemberFields.IdNumber),
        [
            "确保每户至少一人就业",
            "每户至少培训一名劳动力",
            "外出务工人员逐人建立台账，每月核查一次",
        ]) { ReferralWorkingDays = 20 };

    // 教育帮扶: school-age children and students; student aid is registered by the student's ID number.
    public static readonly Department Education = new(
        ServiceNames.Education, "教育帮扶", "Education", "县教育体育局", "措施六",
        Role: ServiceNames.Education, HeadRole: "education-head", Colour: "#ef6c00", TakesReferrals: true,
        new MemberShare(MemberSelection.SchoolAge,
            MemberFields.Name | MemberFields.Relation | MemberFields.Sex | MemberFields.BirthDate | MemberFields.SchoolStage | MemberFields.IdNumber),
        [
            "摸排适龄儿童就学情况",
            "学前教育每生每年资助500元",
            "高中及以上每生每年资助2000元",
        ]) { ReferralWorkingDays = 15 };

    // 饮水安全: a check of the household's supply needs only how many people it serves (in the household copy), no member.
    public static readonly Department Water = new(
        ServiceNames.Water, "饮水安全", "Drinking water", "县水务局", "措施十",
        Role: ServiceNames.Water, HeadRole: "water-head", Colour: "#00838f", TakesReferrals: true, MemberShare.None,
        [
            "按农村饮水安全标准逐户排查水量、水质",
            "有问题的农户逐户解决到位",
        ]) { ReferralWorkingDays = 30 };

    // 社会保障: enrolment of every member in medical insurance, and hospital subsidies that turn on health state.
    public static readonly Department Insurance = new(
        ServiceNames.Insurance, "社会保障", "Social security & insurance", "县医保局", "措施八、九（一）",
        Role: ServiceNames.Insurance, HeadRole: "insurance-head", Colour: "#6a1b9a", TakesReferrals: true,
        new MemberShare(MemberSelection.All,
            MemberFields.Name | MemberFields.Relation | MemberFields.Sex | MemberFields.BirthDate | MemberFields.HealthState | MemberFields.IdNumber),
        [
            "基本医疗保险、大病保险参保率100%",
            "住院自付部分造成困难的，补助不超过自付部分80%，每人每年最高5万元",
            "耕地地力、公益林、退耕还林、低保、残疾人两项补贴、临时救助",
            "防贫保险全覆盖",
        ]) { ReferralWorkingDays = 15 };

    // The county's overview: counts and places, never a member and never a full ID number.
    public static readonly Department CommandCentre = new(
        ServiceNames.CommandCentre, "指挥中心", "Command centre", "县指挥部 · 战区指挥长", "全部十条",
        Role: null, HeadRole: null, Colour: "#37474f", TakesReferrals: false, MemberShare.None,
        [
            "全县边缘易致贫户总览，按乡镇、村下钻",
            "风险 → 转办 → 落实 → 核实全过程跟踪",
            "超期未办事项与责任单位，纳入年终考核",
        ]);

    public static readonly IReadOnlyList<Department> All =
        [Monitoring, Housing, Agriculture, Employment, Education, Water, Insurance, CommandCentre];

    /// <summary>The six departments that carry measures of their own and take referrals.</summary>
    public static readonly IReadOnlyList<Department> WithMeasures = [.. All.Where(d => d.TakesReferrals)];

    public static Department ByKey(string key) =>
        Find(key) ?? throw new ArgumentException($"No department '{key}'.", nameof(key));

    public static Department? Find(string? key) => All.FirstOrDefault(d => d.Key == key);

    /// <summary>The department whose staff or head hold <paramref name="role"/>, if any.</summary>
    public static Department? OfRole(string role) => All.FirstOrDefault(d => d.Role == role || d.HeadRole == role);
}
