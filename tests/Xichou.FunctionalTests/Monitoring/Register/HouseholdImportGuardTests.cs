using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Import;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>
/// Hostile import files are refused before a spreadsheet reader fills memory with them, as a 400 on 'file' in Chinese and
/// English, with nothing stored and the refusal audited; one import runs at a time; a browser's upload needs the
/// antiforgery token; an import is no oracle for ID numbers held outside one's jurisdiction. (In this class, whose tests run
/// one after another, because imports take turns.)
/// </summary>
public partial class HouseholdImportTests
{
    private static readonly Uri ImportUri = new("/api/households/import", UriKind.Relative);

    /// <summary>A poverty office user of its own, so the audit lines found are this test's.</summary>
    private static TestUser NewOfficeUser() => new($"office-{Guid.NewGuid():N}"[..20], [Roles.PovertyOffice]);

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, byte[] xlsx)
    {
        using var upload = ImportFile.Upload(xlsx);
        var response = await client.PostAsync(ImportUri, upload, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The 400's message on 'file', in Chinese and English.</summary>
    private static string FileError(HttpResponseMessage response, JsonElement body)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = Assert.Single(body.GetProperty("errors").GetProperty("file").EnumerateArray()).GetString()!;
        Assert.Contains(" / ", message, StringComparison.Ordinal);
        return message;
    }

    private async Task AssertRefusalAuditedAsync(TestUser user, string expected)
    {
        var details = (string?)await Monitoring.ScalarAsync(
            "SELECT Details FROM AuditLog WHERE UserName = $user AND Action = 'refuse' AND Reason = 'import'", ("$user", user.Name));
        Assert.NotNull(details);
        Assert.Contains(expected, details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_numbered_20000000_is_refused_on_its_row_number_before_the_sheet_is_read_and_nothing_is_stored()
    {
        var idNumber = IdNumbers.New();
        var xlsx = HostileXlsx.WithSheet(HostileXlsx.MemberRow(2, "1", "户主", "王明", idNumber) + HostileXlsx.MemberRow(20_000_000, "2", "户主", "李四", IdNumbers.New()));
        var user = NewOfficeUser();
        using var client = Monitoring.ClientFor(user);
        var before = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();

        var (response, body) = await PostAsync(client, xlsx);

        clock.Stop();
        var grown = Process.GetCurrentProcess().WorkingSet64 - before;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{xlsx.Length:N0}-byte file with row 20,000,000: answered in {clock.ElapsedMilliseconds} ms, working set grew {grown / 1024 / 1024} MB");
        // The inspection's message (the reader's own cap speaks of the first row past it, not of row 20,000,000): the sheet
        // was refused on its row number, before any reader filled the rows up to it.
        var message = FileError(response, body);
        Assert.Contains("第20,000,000行超过每个文件500,000行的上限", message, StringComparison.Ordinal);
        Assert.Contains("Row 20,000,000 is over the limit of 500,000 rows", message, StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        await AssertRefusalAuditedAsync(user, "20,000,000");
    }

    [Fact]
    public async Task A_sheet_declaring_1000001_rows_is_refused_on_its_dimension()
    {
        var idNumber = IdNumbers.New();
        var xlsx = HostileXlsx.WithSheet(HostileXlsx.MemberRow(2, "1", "户主", "王明", idNumber), dimension: "A1:L1000001");

        var (response, body) = await PostAsync(Monitoring.Client, xlsx);

        Assert.Contains("工作表声明了1,000,001行", FileError(response, body), StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
    }

    [Fact]
    public async Task One_row_past_the_cap_is_refused_and_the_cap_itself_is_policy_data()
    {
        // The policy in force today is scoped (versions take effect by date).
        using var scope = Monitoring.Services.CreateScope();
        var policy = scope.ServiceProvider.GetRequiredService<MonitoringPolicy>();
        Assert.Equal(500_000, policy.ImportMaxRows);
        var served = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/policy", UriKind.Relative), Cancellation);
        Assert.Equal(500_000, served.GetProperty("importMaxRows").GetInt32());

        var xlsx = HostileXlsx.WithSheet(HostileXlsx.MemberRow(policy.ImportMaxRows + 2, "1", "户主", "王明", IdNumbers.New()));
        var (response, body) = await PostAsync(Monitoring.Client, xlsx);

        Assert.Contains("第500,002行超过", FileError(response, body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(520L * 1024 * 1024, "解压后超过512 MB")]
    [InlineData(8L * 1024 * 1024, "压缩比超过100倍")]
    public async Task A_zip_bomb_is_refused_on_its_inflated_size_or_ratio(long inflatesTo, string expected)
    {
        var xlsx = HostileXlsx.Inflating(inflatesTo);
        var user = NewOfficeUser();
        var clock = Stopwatch.StartNew();

        var (response, body) = await PostAsync(Monitoring.ClientFor(user), xlsx);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{xlsx.Length:N0}-byte file inflating to {inflatesTo:N0} bytes: answered in {clock.ElapsedMilliseconds} ms");
        Assert.Contains(expected, FileError(response, body), StringComparison.Ordinal);
        await AssertRefusalAuditedAsync(user, expected);
    }

    [Fact]
    public async Task A_formula_is_refused_naming_its_row_and_nothing_is_stored()
    {
        var idNumber = IdNumbers.New();
        var xlsx = HostileXlsx.WithSheet(HostileXlsx.MemberRow(2, "1", "户主", "王明", idNumber, formula: "HYPERLINK(\"http://example.invalid\",\"点击\")"));

        var (response, body) = await PostAsync(Monitoring.Client, xlsx);

        var message = FileError(response, body);
        Assert.Contains("第2行含有公式", message, StringComparison.Ordinal);
        Assert.Contains("formula", message, StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
    }

    [Fact]
    public async Task A_cell_far_to_the_right_is_refused_before_a_reader_fills_the_columns_up_to_it()
    {
        var xlsx = HostileXlsx.WithSheet("""<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>""");

        var (response, body) = await PostAsync(Monitoring.Client, xlsx);

        Assert.Contains("超过64列", FileError(response, body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_an_xlsx_and_a_wrong_sheet_are_400s_naming_the_problem()
    {
        var (notZip, notZipBody) = await PostAsync(Monitoring.Client, "这不是表格"u8.ToArray());
        Assert.Contains("无法读取文件", FileError(notZip, notZipBody), StringComparison.Ordinal);

        using var other = new MemoryStream();
        other.SaveAs(new[] { new Dictionary<string, object?> { ["姓名"] = "王明", ["年龄"] = 45 } }, sheetName: "工资表");
        var (wrong, wrongBody) = await PostAsync(Monitoring.Client, other.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = wrongBody.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Contains("缺少列“户序号”：表头应在前10行内，请使用导入模板", errors);
        Assert.Contains("缺少列“身份证号”：表头应在前10行内，请使用导入模板", errors);
    }

    [Fact]
    public async Task Blank_rows_between_households_are_skipped()
    {
        var head = IdNumbers.New();
        var second = IdNumbers.New();
        var xlsx = HostileXlsx.WithSheet(HostileXlsx.MemberRow(2, "1", "户主", "王明", head) + """<row r="3"/><row r="4"></row>"""
            + HostileXlsx.MemberRow(900, "2", "户主", "李四", second));

        var (response, body) = await PostAsync(Monitoring.Client, xlsx);

        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(2, body.GetProperty("households").GetInt32());
        Assert.Equal(1, await Monitoring.HouseholdsWithIdNumberAsync(second));
    }

    [Fact]
    public async Task A_second_import_while_one_runs_is_a_429_in_Chinese_and_English()
    {
        var gate = Monitoring.Services.GetRequiredService<ImportGate>();
        var idNumber = IdNumbers.New();
        var xlsx = HostileXlsx.WithSheet(HostileXlsx.MemberRow(2, "1", "户主", "王明", idNumber));
        HttpResponseMessage busy;
        JsonElement problem;
        using (var running = gate.TryEnter())
        {
            Assert.NotNull(running);
            (busy, problem) = await PostAsync(Monitoring.Client, xlsx);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, busy.StatusCode);
        Assert.Equal("另一个导入正在进行 / Another import is running.", problem.GetProperty("title").GetString());
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        var (after, _) = await PostAsync(Monitoring.Client, xlsx);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_browser_upload_without_the_antiforgery_token_is_refused_and_with_the_pages_token_is_imported()
    {
        var idNumber = IdNumbers.New();
        var xlsx = HostileXlsx.WithSheet(HostileXlsx.MemberRow(2, "1", "户主", "王明", idNumber));
        using var browser = Monitoring.BrowserFor(TestUser.PovertyOffice);

        // Another site's form posting here: the browser adds Origin (and would add the user's cookies).
        using (var forged = ImportFile.Upload(xlsx))
        using (var request = new HttpRequestMessage(HttpMethod.Post, ImportUri) { Content = forged })
        {
            request.Headers.Add("Origin", "https://attacker.example");
            using var refused = await browser.SendAsync(request, Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("__RequestVerificationToken", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));

        var page = await browser.GetStringAsync(new Uri("/register/import", UriKind.Relative), Cancellation);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "the import page carries an antiforgery token");
        using var upload = ImportFile.Upload(xlsx);
        upload.Add(new StringContent(WebUtility.HtmlDecode(token.Groups["value"].Value)), "__RequestVerificationToken");
        using var sameSite = new HttpRequestMessage(HttpMethod.Post, ImportUri) { Content = upload };
        sameSite.Headers.Add("Origin", "http://localhost");
        using var imported = await browser.SendAsync(sameSite, Cancellation);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
    }

    [Fact]
    public async Task A_village_monitors_import_learns_nothing_of_where_a_number_held_in_another_township_is()
    {
        var elsewhere = IdNumbers.New();
        using (var registered = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
                   new { villageCode = TestUser.LongquanVillage, headName = "熊德明", headIdNumber = elsewhere }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }
        var code = (string)(await Monitoring.ScalarAsync("SELECT Code FROM Households WHERE HeadIdNumber = $id", ("$id", elsewhere)))!;
        var monitor = new TestUser($"village-import-{Guid.NewGuid():N}"[..24], [Roles.VillageMonitor], Village: TestUser.SanguangVillage);
        var head = IdNumbers.New();
        var xlsx = HostileXlsx.WithSheet(HostileXlsx.MemberRow(2, "1", "户主", "王明", head) + HostileXlsx.MemberRow(3, "1", "配偶", "熊德明", elsewhere));

        var (response, body) = await PostAsync(Monitoring.ClientFor(monitor), xlsx);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal(DuplicateIdNumbers.HiddenCellMessage, error.GetProperty("message").GetString());
        Assert.DoesNotContain(code, body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(head));
        Assert.Equal(1, await Monitoring.CountAsync(
            "SELECT COUNT(*) FROM AuditLog WHERE UserName = $user AND Action = 'refuse' AND Reason = $reason",
            ("$user", monitor.Name), ("$reason", DuplicateIdNumbers.HeldElsewhere)));
        await AssertRefusalAuditedAsync(monitor, "\"errors\":1");
    }

    [GeneratedRegex("""<input type="hidden" name="__RequestVerificationToken" value="(?<value>[^"]+)""")]
    private static partial Regex AntiforgeryField();
}
