using System.Net;
using System.Text.Json;
using MiniExcelLibs;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Water;

/// <summary>饮水安全台账 by village: checked, unsafe now, in remediation, made safe; as JSON and as an audited .xlsx.</summary>
public class WaterLedgerTests(Platform platform)
{
    /// <summary>法斗乡坪寨村: no other test records water checks there.</summary>
    private const string Village = "532623204006";

    private ServiceHost Water => platform.Water();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_ledger_counts_each_villages_households_checked_unsafe_in_remediation_and_made_safe_and_exports_them_audited()
    {
        var before = await FiguresAsync();
        var (safe, _) = await platform.KnownToWaterAsync(Village);
        var (waiting, _) = await platform.KnownToWaterAsync(Village);
        var (inCase, _) = await platform.KnownToWaterAsync(Village);
        var (fixedOne, _) = await platform.KnownToWaterAsync(Village);
        await Water.Client.PostJsonAsync($"/api/households/{safe}/checks", WaterSteps.Check(), HttpStatusCode.Created);
        foreach (var failing in new[] { waiting, inCase, fixedOne })
        {
            await Water.Client.PostJsonAsync($"/api/households/{failing}/checks", WaterSteps.Check(quality: false, failingItem: "浑浊度"), HttpStatusCode.Created);
        }
        await Water.Client.PostJsonAsync("/api/remediations", new { measure = "加装过滤设备", responsiblePerson = "法斗乡水管员", householdIds = new[] { inCase } },
            HttpStatusCode.Created);
        var fixing = await Water.Client.PostJsonAsync("/api/remediations", new { measure = "接入集中供水", responsiblePerson = "法斗乡水管员", householdIds = new[] { fixedOne } },
            HttpStatusCode.Created);
        await Water.Client.PostJsonAsync($"/api/remediations/{fixing.GetProperty("id").GetGuid()}/complete", WaterSteps.Check(), HttpStatusCode.OK);

        var after = await FiguresAsync();

        Assert.Equal(before["checked"] + 4, after["checked"]);
        Assert.Equal(before["unsafe"] + 2, after["unsafe"]);
        Assert.Equal(before["inRemediation"] + 1, after["inRemediation"]);
        Assert.Equal(before["madeSafe"] + 1, after["madeSafe"]);

        using var response = await Water.Client.GetAsync(new Uri("/api/ledger/export", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var file = await response.Content.ReadAsByteArrayAsync(Cancellation);
        var rows = new MemoryStream(file).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows, r => Equals(r["村委会"], "坪寨村"));
        Assert.Equal(after["checked"], Convert.ToDecimal(row["已排查"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(after["unsafe"], Convert.ToDecimal(row["不达标"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(after["inRemediation"], Convert.ToDecimal(row["整改中"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(after["madeSafe"], Convert.ToDecimal(row["已达标"], System.Globalization.CultureInfo.InvariantCulture));

        using var office = Water.ClientFor(TestUser.PovertyOffice);
        var audit = await office.GetJsonAsync("/api/audit?action=export&userName=water");
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("details").GetString()!.Contains("饮水安全台账", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_ledger_shows_on_the_home_page_with_the_chinese_headings()
    {
        var home = await Water.Client.GetStringAsync(new Uri("/", UriKind.Relative), Cancellation);

        foreach (var heading in new[] { "已排查", "不达标", "整改中", "已达标" })
        {
            Assert.Contains($">{heading}</th>", home, StringComparison.Ordinal);
        }
        Assert.Contains("data-testid=\"ledger\"", home, StringComparison.Ordinal);
    }

    /// <summary>The village's line of the ledger, by column key; zeros while the village has no line.</summary>
    private async Task<Dictionary<string, decimal>> FiguresAsync()
    {
        var ledger = await Water.Client.GetJsonAsync("/api/ledger");
        Assert.Equal("饮水安全台账", ledger.GetProperty("title").GetString());
        var keys = ledger.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()!).ToList();
        Assert.Equal(["checked", "unsafe", "inRemediation", "madeSafe"], keys);
        var line = ledger.GetProperty("lines").EnumerateArray()
            .FirstOrDefault(l => l.GetProperty("villageCode").ValueKind == JsonValueKind.String && l.GetProperty("villageCode").GetString() == Village);
        return keys.Select((key, i) => (key, value: line.ValueKind == JsonValueKind.Undefined ? 0m : line.GetProperty("values")[i].GetDecimal()))
            .ToDictionary(p => p.key, p => p.value);
    }
}
