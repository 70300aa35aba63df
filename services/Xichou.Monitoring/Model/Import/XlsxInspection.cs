using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Xichou.Monitoring.Model.Import;

/// <summary>Limits on an import file that are about the machine, not the policy (see <c>Policy:Monitoring:ImportMaxRows</c>).</summary>
public sealed record ImportLimits
{
    public const string SectionName = "Import";

    /// <summary>
    /// All parts of the .xlsx together, inflated: about 630 bytes a member row (the 10,000-household benchmark file, 35,000
    /// rows, inflates to 22 MB), so a file at the 500,000-row cap to about 320 MB. Inflating is streamed through a counter and
    /// nothing is kept, so this bounds the time a file may cost, not memory; a bomb is refused on its ratio well before.
    /// </summary>
    public long MaxUncompressedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>How much one part may inflate relative to its compressed size (real sheets: 5–30×) once it is over 1 MiB.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Imports running at once in one replica; another is refused with a 429 until one ends.</summary>
    public int MaxConcurrentImports { get; init; } = 1;

    /// <summary>
    /// Households staged per SaveChanges when a checked file is stored (all of them in one transaction): what the tracker
    /// holds at once, and how many households share one members message per department.
    /// </summary>
    public int BatchHouseholds { get; init; } = 2_000;

    /// <summary>
    /// SQLite's page cache for the connection storing an import, in MiB, while it stores (0: SQLite's own 2 MB). Measured on
    /// the 100,000-household file: 256 MiB stored it in 45 s instead of 57 s, at 260 MB more working set.
    /// </summary>
    public int SqliteCacheMegabytes { get; init; } = 128;
}

/// <summary>What is wrong with a file as a whole, in Chinese and English.</summary>
public sealed record XlsxRefusal(string Chinese, string English);

/// <summary>
/// Looks at an .xlsx before any spreadsheet library reads it: a reader fills every row up to the highest row number and
/// every column up to the widest cell, so a 4.5 KB file naming row 20,000,000 took the service past 6 GB. Here the zip's
/// parts are inflated through a counter (the sizes in its directory can lie), and every worksheet's XML is streamed for its
/// declared dimension, row numbers, columns and formulas; nothing is kept but counts.
/// </summary>
public static class XlsxInspection
{
    /// <summary>The template has 12 columns; a few more are tolerated (notes), thousands are not.</summary>
    public const int MaxColumns = 64;

    private const int MaxEntries = 1000;
    private const long RatioFloorBytes = 1024 * 1024;
    private const string SpreadsheetMl = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Null when the file may be read; else why not. The stream is left where it was found.</summary>
    public static XlsxRefusal? Inspect(Stream xlsx, int maxRows, ImportLimits limits)
    {
        var start = xlsx.Position;
        try
        {
            return InspectZip(xlsx, maxRows, limits);
        }
        catch (Exception exception) when (exception is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            return NotXlsx;
        }
        finally
        {
            xlsx.Position = start;
        }
    }

    private static readonly XlsxRefusal NotXlsx = new("无法读取文件，请使用导入模板另存为 .xlsx 后上传", "The file is not a readable .xlsx; save the template as .xlsx and upload it.");

