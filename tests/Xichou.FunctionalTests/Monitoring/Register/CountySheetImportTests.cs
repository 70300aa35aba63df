using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>POST /api/households/import with sheets made by openpyxl as the county makes them: a merged title above the headers.</summary>
[Collection(HouseholdImportTests.Imports)]
public class CountySheetImportTests(Platform platform)
{
    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sheet_with_a_merged_title_and_a_note_above_the_headers_is_stored_with_the_lower_case_x_as_X()
    {
        using var upload = ImportFile.Upload(CountySheets.Read(CountySheets.TitleRow));
        using var response = await Monitoring.Client.PostAsync(new Uri("/api/households/import", UriKind.Relative), upload, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(2, result.GetProperty("households").GetInt32());
        Assert.Equal(4, result.GetProperty("members").GetInt32());
        Assert.Equal(4, await Monitoring.CountAsync("SELECT COUNT(*) FROM Members WHERE IdNumber IN (SELECT value FROM json_each($ids))",
            ("$ids", ImportFile.Json(CountySheets.TitleRowIdNumbers))));
        Assert.Equal(0, await Monitoring.CountAsync("SELECT COUNT(*) FROM Members WHERE IdNumber = $x",
            ("$x", CountySheets.TitleRowIdNumbers[1].ToLowerInvariant())));
    }

    [Fact]
    public async Task ID_numbers_typed_as_numbers_under_a_title_row_get_one_clear_error_each_at_their_sheet_rows()
    {
        using var upload = ImportFile.Upload(CountySheets.Read(CountySheets.NumericIds));
        using var response = await Monitoring.Client.PostAsync(new Uri("/api/households/import", UriKind.Relative), upload, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var errors = body.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("message").GetString()))
            .ToList();
        Assert.Equal(
        [
            (3, "身份证号", "身份证号须以文本格式填写：数字格式会丢失末几位"),
            (4, "身份证号", "身份证号须以文本格式填写：数字格式会丢失末几位"),
            (5, "身份证号", "身份证号须以文本格式填写：数字格式会丢失末几位"),
        ], errors);
    }

    [Fact]
    public async Task Registering_through_the_API_refuses_a_birth_date_in_the_future_and_an_age_over_120_and_takes_a_lower_case_x()
    {
        using var future = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), new
        {
            villageCode = TestUser.SanguangVillage, headName = "王未来", headIdNumber = Contracts.IdNumber.Compose(Contracts.IdNumber.XichouAreaCode, new DateOnly(2030, 1, 1), 11),
        }, Cancellation);
        using var old = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), new
        {
            villageCode = TestUser.SanguangVillage, headName = "王百岁", headIdNumber = Contracts.IdNumber.Compose(Contracts.IdNumber.XichouAreaCode, new DateOnly(1889, 3, 1), 11),
        }, Cancellation);
        var withX = IdNumbers.EndingInX();
        using var lower = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), new
        {
            villageCode = TestUser.SanguangVillage, headName = "王小写", headIdNumber = withX.ToLowerInvariant(),
        }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var futureText = await future.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("晚于今天", futureText, StringComparison.Ordinal);
        Assert.Contains("after today", futureText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("超过120岁", await old.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, lower.StatusCode);
        Assert.Equal(withX, await Monitoring.ScalarAsync("SELECT HeadIdNumber FROM Households WHERE HeadIdNumber = $id", ("$id", withX)));
    }
}
