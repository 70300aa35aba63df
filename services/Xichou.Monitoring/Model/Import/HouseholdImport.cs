using System.Globalization;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Import;

/// <summary>One thing wrong with an import file: the sheet row as the sheet numbers it (the header is the first row naming the required columns, usually row 1), the column header and what is wrong, in Chinese.</summary>
public sealed record ImportError(int Row, string Column, string Message);

/// <summary>A household read from the file, with the sheet rows it came from (the head's first) for reporting errors.</summary>
public sealed record ImportedHousehold(string Key, RegisterHouseholdRequest Request, IReadOnlyList<int> MemberRows);

/// <summary>What the first pass over a file found: its header and where each household (户序号) ends.</summary>
/// <param name="Header">The header row, and which column letter carries which header.</param>
/// <param name="LastRowOf">The last row of each 户序号; null for a file grouped by 户序号, whose households end where the next begins.</param>
/// <param name="Households">How many households (for a grouped file: with a head).</param>
public sealed record ImportSheet(HouseholdImport.HeaderRow Header, IReadOnlyDictionary<string, int>? LastRowOf, int Households);

/// <summary>
/// The register's import template (one row per member, households grouped by 户序号) and reading it: every row is
/// checked and every error collected before anything is stored, so a file is taken whole or not at all.
/// </summary>
public static class HouseholdImport
{
    public const string HouseholdKey = "户序号";
    public const string Township = "乡镇";
    public const string Village = "村委会";
    public const string VillagerGroup = "村民小组";
    public const string Relation = "与户主关系";
    public const string Name = "姓名";
    public const string IdNumber = "身份证号";
    public const string LabourCapacity = "劳动能力";
    public const string SchoolStage = "在校生状况";
    public const string HealthState = "健康状况";
    public const string Phone = "联系电话";
    public const string PerCapitaIncome = "人均纯收入";

    public static readonly IReadOnlyList<string> Columns =
        [HouseholdKey, Township, Village, VillagerGroup, Relation, Name, IdNumber, LabourCapacity, SchoolStage, HealthState, Phone, PerCapitaIncome];

    private static readonly string[] Required = [HouseholdKey, Township, Village, Relation, Name, IdNumber];

    /// <summary>The template: the headers and one example household of three (valid, made-up ID numbers).</summary>
    public static byte[] Template()
    {
        var rows = new List<Dictionary<string, object?>>
        {
            Row("1", "兴街镇", "三光村", "第一村民小组", "户主", "王明", Contracts.IdNumber.Compose(Contracts.IdNumber.XichouAreaCode, new DateOnly(1975, 3, 15), 121),
                "有劳动力", "非在校生", "健康", "13812345678", 5800m),
            Row("1", "兴街镇", "三光村", "第一村民小组", "配偶", "李秀英", Contracts.IdNumber.Compose(Contracts.IdNumber.XichouAreaCode, new DateOnly(1977, 8, 2), 122),
                "弱劳动力或半劳动力", "非在校生", "长期慢性病", null, null),
            Row("1", "兴街镇", "三光村", "第一村民小组", "子女", "王小军", Contracts.IdNumber.Compose(Contracts.IdNumber.XichouAreaCode, new DateOnly(2010, 9, 1), 131),
                "无劳动力", "初中", "健康", null, null),
        };
        using var file = new MemoryStream();
        file.SaveAs(rows, sheetName: "农户成员");
        return file.ToArray();
    }

    /// <summary>
    /// One member's row of the template, keyed by its Chinese headers: for the template itself and for whoever builds a
    /// file to import (tests, the benchmark). <paramref name="key"/> is the 户序号, a number or text as people type it.
    /// </summary>
    public static Dictionary<string, object?> Row(object key, string township, string village, string group, string relation, string name,
        string idNumber, string labour, string school, string health, string? phone, decimal? income) => new()
    {
        [HouseholdKey] = key,
        [Township] = township,
        [Village] = village,
        [VillagerGroup] = group,
        [Relation] = relation,
        [Name] = name,
        [IdNumber] = idNumber,
        [LabourCapacity] = labour,
        [SchoolStage] = school,
        [HealthState] = health,
        [Phone] = phone,
        [PerCapitaIncome] = income,
    };

    /// <summary>How far down the sheet the header row may be: county sheets carry a title (台账名称、月份) and notes above it.</summary>
    public const int MaxHeaderRow = 10;

