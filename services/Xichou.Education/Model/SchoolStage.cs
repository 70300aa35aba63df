using Xichou.ServiceDefaults.Http;

namespace Xichou.Education.Model;

/// <summary>A member's school stage, as the register names it on the wire (camelCase: notInSchool, preschool, …).</summary>
public enum SchoolStage
{
    NotInSchool,
    Preschool,
    Primary,
    JuniorSecondary,
    SeniorSecondary,
    Vocational,
    Tertiary,
}

public static class SchoolStages
{
    /// <summary>notInSchool, preschool, primary, juniorSecondary, seniorSecondary, vocational or tertiary (either case); null otherwise.</summary>
    public static SchoolStage? Parse(string? text) => WireName.Parse<SchoolStage>(text);

    public static string WireOf(SchoolStage stage) => WireName.Of(stage);

    public static string NameOf(SchoolStage stage) => stage switch
    {
        SchoolStage.NotInSchool => "未在校",
        SchoolStage.Preschool => "学前教育",
        SchoolStage.Primary => "小学",
        SchoolStage.JuniorSecondary => "初中",
        SchoolStage.SeniorSecondary => "普通高中",
        SchoolStage.Vocational => "中职",
        _ => "高等教育",
    };

    /// <summary>The wire names a request may give, as an error message lists them.</summary>
    public static string Listed => string.Join("、", Enum.GetValues<SchoolStage>().Select(s => $"{WireOf(s)}（{NameOf(s)}）"));
}
