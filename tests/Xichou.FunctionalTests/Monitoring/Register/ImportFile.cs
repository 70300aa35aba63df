using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Model.Import;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>An import file built as a county clerk fills the template: one row per member, 户序号 grouping a household.</summary>
public sealed class ImportFile
{
    // 柏林乡 and 董马乡: villages the security tests do not count rows in.
    private static readonly (string Township, string Village)[] Places =
        [("柏林乡", "柏林村"), ("柏林乡", "三板桥村"), ("董马乡", "董马村"), ("董马乡", "新寨村"), ("董马乡", "龙里村")];

    private static readonly string[] Surnames = ["王", "李", "张", "杨", "陈", "罗", "熊", "陶"];

    public List<Dictionary<string, object?>> Rows { get; } = [];

    /// <summary>Every ID number in the file, heads first per household.</summary>
    public List<string> IdNumbers { get; } = [];

    public List<string> HeadIdNumbers { get; } = [];

    /// <summary>Adds a household of a head and <paramref name="others"/> members; returns the sheet row of its head (the header is row 1).</summary>
    public int AddHousehold(int others, int place = 0)
    {
        var key = HeadIdNumbers.Count + 1;
        var (township, village) = Places[place % Places.Length];
        var surname = Surnames[key % Surnames.Length];
        var headRow = Rows.Count + 2;
        Add(key, township, village, "户主", surname + "国富", "有劳动力", "非在校生", "健康", "13812345678", 5200m);
        HeadIdNumbers.Add(IdNumbers[^1]);
        string[] relations = ["配偶", "子女", "子女", "父母", "孙子女"];
        for (var i = 0; i < others; i++)
        {
            Add(key, township, village, relations[i % relations.Length], surname + "小" + (i + 1), i == 0 ? "弱劳动力或半劳动力" : "无劳动力",
                i == 1 ? "小学" : "非在校生", i == 0 ? "长期慢性病" : "健康", null, null);
        }
        return headRow;
    }

    private void Add(int key, string township, string village, string relation, string name, string labour, string school, string health,
        string? phone, decimal? income)
    {
        var idNumber = Xichou.TestKit.IdNumbers.New();
        IdNumbers.Add(idNumber);
        Rows.Add(HouseholdImport.Row(key, township, village, "第一村民小组", relation, name, idNumber, labour, school, health, phone, income));
    }

    public byte[] ToXlsx()
    {
        using var file = new MemoryStream();
        file.SaveAs(Rows, sheetName: "农户成员");
        return file.ToArray();
    }

    public static MultipartFormDataContent Upload(byte[] xlsx)
    {
        var content = new ByteArrayContent(xlsx);
        content.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { content, "file", "农户.xlsx" } };
    }

    public static string Json(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values);
}
