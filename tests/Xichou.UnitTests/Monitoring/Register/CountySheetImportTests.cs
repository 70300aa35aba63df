using MiniExcelLibs;
using Xichou.Monitoring.Model.Import;
using Xichou.ServiceDefaults.Security;

namespace Xichou.UnitTests.Monitoring.Register;

/// <summary>Sheets as the county makes them (openpyxl, a merged title above the headers), read as the import reads them.</summary>
public class CountySheetImportTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static (List<ImportedHousehold> Households, List<ImportError> Errors) Read(byte[] xlsx)
    {
        using var file = new MemoryStream(xlsx);
        return HouseholdImport.Read(file, Jurisdiction.County, Today);
    }

    [Fact]
    public void The_header_row_is_found_below_a_merged_title_and_a_note_and_rows_keep_their_sheet_numbers()
    {
        var (households, errors) = Read(CountySheets.Read(CountySheets.TitleRow));

        Assert.Empty(errors);
        Assert.Equal(2, households.Count);
        Assert.Equal([4, 5, 6], households[0].MemberRows);
        Assert.Equal([7], households[1].MemberRows);
        Assert.Equal("陶正明", households[0].Request.HeadName);
        Assert.Equal(5800.5m, households[0].Request.PerCapitaIncome);
        Assert.Equal("532623101012", households[0].Request.VillageCode);
    }

    [Fact]
    public void A_lower_case_x_typed_in_the_sheet_is_read_as_X() =>
        Assert.Equal(CountySheets.TitleRowIdNumbers[1], Read(CountySheets.Read(CountySheets.TitleRow)).Households[0].Request.Members![1].IdNumber);

    [Fact]
    public void ID_numbers_typed_as_numbers_get_one_clear_error_per_cell_at_their_sheet_rows()
    {
        var (_, errors) = Read(CountySheets.Read(CountySheets.NumericIds));

        Assert.Equal(
        [
            new ImportError(3, HouseholdImport.IdNumber, "身份证号须以文本格式填写：数字格式会丢失末几位"),
            new ImportError(4, HouseholdImport.IdNumber, "身份证号须以文本格式填写：数字格式会丢失末几位"),
            new ImportError(5, HouseholdImport.IdNumber, "身份证号须以文本格式填写：数字格式会丢失末几位"),
        ], errors);
    }

    [Fact]
    public void A_sheet_whose_headers_are_below_row_10_names_the_missing_columns_once_each()
    {
        var rows = Enumerable.Range(0, 10).Select(_ => new Dictionary<string, object?> { ["A"] = "说明" })
            .Append(new Dictionary<string, object?> { ["A"] = "户序号", ["B"] = "乡镇", ["C"] = "村委会", ["D"] = "与户主关系", ["E"] = "姓名", ["F"] = "身份证号" })
            .ToList();
        using var file = new MemoryStream();
        file.SaveAs(rows, printHeader: false);

        var (households, errors) = Read(file.ToArray());

        Assert.Empty(households);
        Assert.Equal(6, errors.Count);
        Assert.All(errors, e => Assert.Contains("表头应在前10行内", e.Message, StringComparison.Ordinal));
        Assert.Equal(errors.Count, errors.Select(e => e.Column).Distinct().Count());
    }

    [Fact]
    public void A_wrong_check_digit_next_to_a_duplicate_is_one_error_for_the_cell()
    {
        var id = Xichou.Contracts.IdNumber.Compose(Xichou.Contracts.IdNumber.XichouAreaCode, new DateOnly(1930, 5, 5), 1);
        var wrong = string.Concat(id.AsSpan(0, 17), id[17] == '0' ? "1" : "0");
        var rows = new List<Dictionary<string, object?>>
        {
            HouseholdImport.Row("1", "兴街镇", "三光村", "一组", "户主", "王明", wrong, "有劳动力", "非在校生", "健康", null, null),
        };
        using var file = new MemoryStream();
        file.SaveAs(rows);

        var (_, errors) = Read(file.ToArray());

        // Checked as the household's head and as member 0: the same cell, reported once.
        Assert.Equal([new ImportError(2, HouseholdImport.IdNumber, "身份证号校验码不正确")], errors);
    }
}
