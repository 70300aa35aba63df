using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Support;

/// <summary>Pairing (measure 2), microcredit (measure 7) and the hotline through the monitoring service's API and its SQLite file.</summary>
public class SupportApiTests(Platform platform)
{
    private const string MajieTownship = "532623202";
    private const string MajieVillage = "532623202001"; // 马街镇马街村
    private const string PoyaVillage = "532623202003"; // 马街镇坡脚村

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task A_cadre_is_paired_with_one_household_and_a_second_pairing_of_either_is_409()
    {
        var first = await RegisterAsync(TestUser.SanguangVillage);
        var second = await RegisterAsync(TestUser.SanguangVillage);
        var unpairedBefore = await UnpairedCodesAsync(TestUser.SanguangMonitor);
        Assert.Contains(first.Code, unpairedBefore);
        Assert.Contains(second.Code, unpairedBefore);

        var cadreA = await CreateCadreAsync("县财政局", "deputy-section");
        var cadreB = await CreateCadreAsync("县教育体育局", "section");

        using (var paired = await PairAsync(cadreA.Id, first.Id))
        {
            Assert.Equal(HttpStatusCode.OK, paired.StatusCode);
            var body = await paired.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal(first.Code, body.GetProperty("householdCode").GetString());
            Assert.Equal("副科级", body.GetProperty("rankName").GetString());
        }
        using (var again = await PairAsync(cadreA.Id, second.Id))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains(first.Code, await again.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }
        using (var taken = await PairAsync(cadreB.Id, first.Id))
        {
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        }
        using (var other = await PairAsync(cadreB.Id, second.Id))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        Assert.Equal(cadreA.UserName, await Monitoring.ScalarAsync("SELECT PairedCadre FROM Households WHERE Id = $id", ("$id", first.Id.ToString().ToUpperInvariant())));
        Assert.Equal(1, await Monitoring.CountAsync(
            "SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id AND Action = 'update' AND Details LIKE '%' || $cadre || '%'",
            ("$id", first.Id.ToString().ToUpperInvariant()), ("$cadre", cadreA.UserName)));
        var unpairedAfter = await UnpairedCodesAsync(TestUser.SanguangMonitor);
        Assert.DoesNotContain(first.Code, unpairedAfter);
        Assert.DoesNotContain(second.Code, unpairedAfter);

        // The cadre, signed in, sees their own household; the village monitor sees both cadres paired in the village.
        var mine = await Monitoring.ClientFor(TestUser.Cadre(cadreA.UserName)).GetFromJsonAsync<JsonElement>(Url("/api/cadres"), Cancellation);
        Assert.Equal(first.Code, Assert.Single(mine.EnumerateArray()).GetProperty("householdCode").GetString());
        var village = await Monitoring.ClientFor(TestUser.SanguangMonitor).GetFromJsonAsync<JsonElement>(Url("/api/cadres"), Cancellation);
        Assert.Contains(village.EnumerateArray(), c => c.GetProperty("userName").GetString() == cadreB.UserName);
        var elsewhere = await Monitoring.ClientFor(TestUser.LongpingMonitor).GetFromJsonAsync<JsonElement>(Url("/api/cadres"), Cancellation);
        Assert.DoesNotContain(elsewhere.EnumerateArray(), c => c.GetProperty("userName").GetString() == cadreA.UserName);
    }