    /// <summary>
    /// Reads the first sheet into households and collects every error that needs no database (see <see cref="Households"/>),
    /// sorted by cell, one per cell. Holds the whole file's households: for small files and tests; the importer streams.
    /// </summary>
    public static (List<ImportedHousehold> Households, List<ImportError> Errors) Read(Stream xlsx, Jurisdiction jurisdiction,
        DateOnly today, int maxRows = 500_000)
    {
        var errors = new List<ImportError>();
        var households = new List<ImportedHousehold>();
        var idNumberRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var sheet = CheckGrouped(xlsx, maxRows, jurisdiction, today, errors, idNumberRows, households.Add, out var apart);
        if (apart)
        {
            households.Clear();
            sheet = Scan(xlsx, maxRows, errors);
            if (sheet is not null)
            {
                households.AddRange(Households(xlsx, sheet, jurisdiction, today, errors, idNumberRows));
            }
        }
        return (households, Sorted(errors));
    }

    /// <summary>
    /// The first pass over a file grouped by 户序号 (the template's way, each household's rows together): finds the header and
    /// checks every household as <see cref="Households"/> does, each ending where the next 户序号 begins, handing the good ones
    /// to <paramref name="household"/>; so a grouped file is read twice in all, once here and once to store it. When a 户序号
    /// comes back after another, <paramref name="apart"/> is true, <paramref name="errors"/> and <paramref name="idNumberRows"/>
    /// are as they were and the households already handed on are to be dropped: the caller then finds where each household ends
    /// (<see cref="Scan"/>) and checks them with that. Null when the file cannot be read further, with the reason in
    /// <paramref name="errors"/>.
    /// </summary>
    public static ImportSheet? CheckGrouped(Stream xlsx, int maxRows, Jurisdiction jurisdiction, DateOnly today, List<ImportError> errors,
        Dictionary<string, int> idNumberRows, Action<ImportedHousehold> household, out bool apart)
    {
        var found = errors.Count;
        var started = new HashSet<string>(StringComparer.Ordinal);
        string? key = null;
        List<(int Row, IDictionary<string, object?> Cells)>? group = null;
        var households = 0;
        var cameBack = false;
        var header = EachRow(xlsx, maxRows, errors, (head, row, cells, rowKey) =>
        {
            if (rowKey != key)
            {
                Complete();
                if (!started.Add(rowKey))
                {
                    cameBack = true;
                    return false;
                }
                key = rowKey;
                group = [];
            }
            group!.Add((row, head.Name(cells)));
            return true;
        });
        apart = cameBack;
        if (apart)
        {
            errors.RemoveRange(found, errors.Count - found);
            idNumberRows.Clear();
            return null;
        }
        if (header is null)
        {
            return null;
        }
        Complete();
        if (started.Count == 0 && errors.Count == found)
        {
            errors.Add(new(2, HouseholdKey, "文件中没有农户"));
        }
        return new ImportSheet(header, null, households);

        void Complete()
        {
            if (group is not null && Household(key!, group, jurisdiction, today, errors, idNumberRows) is { } complete)
            {
                households++;
                household(complete);
            }
            group = null;
        }
    }

    /// <summary>
    /// The first pass over a file whose households' rows are apart: the last row of every 户序号, keeping nothing else, so
    /// that <see cref="Households"/> can hand on each household as soon as its last row has gone by. Null when the file
    /// cannot be read further (unreadable, no header, past <paramref name="maxRows"/>), with the reason in <paramref name="errors"/>.
    /// </summary>
    public static ImportSheet? Scan(Stream xlsx, int maxRows, List<ImportError> errors)
    {
        var found = errors.Count;
        var lastRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = EachRow(xlsx, maxRows, errors, (_, row, _, key) =>
        {
            lastRowOf[key] = row;
            return true;
        });
        if (header is null)
        {
            return null;
        }
        if (lastRowOf.Count == 0 && errors.Count == found)
        {
            errors.Add(new(2, HouseholdKey, "文件中没有农户"));
        }
        return new ImportSheet(header, lastRowOf, lastRowOf.Count);
    }

