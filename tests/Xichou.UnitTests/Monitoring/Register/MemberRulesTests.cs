using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.Monitoring.Model;
using Member = Xichou.Monitoring.Model.Member;
using Xichou.Monitoring.Model.Import;
using Xichou.ServiceDefaults.Security;

namespace Xichou.UnitTests.Monitoring.Register;

public class MemberRulesTests
{
    [Theory]
    [InlineData(121, Sex.Male)]
    [InlineData(120, Sex.Female)]
    [InlineData(999, Sex.Male)]
    [InlineData(0, Sex.Female)]
    public void Sex_is_the_parity_of_the_17th_character_of_the_ID_number(int sequence, Sex expected)
    {
        var idNumber = IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1985, 3, 15), sequence);
        Assert.Equal(expected, Member.SexOf(idNumber));
    }

    [Fact]
    public void Birth_date_and_age_come_from_the_ID_number_the_day_before_and_on_the_birthday()
    {
        var member = Member.Create(Guid.NewGuid(), 1, Relation.Spouse, "李秀英",
            IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1977, 8, 2), 122), LabourCapacity.Able, SchoolStage.NotInSchool, HealthState.Healthy, null);

        Assert.Equal(new DateOnly(1977, 8, 2), member.BirthDate);
        Assert.Equal(Sex.Female, member.Sex);
        Assert.Equal(47, member.AgeOn(new DateOnly(2025, 8, 1)));
        Assert.Equal(48, member.AgeOn(new DateOnly(2025, 8, 2)));
    }

    [Theory]
    [InlineData("户主", Relation.Head)]
    [InlineData("配偶", Relation.Spouse)]
    [InlineData("之子", Relation.Child)]
    [InlineData(" 儿媳 ", Relation.ChildInLaw)]
    [InlineData("外孙女", Relation.Grandchild)]
    [InlineData("母亲", Relation.Parent)]
    [InlineData("祖父母", Relation.Grandparent)]
    [InlineData("妹", Relation.Sibling)]
    [InlineData("其他", Relation.Other)]
    [InlineData("childInLaw", Relation.ChildInLaw)]
    [InlineData("SPOUSE", Relation.Spouse)]
    public void Relations_are_read_from_the_ledger_words_and_the_API_names(string text, Relation expected)
    {
        Assert.True(MemberLabels.Relations.TryParse(text, out var relation));
        Assert.Equal(expected, relation);
    }

    [Theory]
    [InlineData("半劳动力", LabourCapacity.Weak)]
    [InlineData("技能劳动力", LabourCapacity.Able)]
    [InlineData("丧失劳动力", LabourCapacity.Lost)]
    [InlineData("无劳动力", LabourCapacity.None)]
    public void Labour_capacities_are_read_from_Chinese(string text, LabourCapacity expected)
    {
        Assert.True(MemberLabels.LabourCapacities.TryParse(text, out var labour));
        Assert.Equal(expected, labour);
    }

    [Theory]
    [InlineData("中专", SchoolStage.Vocational)]
    [InlineData("高职", SchoolStage.Tertiary)]
    [InlineData("初中", SchoolStage.JuniorSecondary)]
    [InlineData("大病", HealthState.SeriousIllness)]
    public void School_stages_and_health_states_are_read_from_Chinese(string text, object expected)
    {
        var parsed = expected is SchoolStage
            ? MemberLabels.SchoolStages.TryParse(text, out var stage) ? (object)stage : null
            : MemberLabels.HealthStates.TryParse(text, out var health) ? health : null;
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("表亲")]
    [InlineData("户 主")]
    public void Unknown_or_blank_relations_are_not_read(string text) =>
        Assert.False(MemberLabels.Relations.TryParse(text, out _));

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("0876-7621234", true)]
    [InlineData("08767621234", true)]
    [InlineData("1381234567", false)]
    [InlineData("23812345678", false)]
    [InlineData("138-1234-5678", false)]
    public void Phones_are_mobile_numbers_or_landlines_with_an_area_code(string phone, bool valid) =>
        Assert.Equal(valid, HouseholdRegistration.IsPhone(phone));
}

/// <summary>Reading an import sheet: every row checked, errors at their row and column, in Chinese.</summary>
public class ImportRowValidationTests
{
    private static readonly Jurisdiction Xingjie = new(JurisdictionLevel.Township, "532623101");

