using System.IO.Compression;
using System.Security;
using System.Text;
using MiniExcelLibs;
using Xichou.Monitoring.Model.Import;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>
/// .xlsx files built to hurt a reader: a real workbook from the template's writer whose first worksheet is replaced by XML
/// written here, so every other part (workbook, relationships, content types) is what Excel would accept.
/// </summary>
public static class HostileXlsx
{
    private const string Head = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""";

    /// <summary>The template's header row and the given rows (already XML), under an optional dimension.</summary>
    public static byte[] WithSheet(string rowsXml, string? dimension = null) => Replace(writer =>
    {
        writer.Write(Head);
        if (dimension is not null)
        {
            writer.Write($"""<dimension ref="{dimension}"/>""");
        }
        writer.Write("<sheetData>");
        writer.Write(Row(1, HouseholdImport.Columns));
        writer.Write(rowsXml);
        writer.Write("</sheetData></worksheet>");
    });

    /// <summary>A sheet that inflates to <paramref name="bytes"/> of whitespace: a few KB on the wire.</summary>
    public static byte[] Inflating(long bytes) => Replace(writer =>
    {
        writer.Write(Head);
        writer.Write("<sheetData>");
        writer.Write(Row(1, HouseholdImport.Columns));
        var spaces = new string(' ', 64 * 1024);
        for (long written = 0; written < bytes; written += spaces.Length)
        {
            writer.Write(spaces);
        }
        writer.Write("</sheetData></worksheet>");
    });

    /// <summary>One row of inline-string cells, columns A, B, C… from the first value.</summary>
    public static string Row(long number, IEnumerable<string?> values, string? formulaInLastCell = null)
    {
        var xml = new StringBuilder($"""<row r="{number}">""");
        var column = 'A';
        foreach (var value in values)
        {
            if (value is not null)
            {
                xml.Append($"""<c r="{column}{number}" t="inlineStr"><is><t>{SecurityElement.Escape(value)}</t></is></c>""");
            }
            column++;
        }
        if (formulaInLastCell is not null)
        {
            xml.Append($"""<c r="{column}{number}"><f>{SecurityElement.Escape(formulaInLastCell)}</f><v>0</v></c>""");
        }
        return xml.Append("</row>").ToString();
    }

    /// <summary>A member row of the template for 三光村 (or the given place) with this ID number.</summary>
    public static string MemberRow(long number, string key, string relation, string name, string idNumber,
        string township = "兴街镇", string village = "三光村", string? formula = null) =>
        Row(number, [key, township, village, "第一村民小组", relation, name, idNumber], formula);

    private static byte[] Replace(Action<StreamWriter> writeSheet)
    {
        using var file = new MemoryStream();
        file.SaveAs(new[] { new Dictionary<string, object?> { ["x"] = "x" } }, sheetName: "农户成员");
        using (var zip = new ZipArchive(file, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            writeSheet(writer);
        }
        return file.ToArray();
    }
}