    [Fact]
    public async Task Only_the_poverty_office_adds_cadres_and_only_at_deputy_section_level_or_above()
    {
        using var township = await Monitoring.ClientFor(TestUser.XingjieTownship).PostAsJsonAsync(Url("/api/cadres"),
            new { userName = NewUserName(), name = "李明", workUnit = "县财政局", rank = "section" }, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, township.StatusCode);

        using var staff = await Monitoring.Client.PostAsJsonAsync(Url("/api/cadres"),
            new { userName = NewUserName(), name = "李明", workUnit = "县财政局", rank = "staff" }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, staff.StatusCode);
        var problem = await staff.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains("副科级", problem.GetProperty("errors").GetProperty("rank")[0].GetString(), StringComparison.Ordinal);

        var cadre = await CreateCadreAsync("县水务局", "deputy-county");
        using var duplicate = await Monitoring.Client.PostAsJsonAsync(Url("/api/cadres"),
            new { userName = cadre.UserName, name = "王刚", workUnit = "县水务局", rank = "section" }, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        // A village monitor cannot pair, even in their own village.
        var household = await RegisterAsync(TestUser.SanguangVillage);
        using var monitorPairs = await Monitoring.ClientFor(TestUser.SanguangMonitor)
            .PostAsJsonAsync(Url($"/api/cadres/{cadre.Id}/pair"), new { householdId = household.Id }, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, monitorPairs.StatusCode);
    }

    [Fact]
    public async Task A_loan_goes_need_applied_approved_disbursed_and_no_step_can_be_skipped()
    {
        var household = await RegisterAsync(MajieVillage);
        var loan = await RecordNeedAsync(household.Id, 30000m);
        Assert.Equal("need", loan.GetProperty("status").GetString());
        var id = loan.GetProperty("id").GetGuid();

        using (var noLender = await MoveAsync(id, new { status = "applied" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noLender.StatusCode);
            var problem = await noLender.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.True(problem.GetProperty("errors").TryGetProperty("lender", out _));
        }
        using (var skip = await MoveAsync(id, new { status = "disbursed" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
            var title = (await skip.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("title").GetString()!;
            Assert.Contains("有贷款需求", title, StringComparison.Ordinal);
            Assert.Contains("cannot go from need to disbursed", title, StringComparison.Ordinal);
        }
        Assert.Equal("applied", await StatusAfterAsync(id, new { status = "applied", lender = "credit-union" }));
        Assert.Equal("approved", await StatusAfterAsync(id, new { status = "approved" }));
        Assert.Equal("disbursed", await StatusAfterAsync(id, new { status = "disbursed" }));
        using (var late = await MoveAsync(id, new { status = "declined", reason = "材料不全" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        Assert.Equal("Disbursed", await Monitoring.ScalarAsync("SELECT Status FROM Loans WHERE Id = $id", ("$id", id.ToString().ToUpperInvariant())));
        Assert.Equal("CreditUnion", await Monitoring.ScalarAsync("SELECT Lender FROM Loans WHERE Id = $id", ("$id", id.ToString().ToUpperInvariant())));
        // The registration, the need and the three steps: one audit line each.
        Assert.Equal(5, await Monitoring.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE HouseholdId = $id",
            ("$id", household.Id.ToString().ToUpperInvariant())));
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_coverage_counts_households_with_a_disbursed_loan_among_those_with_a_need()
    {
        var before = await CoverageAsync(MajieTownship);

        var covered = await RegisterAsync(MajieVillage);
        var coveredLoan = (await RecordNeedAsync(covered.Id, 20000m)).GetProperty("id").GetGuid();
        await StatusAfterAsync(coveredLoan, new { status = "applied", lender = "agricultural-bank" });
        await StatusAfterAsync(coveredLoan, new { status = "approved" });
        await StatusAfterAsync(coveredLoan, new { status = "disbursed" });
        // A second need of a covered household does not count it twice.
        await RecordNeedAsync(covered.Id, 10000m);

        var declined = await RegisterAsync(PoyaVillage);
        var declinedLoan = (await RecordNeedAsync(declined.Id, 50000m)).GetProperty("id").GetGuid();
        using (var noReason = await MoveAsync(declinedLoan, new { status = "declined" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            var problem = await noReason.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        }
        Assert.Equal("declined", await StatusAfterAsync(declinedLoan, new { status = "declined", reason = "有不良信用记录" }));

        var waiting = await RegisterAsync(PoyaVillage);
        await RecordNeedAsync(waiting.Id, 5000m);

        using (var tooMuch = await Monitoring.Client.PostAsJsonAsync(Url($"/api/households/{waiting.Id}/loans"),
            new { purpose = "购买农用车", amount = 50001m }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        }

        var after = await CoverageAsync(MajieTownship);
        Assert.Equal(before.Need + 3, after.Need);
        Assert.Equal(before.Covered + 1, after.Covered);
        Assert.Equal(decimal.Round(100m * after.Covered / after.Need, 1), after.Percent);

        // Township staff elsewhere see neither the loans nor their township's row.
        var xisa = await Monitoring.ClientFor(TestUser.XisaTownship).GetFromJsonAsync<JsonElement>(Url("/api/loans"), Cancellation);
        Assert.DoesNotContain(xisa.EnumerateArray(), l => l.GetProperty("householdId").GetGuid() == covered.Id);
        var xisaCoverage = await Monitoring.ClientFor(TestUser.XisaTownship).GetFromJsonAsync<JsonElement>(Url("/api/loans/coverage"), Cancellation);
        Assert.Equal("532623100", Assert.Single(xisaCoverage.GetProperty("townships").EnumerateArray()).GetProperty("townshipCode").GetString());
        using var foreign = await Monitoring.ClientFor(TestUser.XisaTownship).PostAsJsonAsync(Url($"/api/loans/{declinedLoan}/status"),
            new { status = "approved" }, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task A_hotline_complaint_becomes_an_open_village_level_risk_and_the_callers_phone_is_masked()
    {
        var household = await RegisterAsync(TestUser.SanguangVillage);
        const string phone = "13987654321";

        using var response = await Monitoring.Client.PostAsJsonAsync(Url("/api/hotline"),
            new { householdCode = household.Code, content = "反映该户房屋漏雨，无人帮助维修", callerPhone = phone }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("139****4321", body.GetProperty("callerPhone").GetString());
        Assert.Equal("village", body.GetProperty("riskLevel").GetString());
        Assert.Equal("open", body.GetProperty("riskStatus").GetString());
        var riskId = body.GetProperty("riskId").GetGuid().ToString().ToUpperInvariant();

        Assert.Equal("Hotline", await Monitoring.ScalarAsync("SELECT Source FROM Risks WHERE Id = $id", ("$id", riskId)));
        Assert.Equal("Reported", await Monitoring.ScalarAsync("SELECT Category FROM Risks WHERE Id = $id", ("$id", riskId)));
        Assert.Equal("Village", await Monitoring.ScalarAsync("SELECT Level FROM Risks WHERE Id = $id", ("$id", riskId)));
        Assert.Equal("Open", await Monitoring.ScalarAsync("SELECT Status FROM Risks WHERE Id = $id", ("$id", riskId)));
        Assert.Equal("举报电话：反映该户房屋漏雨，无人帮助维修", await Monitoring.ScalarAsync("SELECT Explanation FROM Risks WHERE Id = $id", ("$id", riskId)));
        Assert.Equal(phone, await Monitoring.ScalarAsync("SELECT CallerPhone FROM Complaints WHERE RiskId = $id", ("$id", riskId)));

        // The village complained about sees the complaint but not one digit of the caller's phone (in a village the last
        // four are enough to tell who called); the township sees it masked as the API answered; another village cannot
        // file against the household.
        var list = await Monitoring.ClientFor(TestUser.SanguangMonitor).GetFromJsonAsync<JsonElement>(Url("/api/hotline"), Cancellation);
        var seenByVillage = Assert.Single(list.EnumerateArray(), c => c.GetProperty("riskId").GetGuid() == body.GetProperty("riskId").GetGuid());
        Assert.Equal("***********", seenByVillage.GetProperty("callerPhone").GetString());
        Assert.DoesNotContain(phone, list.GetRawText(), StringComparison.Ordinal);
        var township = await Monitoring.ClientFor(TestUser.XingjieTownship).GetFromJsonAsync<JsonElement>(Url("/api/hotline"), Cancellation);
        Assert.Equal("139****4321", Assert.Single(township.EnumerateArray(), c => c.GetProperty("riskId").GetGuid() == body.GetProperty("riskId").GetGuid())
            .GetProperty("callerPhone").GetString());
        using var foreign = await Monitoring.ClientFor(TestUser.LongpingMonitor).PostAsJsonAsync(Url("/api/hotline"),
            new { householdId = household.Id, content = "反映情况" }, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var empty = await Monitoring.Client.PostAsJsonAsync(Url("/api/hotline"), new { householdCode = household.Code, content = " " }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    private async Task<(Guid Id, string Code)> RegisterAsync(string villageCode)
    {
        using var response = await Monitoring.Client.PostAsJsonAsync(Url("/api/households"),
            new { villageCode, headName = "陶正华", headIdNumber = IdNumbers.New() }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("householdCode").GetString()!);
    }

    private async Task<(Guid Id, string UserName)> CreateCadreAsync(string workUnit, string rank)
    {
        var userName = NewUserName();
        using var response = await Monitoring.Client.PostAsJsonAsync(Url("/api/cadres"),
            new { userName, name = "杨正华", workUnit, rank }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return (body.GetProperty("id").GetGuid(), userName);
    }

    private Task<HttpResponseMessage> PairAsync(Guid cadre, Guid household) =>
        Monitoring.Client.PostAsJsonAsync(Url($"/api/cadres/{cadre}/pair"), new { householdId = household }, Cancellation);

    private async Task<List<string>> UnpairedCodesAsync(TestUser user)
    {
        var page = await Monitoring.ClientFor(user).GetFromJsonAsync<JsonElement>(Url("/api/households/unpaired"), Cancellation);
        return [.. page.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("householdCode").GetString()!)];
    }

    private async Task<JsonElement> RecordNeedAsync(Guid household, decimal amount)
    {
        using var response = await Monitoring.Client.PostAsJsonAsync(Url($"/api/households/{household}/loans"),
            new { purpose = "发展肉牛养殖", amount }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    private Task<HttpResponseMessage> MoveAsync(Guid loan, object request) =>
        Monitoring.Client.PostAsJsonAsync(Url($"/api/loans/{loan}/status"), request, Cancellation);

    private async Task<string?> StatusAfterAsync(Guid loan, object request)
    {
        using var response = await MoveAsync(loan, request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetString();
    }

    private async Task<(int Need, int Covered, decimal? Percent)> CoverageAsync(string township)
    {
        var report = await Monitoring.Client.GetFromJsonAsync<JsonElement>(Url("/api/loans/coverage"), Cancellation);
        var row = report.GetProperty("townships").EnumerateArray().Single(t => t.GetProperty("townshipCode").GetString() == township);
        var percent = row.GetProperty("coveragePercent");
        return (row.GetProperty("householdsWithNeed").GetInt32(), row.GetProperty("householdsWithLoan").GetInt32(),
            percent.ValueKind == JsonValueKind.Null ? null : percent.GetDecimal());
    }

    private static string NewUserName() => $"cadre-{Guid.NewGuid():N}"[..30];
}
