namespace Xichou.Monitoring.Infrastructure.Demo;

/// <summary>Names, places and words the demo county draws from: surnames common in 文山州 (Han, Zhuang, Miao, Yao families).</summary>
internal static class DemoNames
{
    // Weighted by repetition: 王, 李, 张, 杨 and 陶 are the most common names in Xichou's villages.
    public static readonly string[] Surnames =
    [
        "王", "王", "王", "李", "李", "李", "张", "张", "杨", "杨", "陶", "陶", "陈", "刘", "罗", "熊", "侯", "马",
        "赵", "黄", "周", "吴", "何", "邓", "陆", "农", "韦", "龙", "盘", "骆", "田", "曾", "沈", "卢", "项", "侬",
    ];

    public static readonly string[] MaleGiven =
    [
        "国富", "德华", "建国", "正荣", "光明", "文学", "世昌", "明", "忠", "荣华", "开福", "金贵", "永安", "志强", "家顺",
        "朝军", "成林", "海", "天才", "应福", "绍华", "元高", "发", "清", "学兵", "俊", "子豪", "宇航", "浩然", "思远",
    ];

    public static readonly string[] FemaleGiven =
    [
        "秀英", "玉兰", "春花", "桂芬", "美仙", "琼芬", "丽", "秀珍", "金花", "会芬", "兰英", "小梅", "应芬", "云", "艳",
        "玉芬", "春梅", "树芬", "梦瑶", "雨欣", "诗涵", "欣怡", "佳琪", "丽萍", "敏",
    ];

    /// <summary>The county's offices whose deputy-section-level leaders are paired with a household (全县实职副科级以上领导).</summary>
    public static readonly string[] WorkUnits =
    [
        "县委办公室", "县人民政府办公室", "县财政局", "县乡村振兴局", "县教育体育局", "县卫生健康局", "县住房和城乡建设局",
        "县农业农村和科学技术局", "县水务局", "县人力资源和社会保障局", "县民政局", "县医疗保障局", "县自然资源局",
        "县交通运输局", "县林业和草原局", "县发展和改革局", "县市场监督管理局", "县审计局", "县统计局", "县司法局",
        "县委组织部", "县委宣传部", "县委统战部", "县纪委县监委", "县人民法院", "县人民检察院", "县公安局", "县总工会",
        "共青团西畴县委", "县妇联", "县信用社", "农行西畴支行",
    ];

    public static readonly string[] LoanPurposes =
    [
        "发展生猪养殖", "发展肉牛养殖", "种植三七", "种植八角", "种植砂仁", "种植烤烟", "发展蔬菜种植", "购买农用车",
        "发展养鸡", "开办农家乐", "扩大茶叶种植", "发展山羊养殖",
    ];

    public static readonly string[] DeclineReasons =
    [
        "借款人年龄超过65周岁，不符合扶贫小额信贷条件", "有不良信用记录", "无稳定还款来源，建议先落实产业项目",
    ];

    public static readonly string[] PhonePrefixes = ["139", "138", "137", "158", "187", "188", "151", "152", "182", "183", "199", "177"];

    public static readonly string[] ChineseNumbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
}
