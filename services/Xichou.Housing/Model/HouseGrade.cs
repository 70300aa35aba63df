namespace Xichou.Housing.Model;

/// <summary>
/// The grade of a rural house's safety assessment (农村住房安全性鉴定, 住建部《农村危险房屋鉴定技术导则》): A and B
/// safe, C partly dangerous (局部危房), D wholly dangerous (整体危房). Which grades count as unsafe is the policy's.
/// </summary>
public enum HouseGrade
{
    A,
    B,
    C,
    D,
}

public static class HouseGrades
{
    /// <summary>A, B, C or D (either case, spaces trimmed); null for anything else.</summary>
    public static HouseGrade? Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "A" => HouseGrade.A,
        "B" => HouseGrade.B,
        "C" => HouseGrade.C,
        "D" => HouseGrade.D,
        _ => null,
    };

    public static string NameOf(HouseGrade grade) => grade switch
    {
        HouseGrade.A => "安全",
        HouseGrade.B => "基本安全",
        HouseGrade.C => "局部危房",
        _ => "整体危房",
    };

    /// <summary>D级（整体危房）.</summary>
    public static string Describe(HouseGrade grade) => $"{grade}级（{NameOf(grade)}）";
}
