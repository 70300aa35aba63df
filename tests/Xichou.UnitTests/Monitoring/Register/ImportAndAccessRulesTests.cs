using System.IO.Compression;
using System.Text;
using Xichou.Monitoring.Apis;
using Xichou.Monitoring.Application.Hotline;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Import;
using Xichou.Monitoring.Model.Risks;
using Xichou.ServiceDefaults.Security;

namespace Xichou.UnitTests.Monitoring.Register;

public class XlsxInspectionTests
{
    private static readonly ImportLimits Limits = new() { MaxUncompressedBytes = 1024 * 1024, MaxCompressionRatio = 100 };

    private static string Sheet(string rows) =>
        $"""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>""";

    private static MemoryStream Zip(string sheetXml)
    {
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false)))
        {
            writer.Write(sheetXml);
        }
        file.Position = 0;
        return file;
    }

    [Theory]
    [InlineData("A1:L20001", 20001, 12)]
    [InlineData("$A$1:$L$5", 5, 12)]
    [InlineData("XFD2", 2, 16384)]
    [InlineData("A1:L99999999999999999", long.MaxValue, 12)]
    public void The_last_cell_of_a_reference_gives_its_row_and_column(string reference, long row, long column) =>
        Assert.Equal((row, column), XlsxInspection.LastCell(reference));

    [Fact]
    public void A_sheet_of_a_few_rows_may_be_read_and_the_stream_is_left_where_it_was()
    {
        using var file = Zip(Sheet("""<row r="1"/><row r="2"/><row r="3"/>"""));

        Assert.Null(XlsxInspection.Inspect(file, 20_000, Limits));
        Assert.Equal(0, file.Position);
    }

    [Theory]
    [InlineData("""<row r="20000000"/>""", "第20,000,000行")]
    [InlineData("""<row r="20002"/>""", "第20,002行")]
    [InlineData("""<row r="2"><c r="A2"><f>1+1</f></c></row>""", "第2行含有公式")]
    public void Row_numbers_past_the_cap_and_formulas_are_refused(string rows, string expected)
    {
        using var file = Zip(Sheet(rows));

        var refusal = XlsxInspection.Inspect(file, 20_000, Limits);

        Assert.NotNull(refusal);
        Assert.Contains(expected, refusal.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_whose_zip_header_understates_its_size_is_stopped_by_what_it_really_inflates_to()
    {
        using var file = Zip(Sheet(new string(' ', 4 * 1024 * 1024)));
        var bytes = file.ToArray();
        // Both the local header (offset 22) and the central directory (offset 24) claim 100 bytes uncompressed.
        Patch(bytes, 0x04034b50, 22);
        Patch(bytes, 0x02014b50, 24);
        using var lying = new MemoryStream(bytes);

        var refusal = XlsxInspection.Inspect(lying, 20_000, Limits);

        Assert.NotNull(refusal);
    }

    private static void Patch(byte[] zip, uint signature, int offset)
    {
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            if (BitConverter.ToUInt32(zip, i) == signature)
            {
                BitConverter.GetBytes(100u).CopyTo(zip, i + offset);
            }
        }
    }

    [Fact]
    public void Not_a_zip_is_refused_as_not_an_xlsx()
    {
        using var file = new MemoryStream("<html></html>"u8.ToArray());

        Assert.Contains("无法读取文件", XlsxInspection.Inspect(file, 20_000, Limits)!.Chinese, StringComparison.Ordinal);
    }
}

public class LevelAndMaskingRulesTests
{
    private static readonly Jurisdiction Village = new(JurisdictionLevel.Village, "532623101012");
    private static readonly Jurisdiction Township = new(JurisdictionLevel.Township, "532623101");

    [Fact]
    public void A_risk_is_acted_on_by_its_own_level_or_above_and_never_by_a_pairing_cadre()
    {
        Assert.True(RiskRegister.MayActOn(Village, RiskLevel.Village));
        Assert.False(RiskRegister.MayActOn(Village, RiskLevel.Township));
        Assert.True(RiskRegister.MayActOn(Township, RiskLevel.Township));
        Assert.False(RiskRegister.MayActOn(Township, RiskLevel.County));
        Assert.True(RiskRegister.MayActOn(Jurisdiction.County, RiskLevel.County));
        Assert.False(RiskRegister.MayActOn(new Jurisdiction(JurisdictionLevel.Pairing, "cadre"), RiskLevel.Village));
    }

    [Fact]
    public void A_hotline_callers_phone_keeps_its_prefix_and_last_four_for_the_township_and_county_and_nothing_below()
    {
        Assert.Equal("139****4321", ComplaintView.CallerPhoneFor("13987654321", Township));
        Assert.Equal("139****4321", ComplaintView.CallerPhoneFor("13987654321", Jurisdiction.County));
        Assert.Equal(ComplaintView.HiddenPhone, ComplaintView.CallerPhoneFor("13987654321", Village));
        Assert.Equal(ComplaintView.HiddenPhone, ComplaintView.CallerPhoneFor("13987654321", new Jurisdiction(JurisdictionLevel.Pairing, "cadre")));
        Assert.Null(ComplaintView.CallerPhoneFor(null, Village));
    }

    [Fact]
    public void A_number_held_outside_the_jurisdiction_is_not_named()
    {
        var holder = new RegisteredHolder(Guid.NewGuid(), "532623100-ABCDEFGH", "532623100", "532623100002", null);

        Assert.False(holder.IsWithin(Village));
        Assert.True(holder.IsWithin(Jurisdiction.County));
        Assert.False(DuplicateIdNumbers.Problem(new DuplicateAnswer.Hidden(), "headIdNumber").ProblemDetails.Extensions.ContainsKey("householdCode"));
        Assert.DoesNotContain("532623100", DuplicateIdNumbers.Problem(new DuplicateAnswer.Hidden(), "headIdNumber").ProblemDetails.Detail, StringComparison.Ordinal);
    }
}