    /// <summary>
    /// Streams the sheet's data rows: finds the header row (the first of the first <see cref="MaxHeaderRow"/> rows that names
    /// every required column), stops past <paramref name="maxRows"/>, skips blank rows and reports rows without a 户序号, and
    /// hands every other row (the header, its number, its cells by column letter, its 户序号) to <paramref name="row"/>, which
    /// returns false to stop. The header, or null when the file cannot be read further, with the reason alone in
    /// <paramref name="errors"/>.
    /// </summary>
    private static HeaderRow? EachRow(Stream xlsx, int maxRows, List<ImportError> errors,
        Func<HeaderRow, int, IDictionary<string, object?>, string, bool> row)
    {
        var start = xlsx.Position;
        var found = errors.Count;
        var header = new HeaderRow();
        try
        {
            var sheetRow = 0;
            string? keyLetter = null;
            // Streamed: blank rows are skipped as they come, and reading stops past maxRows. (The file has been through
            // XlsxInspection, which refuses row numbers past the cap before the reader would fill the gap up to them.)
            foreach (var sheetCells in xlsx.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>())
            {
                sheetRow++;
                if (!header.Found)
                {
                    if (sheetRow > MaxHeaderRow)
                    {
                        break;
                    }
                    header.Consider(sheetRow, sheetCells);
                    keyLetter = header.LetterOf(HouseholdKey);
                    continue;
                }
                if (sheetRow > header.Row + maxRows)
                {
                    errors.RemoveRange(found, errors.Count - found);
                    errors.Add(new(sheetRow, "", $"超过每个文件{maxRows}行的上限：请分成几个文件导入"));
                    return null;
                }
                if (IsBlank(sheetCells))
                {
                    continue;
                }
                if (Text(sheetCells, keyLetter!) is not { } key)
                {
                    errors.Add(new(sheetRow, HouseholdKey, "户序号必填：同一户的成员填同一个户序号"));
                    continue;
                }
                if (!row(header, sheetRow, sheetCells, key))
                {
                    return header;
                }
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            errors.RemoveRange(found, errors.Count - found);
            errors.Add(new(1, "", "无法读取文件，请使用导入模板另存为 .xlsx 后上传"));
            return null;
        }
        finally
        {
            xlsx.Position = start;
        }
        if (!header.Found)
        {
            // Name what the likeliest header row lacks (the template's row 1 when nothing looks like a header).
            foreach (var column in Required.Where(c => !header.BestColumns.Contains(c)))
            {
                errors.Add(new(header.BestRow, column, $"缺少列“{column}”：表头应在前{MaxHeaderRow}行内，请使用导入模板"));
            }
            return null;
        }
        return header;
    }

    /// <summary>
    /// Streams the sheet again and hands on each household once its last row has gone by (for a grouped sheet, once the next
    /// 户序号 begins: one household held at a time), adding to <paramref name="errors"/> every error that needs no database: the cells, the ID
    /// numbers' check digits and birth dates (none after <paramref name="today"/>), a household without exactly one head, an
    /// ID number twice in the file, a village unknown in its township or outside <paramref name="jurisdiction"/>. Rows are
    /// numbered as the sheet numbers them. <paramref name="idNumberRows"/> collects the first row of every valid ID number
    /// (the cross-row check, and where the register's duplicates are reported). A household without a head is not handed on.
    /// </summary>
    public static IEnumerable<ImportedHousehold> Households(Stream xlsx, ImportSheet sheet, Jurisdiction jurisdiction, DateOnly today,
        List<ImportError> errors, Dictionary<string, int> idNumberRows)
    {
        var start = xlsx.Position;
        var open = new Dictionary<string, List<(int Row, IDictionary<string, object?> Cells)>>(StringComparer.Ordinal);
        var sheetRow = 0;
        try
        {
            foreach (var sheetCells in xlsx.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>())
            {
                if (++sheetRow <= sheet.Header.Row || IsBlank(sheetCells))
                {
                    continue;
                }
                var cells = sheet.Header.Name(sheetCells);
                if (Text(cells, HouseholdKey) is not { } key)
                {
                    continue;
                }
                if (sheet.LastRowOf is null)
                {
                    // Grouped: the household before this row's is complete once another 户序号 begins.
                    foreach (var (before, rows) in open.Where(o => o.Key != key).ToList())
                    {
                        open.Remove(before);
                        if (Household(before, rows, jurisdiction, today, errors, idNumberRows) is { } household)
                        {
                            yield return household;
                        }
                    }
                }
                else if (!sheet.LastRowOf.ContainsKey(key))
                {
                    continue;
                }
                if (!open.TryGetValue(key, out var group))
                {
                    open[key] = group = [];
                }
                group.Add((sheetRow, cells));
                if (sheet.LastRowOf is not null && sheetRow == sheet.LastRowOf[key])
                {
                    open.Remove(key);
                    if (Household(key, group, jurisdiction, today, errors, idNumberRows) is { } household)
                    {
                        yield return household;
                    }
                }
            }
            // Grouped: the last household ends with the sheet.
            foreach (var (key, rows) in open.ToList())
            {
                if (sheet.LastRowOf is null && Household(key, rows, jurisdiction, today, errors, idNumberRows) is { } household)
                {
                    yield return household;
                }
            }
        }
        finally
        {
            xlsx.Position = start;
        }
    }

    /// <summary>
    /// <paramref name="errors"/> as the caller sees them: one per cell, the first found (the head's name and ID number are
    /// checked as the household's and as member 0's, and an ID number typed as a number would also fail its check digit),
    /// in sheet order.
    /// </summary>
    public static List<ImportError> Sorted(List<ImportError> errors)
    {
        var seenCells = new HashSet<(int, string)>();
        return [.. errors.Where(e => e.Column.Length == 0 || seenCells.Add((e.Row, e.Column)))
            .OrderBy(e => e.Row).ThenBy(e => ColumnOrder(e.Column))];
    }

    /// <summary>One household's rows checked and made a registration; null when it has no head.</summary>
    private static ImportedHousehold? Household(string key, List<(int Row, IDictionary<string, object?> Cells)> group,
        Jurisdiction jurisdiction, DateOnly today, List<ImportError> errors, Dictionary<string, int> firstRowOf)
    {
        var heads = group.FindAll(r => MemberLabels.Relations.TryParse(Text(r.Cells, Relation), out var relation) && relation == Model.Relation.Head);
        if (heads.Count == 0)
        {
            errors.Add(new(group[0].Row, Relation, $"户序号 {key} 没有户主：每户须有一行“与户主关系”为“户主”"));
            return null;
        }
        foreach (var extra in heads.Skip(1))
        {
            errors.Add(new(extra.Row, Relation, $"户序号 {key} 有多个户主"));
        }
        var head = heads[0];
        var ordered = group.OrderBy(r => r.Row == head.Row ? 0 : 1).ToList();

        var townshipName = Text(head.Cells, Township);
        var villageName = Text(head.Cells, Village);
        string? villageCode = null;
        var townshipCode = townshipName is null ? null : Townships.ByCode.FirstOrDefault(t => t.Value == townshipName).Key;
        if (townshipName is null)
        {
            errors.Add(new(head.Row, Township, "乡镇必填"));
        }
        else if (townshipCode is null)
        {
            errors.Add(new(head.Row, Township, $"“{townshipName}”不是西畴县的乡镇"));
        }
        else if (villageName is null)
        {
            errors.Add(new(head.Row, Village, "村委会必填"));
        }
        else if (Villages.In(townshipCode).FirstOrDefault(v => v.Name == villageName) is not { } village)
        {
            errors.Add(new(head.Row, Village, $"{townshipName}没有名为“{villageName}”的村委会"));
        }
        else if (!jurisdiction.Covers(townshipCode, village.Code))
        {
            errors.Add(new(head.Row, Village, $"{townshipName}{villageName}不在您的管辖范围（{jurisdiction.DisplayName}）内"));
        }
        else
        {
            villageCode = village.Code;
        }
        foreach (var (row, cells) in ordered.Skip(1))
        {
            if (Text(cells, Township) is { } t && t != townshipName || Text(cells, Village) is { } v && v != villageName)
            {
                errors.Add(new(row, Village, $"同一户的成员应与户主同乡镇、同村委会（户序号 {key}）"));
            }
        }

        decimal? income = null;
        if (head.Cells.TryGetValue(PerCapitaIncome, out var incomeCell) && incomeCell is not null && Text(head.Cells, PerCapitaIncome) is { } incomeText)
        {
            if (decimal.TryParse(incomeText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                income = Math.Round(parsed, 2);
            }
            else
            {
                errors.Add(new(head.Row, PerCapitaIncome, "人均纯收入应为数字（元/年）"));
            }
        }

        var members = new List<MemberRequest>(ordered.Count);
        foreach (var (row, cells) in ordered)
        {
            var idNumber = Contracts.IdNumber.Normalize(Text(cells, IdNumber));
            if (cells.TryGetValue(IdNumber, out var idCell) && idCell is double)
            {
                errors.Add(new(row, IdNumber, "身份证号须以文本格式填写：数字格式会丢失末几位"));
            }
            else if (idNumber is not null && Contracts.IdNumber.IsValid(idNumber))
            {
                if (firstRowOf.TryGetValue(idNumber, out var first))
                {
                    errors.Add(new(row, IdNumber, $"身份证号与第{first}行重复"));
                }
                else
                {
                    firstRowOf[idNumber] = row;
                }
            }
            members.Add(new MemberRequest(Text(cells, Relation), Text(cells, Name), idNumber, Text(cells, LabourCapacity),
                Text(cells, SchoolStage), Text(cells, HealthState), Text(cells, Phone)));
        }
        var request = new RegisterHouseholdRequest(villageCode ?? Villages.All[0].Code, Text(head.Cells, Name),
            Contracts.IdNumber.Normalize(Text(head.Cells, IdNumber)), Text(head.Cells, VillagerGroup), income, members);
        var memberRows = ordered.ConvertAll(r => r.Row);
        foreach (var error in HouseholdRegistration.Check(request, today))
        {
            if (CellOf(error.Field, memberRows) is { } cell)
            {
                errors.Add(new(cell.Row, cell.Column, error.Chinese));
            }
        }
        return new ImportedHousehold(key, request, memberRows);
    }

    private static bool IsBlank(IDictionary<string, object?> cells) =>
        cells.Values.All(v => v is null || v is string s && string.IsNullOrWhiteSpace(s));

    /// <summary>Where a registration field is on the sheet; null for what the file already reported (the village by name).</summary>
    public static (int Row, string Column)? CellOf(string field, IReadOnlyList<int> memberRows)
    {
        switch (field)
        {
            case "villageCode":
                return null;
            case "headName":
                return (memberRows[0], Name);
            case "headIdNumber":
                return (memberRows[0], IdNumber);
            case "villagerGroup":
                return (memberRows[0], VillagerGroup);
            case "perCapitaIncome":
                return (memberRows[0], PerCapitaIncome);
            case "members":
                return (memberRows[0], HouseholdKey);
        }
        // members[i].name
        var close = field.IndexOf(']', StringComparison.Ordinal);
        if (field.StartsWith("members[", StringComparison.Ordinal) && close > 8
            && int.TryParse(field.AsSpan(8, close - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < memberRows.Count)
        {
            var column = field[(close + 1)..] switch
            {
                ".relation" => Relation,
                ".name" => Name,
                ".idNumber" => IdNumber,
                ".labourCapacity" => LabourCapacity,
                ".schoolStage" => SchoolStage,
                ".healthState" => HealthState,
                ".phone" => Phone,
                _ => Name,
            };
            return (memberRows[index], column);
        }
        return (memberRows[0], HouseholdKey);
    }

    private static int ColumnOrder(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A cell as trimmed text, null when blank. Whole numbers (户序号 1, a phone typed as a number) lose no digits.</summary>
    public static string? Text(IDictionary<string, object?> cells, string column)
    {
        if (!cells.TryGetValue(column, out var value) || value is null)
        {
            return null;
        }
        var text = value switch
        {
            string s => s,
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
            double d => d.ToString(CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>The sheet's header row once found, and which column letter carries which header.</summary>
    public sealed class HeaderRow
    {
        private Dictionary<string, string> _columns = new(StringComparer.Ordinal);

        public int Row { get; private set; }

        public bool Found => Row > 0;

        public int BestRow { get; private set; } = 1;

        public HashSet<string> BestColumns { get; private set; } = new(StringComparer.Ordinal);

        /// <summary>Takes <paramref name="cells"/> (keyed by column letter) as the header when it names every required column.</summary>
        public void Consider(int sheetRow, IDictionary<string, object?> cells)
        {
            var columns = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (letter, value) in cells)
            {
                if (value is string text && !string.IsNullOrWhiteSpace(text) && !columns.ContainsValue(text.Trim()))
                {
                    columns[letter] = text.Trim();
                }
            }
            var names = columns.Values.ToHashSet(StringComparer.Ordinal);
            if (Required.All(names.Contains))
            {
                Row = sheetRow;
                _columns = columns;
            }
            else if (names.Count(Columns.Contains) > BestColumns.Count(Columns.Contains))
            {
                BestRow = sheetRow;
                BestColumns = names;
            }
        }

        /// <summary>The column letter under <paramref name="header"/>, once found.</summary>
        public string? LetterOf(string header) => _columns.FirstOrDefault(c => c.Value == header).Key;

        /// <summary>A data row keyed by the headers, as the rest of the reading expects.</summary>
        public Dictionary<string, object?> Name(IDictionary<string, object?> cells)
        {
            var named = new Dictionary<string, object?>(_columns.Count, StringComparer.Ordinal);
            foreach (var (letter, header) in _columns)
            {
                named[header] = cells.TryGetValue(letter, out var value) ? value : null;
            }
            return named;
        }
    }
}
