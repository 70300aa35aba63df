using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>
/// Every yuan on one ledger (issue 10): agriculture, education and insurance each pay the same household through the gateway,
/// each publishes <see cref="HouseholdPaid"/> on the real broker, and the register's household ledger adds the three up to the
/// fen, with each cap's headroom as the paying department computed it.
/// </summary>
public sealed class HouseholdLedgerFlowTests(PlatformFixture platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly Today => Beijing.DateOf(DateTimeOffset.UtcNow);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The school year in force today (from September), education's default subsidy period.</summary>
    private static string SchoolYear => Today.Month >= 9 ? $"{Today.Year}-{Today.Year + 1}" : $"{Today.Year - 1}-{Today.Year}";

    [Fact]
    public async Task Industry_education_and_hospital_subsidies_to_one_household_add_up_to_the_fen_on_its_ledger_with_each_caps_headroom()
    {
        using var village = await platform.CreateGatewayClientAsync("village-sanguang");
        using var agriculture = await platform.CreateGatewayClientAsync("agriculture");
        using var education = await platform.CreateGatewayClientAsync("education");
        using var insurance = await platform.CreateGatewayClientAsync("insurance");

        // A household of a working head and a 17-year-old in senior high school.
        var household = (await SendAsync(village, HttpMethod.Post, "/monitoring/api/households", new
        {
            villageCode = "532623101012", headName = "杨文才", headIdNumber = IdNumbers.Born(new DateOnly(1979, 4, 2), male: true), perCapitaIncome = 7200m,
            members = new[]
            {
                new { relation = "child", name = "杨思源", idNumber = IdNumbers.Born(Today.AddYears(-17).AddDays(-40), male: false), schoolStage = "seniorSecondary" },
            },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var student = await Eventually.GetAsync(async () =>
        {
            using var response = await education.GetAsync($"/education/api/households/{household}/students", Cancellation);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }
            var students = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            return students.EnumerateArray().Where(s => s.GetProperty("stage").GetString() == "seniorSecondary")
                .Select(s => s.GetProperty("id").GetGuid().ToString()).FirstOrDefault();
        }, "education to know the pupil", TimeSpan.FromMinutes(1));
        var head = await Eventually.GetAsync(async () =>
        {
            var page = await insurance.GetFromJsonAsync<JsonElement>($"/insurance/api/members?householdId={household}", Cancellation);
            return page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid().ToString())
                .FirstOrDefault(id => id != student);
        }, "insurance to know the head", TimeSpan.FromMinutes(1));

        // Agriculture: 50 % of 5,999.98 is 2,999.99, under the 3,000 cap: 0.01 left.
        var application = await Eventually.GetAsync(async () =>
        {
            using var response = await agriculture.PostAsJsonAsync($"/agriculture/api/households/{household}/industry-applications",
                new { industry = "烤烟", plan = "新种烤烟10亩", costYuan = 5999.98m }, Cancellation);
            return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetRawText() : null;
        }, "agriculture to take the application once it knows the household's labourer", TimeSpan.FromMinutes(1));
        var applicationView = JsonDocument.Parse(application).RootElement;
        Assert.Equal(2999.99m, applicationView.GetProperty("subsidyYuan").GetDecimal());
        var applicationId = applicationView.GetProperty("id").GetGuid();
        await SendAsync(agriculture, HttpMethod.Post, $"/agriculture/api/industry-applications/{applicationId}/approve", new { note = "符合措施四" }, HttpStatusCode.OK);
        await SendAsync(agriculture, HttpMethod.Post, $"/agriculture/api/industry-applications/{applicationId}/pay",
            new { paidOn = Day(Today), voucher = "XC-NK-LEDGER-1" }, HttpStatusCode.OK);

        // Education: senior high school, 2,000 yuan for this school year.
        var grant = await SendAsync(education, HttpMethod.Post, $"/education/api/students/{student}/subsidies", new { period = SchoolYear }, HttpStatusCode.Created);
        Assert.Equal(2000m, grant.GetProperty("amountYuan").GetDecimal());

        // Insurance: 80 % of a 10,000.01 self-paid part is 8,000.008, 8,000.01 to the fen: 41,999.99 left of 50,000.
        var subsidy = await SendAsync(insurance, HttpMethod.Post, $"/insurance/api/members/{head}/hospital-subsidies",
            new { billDate = Day(Today), hospital = "西畴县人民医院", totalYuan = 30000m, selfPaidYuan = 10000.01m }, HttpStatusCode.Created);
        Assert.Equal((8000.01m, 41999.99m), (subsidy.GetProperty("subsidyYuan").GetDecimal(), subsidy.GetProperty("remainingThisYearYuan").GetDecimal()));

        // The register's ledger: three payments, 13,000.00 yuan, each cap's headroom as its department left it.
        var ledger = await Eventually.GetAsync(async () =>
        {
            var view = await village.GetFromJsonAsync<JsonElement>($"/monitoring/api/households/{household}/ledger", Cancellation);
            return view.GetProperty("payments").GetArrayLength() == 3 ? view.GetRawText() : null;
        }, "the three payments on the household's ledger", TimeSpan.FromMinutes(1));
        var root = JsonDocument.Parse(ledger).RootElement;
        Assert.Equal(13000.00m, root.GetProperty("totalYuan").GetDecimal());
        Assert.Equal(
            [(ServiceNames.Agriculture, "4", 2999.99m), (ServiceNames.Education, "6", 2000m), (ServiceNames.Insurance, "8", 8000.01m)],
            root.GetProperty("payments").EnumerateArray()
                .Select(p => (p.GetProperty("department").GetString()!, p.GetProperty("measure").GetString()!, p.GetProperty("amountYuan").GetDecimal()))
                .OrderBy(p => p.Item1, StringComparer.Ordinal));
        var headroom = root.GetProperty("caps").EnumerateArray()
            .ToDictionary(c => c.GetProperty("department").GetString()!, c => c.GetProperty("headroomYuan").GetDecimal());
        Assert.Equal(0.01m, headroom[ServiceNames.Agriculture]);
        Assert.Equal(0m, headroom[ServiceNames.Education]);
        Assert.Equal(41999.99m, headroom[ServiceNames.Insurance]);

        // The household page shows the same total.
        var page = await village.GetStringAsync($"/monitoring/households/{household}", Cancellation);
        Assert.Contains("<strong data-testid=\"ledger-total\">13,000.00</strong>", page, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