    private static Dictionary<string, object?> Row(object key, string relation, string name, string idNumber, string village = "三光村",
        string labour = "有劳动力", string? health = null, object? phone = null, object? income = null) => new()
    {
        ["户序号"] = key, ["乡镇"] = "兴街镇", ["村委会"] = village, ["村民小组"] = "一组", ["与户主关系"] = relation, ["姓名"] = name,
        ["身份证号"] = idNumber, ["劳动能力"] = labour, ["在校生状况"] = null, ["健康状况"] = health, ["联系电话"] = phone, ["人均纯收入"] = income,
    };

    private static string Id(int sequence) => IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1980, 1, 1), sequence);

    private static (List<ImportedHousehold> Households, List<ImportError> Errors) Read(IEnumerable<Dictionary<string, object?>> rows,
        Jurisdiction? jurisdiction = null)
    {
        using var file = new MemoryStream();
        file.SaveAs(rows.ToList());
        file.Position = 0;
        return HouseholdImport.Read(file, jurisdiction ?? Jurisdiction.County, new DateOnly(2026, 12, 1));
    }

    [Fact]
    public void Rows_are_grouped_into_households_by_key_with_the_head_first_wherever_it_is()
    {
        var (households, errors) = Read(
        [
            Row(1, "配偶", "李秀英", Id(2)),
            Row(1, "户主", "王明", Id(1), income: 5800.5),
            Row(2, "户主", "张华", Id(3), phone: 13812345678d),
        ]);

        Assert.Empty(errors);
        Assert.Equal(2, households.Count);
        Assert.Equal("王明", households[0].Request.HeadName);
        Assert.Equal("532623101012", households[0].Request.VillageCode);
        Assert.Equal(5800.5m, households[0].Request.PerCapitaIncome);
        Assert.Equal([3, 2], households[0].MemberRows);
        Assert.Equal("13812345678", households[1].Request.Members![0].Phone);
    }

    [Fact]
    public void Every_error_is_reported_at_its_row_and_column_in_Chinese()
    {
        var badCheck = string.Concat(Id(5).AsSpan(0, 17), Id(5)[17] == '0' ? "1" : "0");
        var (_, errors) = Read(
        [
            Row(1, "户主", "王明", Id(1)),
            Row(1, "子女", "", Id(2), labour: "能干"),
            Row(2, "户主", "张华", badCheck, village: "龙泉村"),
            Row(3, "子女", "李四", Id(1), health: "很好"),
        ]);

        Assert.Equal(
        [
            new ImportError(3, "姓名", "姓名必填"),
            new ImportError(3, "劳动能力", "劳动能力应为：有劳动力、弱劳动力或半劳动力、丧失劳动力、无劳动力"),
            new ImportError(4, "村委会", "兴街镇没有名为“龙泉村”的村委会"),
            new ImportError(4, "身份证号", "身份证号校验码不正确"),
            new ImportError(5, "与户主关系", "户序号 3 没有户主：每户须有一行“与户主关系”为“户主”"),
        ], errors);
    }

    [Fact]
    public void The_same_ID_number_twice_in_a_file_names_the_first_row()
    {
        var (_, errors) = Read([Row(1, "户主", "王明", Id(1)), Row(2, "户主", "张华", Id(3)), Row(2, "子女", "张三", Id(1))]);

        Assert.Equal([new ImportError(4, "身份证号", "身份证号与第2行重复")], errors);
    }

    [Fact]
    public void A_household_outside_the_callers_township_is_an_error_at_its_head_row()
    {
        var row = Row(1, "户主", "王明", Id(1));
        row["乡镇"] = "西洒镇";
        row["村委会"] = "龙泉村";

        var (_, errors) = Read([row], Xingjie);

        Assert.Equal([new ImportError(2, "村委会", "西洒镇龙泉村不在您的管辖范围（兴街镇）内")], errors);
    }

    [Fact]
    public void An_ID_number_typed_as_a_number_is_refused_because_Excel_has_dropped_its_last_digits()
    {
        var row = Row(1, "户主", "王明", Id(1));
        row["身份证号"] = 532623198001010011d;

        var (_, errors) = Read([row]);

        Assert.Contains(new ImportError(2, "身份证号", "身份证号须以文本格式填写：数字格式会丢失末几位"), errors);
    }

    [Fact]
    public void A_sheet_without_the_templates_columns_says_which_are_missing()
    {
        var (_, errors) = Read([new Dictionary<string, object?> { ["户号"] = 1, ["姓名"] = "王明" }]);

        Assert.Equal(["户序号", "乡镇", "村委会", "与户主关系", "身份证号"], errors.Select(e => e.Column));
        Assert.All(errors, e => Assert.Equal(1, e.Row));
    }
}
