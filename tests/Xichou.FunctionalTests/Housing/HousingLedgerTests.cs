using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Housing.HousingSteps;

namespace Xichou.FunctionalTests.Housing;

/// <summary>住房安全台账 by village (已鉴定 / 危房 / 改造中 / 已安全), as JSON and as an audited .xlsx.</summary>
public class HousingLedgerTests(Platform platform)
{
    // 法斗乡三元井村: no other test assesses houses there.
    private const string Village = "532623204005";

    private static readonly string[] Keys = ["surveyed", "unsafe", "inRemediation", "madeSafe"];

    private ServiceHost Housing => platform[ServiceNames.Housing];

    private async Task<Dictionary<string, decimal>> VillageFiguresAsync()
    {
        var ledger = await Housing.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/ledger", UriKind.Relative), Cancellation);
        Assert.Equal(Keys, ledger.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(["已鉴定", "危房", "改造中", "已安全"], ledger.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("header").GetString()));
        var line = ledger.GetProperty("lines").EnumerateArray()
            .SingleOrDefault(l => !l.GetProperty("isTownship").GetBoolean() && l.GetProperty("villageCode").GetString() == Village);
        return line.ValueKind == JsonValueKind.Undefined
            ? Keys.ToDictionary(k => k, _ => 0m)
            : Keys.Zip(line.GetProperty("values").EnumerateArray().Select(v => v.GetDecimal())).ToDictionary(p => p.First, p => p.Second);
    }

    [Fact]
    public async Task The_village_line_counts_houses_assessed_unsafe_in_remediation_and_made_safe()
    {
        var before = await VillageFiguresAsync();
        var stillUnsafe = await KnownToHousingAsync(platform, Village);
        var madeSafe = await KnownToHousingAsync(platform, Village);
        var safe = await KnownToHousingAsync(platform, Village);
        var notAssessed = await KnownToHousingAsync(platform, Village);

        await AssessAsync(Housing.Client, stillUnsafe, "D", HttpStatusCode.Created);
        var caseId = (await AssessAsync(Housing.Client, madeSafe, "C", HttpStatusCode.Created)).GetProperty("remediationCaseId").GetGuid();
        await PlanAsync(Housing.Client, caseId);
        await CompleteAsync(Housing.Client, caseId, "B", HttpStatusCode.OK);
        await AssessAsync(Housing.Client, safe, "A", HttpStatusCode.Created);

        var after = await VillageFiguresAsync();
        Assert.Equal(before["surveyed"] + 3, after["surveyed"]);
        Assert.Equal(before["unsafe"] + 1, after["unsafe"]);
        Assert.Equal(before["inRemediation"] + 1, after["inRemediation"]);
        Assert.Equal(before["madeSafe"] + 1, after["madeSafe"]);
        Assert.NotEqual(Guid.Empty, notAssessed);
    }

    [Fact]
    public async Task The_ledger_exports_as_an_xlsx_with_the_chinese_headings_and_the_export_is_audited()
    {
        await AssessAsync(Housing.Client, await KnownToHousingAsync(platform, Village), "D", HttpStatusCode.Created);
        using var auditor = Housing.ClientFor(TestUser.PovertyOffice);
        async Task<int> ExportsAsync() => (await auditor.GetFromJsonAsync<JsonElement>(
            new Uri("/api/audit?action=export&userName=housing&limit=500", UriKind.Relative), Cancellation)).GetProperty("entries").GetArrayLength();
        var exportsBefore = await ExportsAsync();

        using var response = await Housing.Client.GetAsync(new Uri("/api/ledger/export", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancellation));
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["乡镇", "村委会", "已鉴定", "危房", "改造中", "已安全"], rows[0].Keys);
        var village = Assert.Single(rows, r => (string)r["村委会"] == "三元井村");
        Assert.Equal("法斗乡", village["乡镇"]);
        Assert.True(Convert.ToDecimal(village["危房"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("合计", rows[^1]["乡镇"]);
        Assert.Equal(exportsBefore + 1, await ExportsAsync());
    }
}
