using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>POST /api/households/import: all or nothing, checked against the SQLite file and the housing service's replica.</summary>
/// <remarks>
/// In one collection with <see cref="CountySheetImportTests"/>: a replica runs one import at a time, so an import of one
/// class running beside another's (or beside the test holding the gate) would be a 429.
/// </remarks>
[Collection(Imports)]
public partial class HouseholdImportTests(Platform platform)
{
    /// <summary>The test collection of the classes that import: they take turns.</summary>
    public const string Imports = "Household imports";

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static Task<long> StoredAsync(ServiceHost host, string table, string column, IEnumerable<string> idNumbers) =>
        host.CountAsync($"SELECT COUNT(*) FROM {table} WHERE {column} IN (SELECT value FROM json_each($ids))", ("$ids", ImportFile.Json(idNumbers)));

    [Fact]
    public async Task A_good_file_of_1000_households_is_stored_whole_and_fanned_out_to_the_departments()
    {
        var file = new ImportFile();
        for (var i = 0; i < 1000; i++)
        {
            file.AddHousehold(others: i % 5, place: i);
        }
        var importId = $"test-{Guid.NewGuid():N}";

        using var upload = ImportFile.Upload(file.ToXlsx());
        using var response = await Monitoring.Client.PostAsync(new Uri($"/api/households/import?importId={importId}", UriKind.Relative), upload, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(1000, result.GetProperty("households").GetInt32());
        Assert.Equal(file.IdNumbers.Count, result.GetProperty("members").GetInt32());
        Assert.Equal(1000, await StoredAsync(Monitoring, "Households", "HeadIdNumber", file.HeadIdNumbers));
        Assert.Equal(file.IdNumbers.Count, await StoredAsync(Monitoring, "Members", "IdNumber", file.IdNumbers));
        Assert.Equal(1000, await Monitoring.CountAsync(
            "SELECT COUNT(*) FROM AuditLog a JOIN Households h ON h.Id = a.HouseholdId WHERE a.Action = 'create' AND h.HeadIdNumber IN (SELECT value FROM json_each($ids))",
            ("$ids", ImportFile.Json(file.HeadIdNumbers))));

        var progress = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/import/{importId}/progress", UriKind.Relative), Cancellation);
        Assert.Equal("Stored", progress.GetProperty("stage").GetString());
        Assert.Equal(100, progress.GetProperty("percent").GetInt32());

        // Every household left through the outbox and reached the housing department, which is told of the head alone
        // (its share), with the head's full ID number on the head's member row and nowhere else.
        var housing = platform[ServiceNames.Housing];
        await Eventually.TrueAsync(async () => await StoredAsync(housing, "Members", "IdNumber", file.HeadIdNumbers) == 1000,
            "the housing service to know all 1,000 imported heads", TimeSpan.FromSeconds(90));
        Assert.Equal(1000, await StoredAsync(housing, "Members", "IdNumber", file.IdNumbers));
        Assert.Equal(0, await StoredAsync(housing, "Households", "HeadIdNumber", file.HeadIdNumbers));
    }

    [Fact]
    public async Task A_file_with_three_bad_rows_stores_nothing_and_returns_exactly_those_three_errors()
    {
        var file = new ImportFile();
        for (var i = 0; i < 20; i++)
        {
            file.AddHousehold(others: 2, place: i);
        }
        // Row 6: a member's ID number with a wrong check digit; rows 17-19: a household in a village 柏林乡 does not
        // have (reported once, at its head); row 24: a labour capacity the ledger does not know.
        var badId = (string)file.Rows[4]["身份证号"]!;
        file.Rows[4]["身份证号"] = string.Concat(badId.AsSpan(0, 17), badId[17] == '0' ? "1" : "0");
        Assert.Equal("户主", file.Rows[15]["与户主关系"]);
        Assert.Equal("柏林乡", file.Rows[15]["乡镇"]);
        foreach (var row in file.Rows[15..18])
        {
            row["村委会"] = "不存在村";
        }
        file.Rows[22]["劳动能力"] = "能干活";

        using var upload = ImportFile.Upload(file.ToXlsx());
        using var response = await Monitoring.Client.PostAsync(new Uri("/api/households/import", UriKind.Relative), upload, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var errors = body.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("message").GetString()))
            .ToList();
        Assert.Equal(
        [
            (6, "身份证号", "身份证号校验码不正确"),
            (17, "村委会", "柏林乡没有名为“不存在村”的村委会"),
            (24, "劳动能力", "劳动能力应为：有劳动力、弱劳动力或半劳动力、丧失劳动力、无劳动力"),
        ], errors);
        Assert.Contains("3处错误", body.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(Monitoring, "Members", "IdNumber", file.IdNumbers));
        Assert.Equal(0, await StoredAsync(Monitoring, "Households", "HeadIdNumber", file.HeadIdNumbers));
        Assert.Equal(0, await Monitoring.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE instr(Body, $id) > 0", ("$id", file.HeadIdNumbers[0])));
    }

    [Fact]
    public async Task Duplicates_in_the_file_and_on_the_register_a_missing_head_and_another_township_are_all_reported()
    {
        var onRegister = IdNumbers.New();
        using (var registered = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
                   new { villageCode = "532623203001", headName = "罗文学", headIdNumber = onRegister }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }
        var code = await Monitoring.ScalarAsync("SELECT Code FROM Households WHERE HeadIdNumber = $id", ("$id", onRegister));
        var file = new ImportFile();
        file.AddHousehold(others: 1, place: 0);             // rows 2-3
        file.AddHousehold(others: 1, place: 0);             // rows 4-5
        file.AddHousehold(others: 0, place: 0);             // row 6
        file.Rows[3]["身份证号"] = file.Rows[0]["身份证号"];  // row 5 repeats row 2
        file.Rows[2]["身份证号"] = onRegister;               // row 4: already registered
        file.Rows[4]["与户主关系"] = "子女";                  // household 3 has no head
        using var xisa = Monitoring.ClientFor(TestUser.XisaTownship);
        using var upload = ImportFile.Upload(file.ToXlsx());

        using var response = await xisa.PostAsync(new Uri("/api/households/import", UriKind.Relative), upload, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("row").GetInt32()}|{e.GetProperty("column").GetString()}|{e.GetProperty("message").GetString()}").ToList();
        // The file is read and checked whole first; the register is asked only about a file without errors of its own.
        Assert.Contains("2|村委会|柏林乡柏林村不在您的管辖范围（西洒镇）内", messages);
        Assert.Contains("4|村委会|柏林乡柏林村不在您的管辖范围（西洒镇）内", messages);
        Assert.Contains("5|身份证号|身份证号与第2行重复", messages);
        Assert.Contains("6|与户主关系|户序号 3 没有户主：每户须有一行“与户主关系”为“户主”", messages);

        // The same file from the poverty office (county-wide) without its own mistakes meets the register.
        file.Rows[3]["身份证号"] = IdNumbers.New();
        file.Rows[4]["与户主关系"] = "户主";
        using var again = ImportFile.Upload(file.ToXlsx());
        using var second = await Monitoring.Client.PostAsync(new Uri("/api/households/import", UriKind.Relative), again, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var only = Assert.Single((await second.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors").EnumerateArray());
        Assert.Equal(4, only.GetProperty("row").GetInt32());
        Assert.Equal($"身份证号已在农户 {code} 中登记", only.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_template_has_the_Chinese_headers_and_an_example_household_that_imports_cleanly_apart_from_its_ID_numbers()
    {
        using var response = await Monitoring.Client.GetAsync(new Uri("/api/households/import/template", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var xlsx = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancellation));
        var rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["户序号", "乡镇", "村委会", "村民小组", "与户主关系", "姓名", "身份证号", "劳动能力", "在校生状况", "健康状况", "联系电话", "人均纯收入"],
            rows[0].Keys);
        Assert.Equal(3, rows.Count);
        Assert.Equal("户主", rows[0]["与户主关系"]);
    }
}