    private static XlsxRefusal? InspectZip(Stream xlsx, int maxRows, ImportLimits limits)
    {
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > MaxEntries)
        {
            return new($"文件包含{zip.Entries.Count}个部件，不是导入模板", $"The file has {zip.Entries.Count} parts; it is not the import template.");
        }
        // First what the zip declares, which costs nothing to check…
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length;
            if (declared > limits.MaxUncompressedBytes)
            {
                return TooLarge(limits);
            }
            if (entry.Length > RatioFloorBytes && entry.Length > Math.Max(1, entry.CompressedLength) * limits.MaxCompressionRatio)
            {
                return Ratio(entry.FullName, limits);
            }
        }
        // …then what it really inflates to, with the worksheets' XML streamed for their rows.
        var budget = limits.MaxUncompressedBytes;
        var sheets = 0;
        foreach (var entry in zip.Entries)
        {
            var entryCap = Math.Min(budget, Math.Max(RatioFloorBytes, Math.Max(1, entry.CompressedLength) * limits.MaxCompressionRatio));
            using var counted = new CountingStream(entry.Open(), entryCap);
            XlsxRefusal? refusal;
            try
            {
                if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                {
                    (refusal, var isSheet) = ScanXml(counted, maxRows);
                    sheets += isSheet ? 1 : 0;
                }
                else
                {
                    counted.CopyTo(Stream.Null);
                    refusal = null;
                }
            }
            catch (LimitExceededException)
            {
                return entryCap >= budget ? TooLarge(limits) : Ratio(entry.FullName, limits);
            }
            if (refusal is not null)
            {
                return refusal;
            }
            budget -= counted.BytesRead;
        }
        return sheets == 0 ? new("文件中没有工作表，请使用导入模板", "The file has no worksheet; use the import template.") : null;
    }

    /// <summary>Streams one XML part; a worksheet (it has sheetData) is checked row by row.</summary>
    private static (XlsxRefusal? Refusal, bool IsSheet) ScanXml(Stream xml, int maxRows)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(xml, settings);
        var lastRow = maxRows + 1; // the header is row 1
        var isSheet = false;
        var rows = 0;
        var row = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != SpreadsheetMl)
            {
                continue;
            }
            switch (reader.LocalName)
            {
                case "sheetData":
                    isSheet = true;
                    break;
                case "dimension" when reader.GetAttribute("ref") is { } range:
                    var (declaredRow, declaredColumn) = LastCell(range);
                    if (declaredRow > lastRow)
                    {
                        return (TooManyRows(declaredRow, maxRows, declared: true), true);
                    }
                    if (declaredColumn > MaxColumns)
                    {
                        return (TooManyColumns(), true);
                    }
                    break;
                case "row":
                    isSheet = true;
                    rows++;
                    row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var numbered) ? numbered : row + 1;
                    if (row > lastRow || rows > lastRow || reader.GetAttribute("r") is { Length: > 9 })
                    {
                        return (TooManyRows(Math.Max(row, rows), maxRows, declared: false), true);
                    }
                    break;
                case "c" when reader.GetAttribute("r") is { } cell:
                    if (LastCell(cell) is var (cellRow, column) && (column > MaxColumns || cellRow > lastRow))
                    {
                        return (column > MaxColumns ? TooManyColumns() : TooManyRows(cellRow, maxRows, declared: false), true);
                    }
                    break;
                case "f":
                    return (new($"第{row}行含有公式，请将公式复制后“粘贴为数值”再上传",
                        $"Row {row} holds a formula; paste the values instead of formulas and upload again."), true);
            }
        }
        return (null, isSheet);
    }

    /// <summary>The row and column of a cell reference or of the last cell of a range (A1:L20001 → 20001, 12); 0 when unreadable.</summary>
    public static (long Row, long Column) LastCell(string reference)
    {
        var cell = reference[(reference.LastIndexOf(':') + 1)..].Replace("$", "", StringComparison.Ordinal);
        long column = 0;
        var i = 0;
        for (; i < cell.Length && char.IsAsciiLetter(cell[i]) && column <= int.MaxValue; i++)
        {
            column = column * 26 + (char.ToUpperInvariant(cell[i]) - 'A' + 1);
        }
        var digits = cell[i..];
        var row = digits.Length is > 0 and <= 12 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : digits.Length > 12 ? long.MaxValue : 0;
        return (row, column);
    }

    private static XlsxRefusal TooManyRows(long row, int maxRows, bool declared) => declared
        ? new(Invariant($"工作表声明了{row:N0}行，超过每个文件{maxRows:N0}行的上限：请分成几个文件导入"),
            Invariant($"The sheet declares {row:N0} rows, over the limit of {maxRows:N0} rows per file; split it into several files."))
        : new(Invariant($"第{row:N0}行超过每个文件{maxRows:N0}行的上限：请删除多余的行或分成几个文件导入"),
            Invariant($"Row {row:N0} is over the limit of {maxRows:N0} rows per file; delete the extra rows or split the file."));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static XlsxRefusal TooManyColumns() =>
        new($"工作表超过{MaxColumns}列，不是导入模板", $"The sheet has more than {MaxColumns} columns; it is not the import template.");

    private static XlsxRefusal TooLarge(ImportLimits limits) =>
        new($"文件解压后超过{limits.MaxUncompressedBytes / (1024 * 1024)} MB，不是导入模板", $"The file inflates to more than {limits.MaxUncompressedBytes / (1024 * 1024)} MB; it is not the import template.");

    private static XlsxRefusal Ratio(string part, ImportLimits limits) =>
        new($"文件中的“{part}”压缩比超过{limits.MaxCompressionRatio}倍，不是正常的表格", $"The part '{part}' inflates more than {limits.MaxCompressionRatio} times; it is not a normal spreadsheet.");

    private sealed class LimitExceededException : Exception;

    /// <summary>A read-only pass-through that throws once more than <c>cap</c> bytes have come out.</summary>
    private sealed class CountingStream(Stream inner, long cap) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            if (BytesRead > cap)
            {
                throw new LimitExceededException();
            }
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
