using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.FunctionalTests.Monitoring.Register;

namespace Xichou.FunctionalTests.Monitoring.Visits;

/// <summary>
/// The closed loop (闭环): a risk closes only when every referral working on it is resolved and a verification visit meets
/// the exit rule; until then the visit says what stayed open and why, and the risk's detail shows both conditions.
/// </summary>
public class ClosedLoopTests(Platform platform)
{
    /// <summary>蚌谷乡长箐村.</summary>
    private const string Village = "532623200003";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    private ServiceHost Housing => platform[ServiceNames.Housing];

    private static DateOnly Today => Beijing.Today(TimeProvider.System);

    [Fact]
    public async Task A_risk_with_an_open_referral_stays_open_after_a_verification_visit_meeting_the_exit_rule_and_closes_on_the_next_once_delivered()
    {
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 5000m);
        var opened = await RecordAsync(household, "routine", income: 5000m);
        var risk = Assert.Single(opened.GetProperty("openedRisks").EnumerateArray()).GetProperty("id").GetGuid();
        var referral = (await PostAsync(Monitoring.Client, "/api/referrals",
            new { householdId = household, toDepartment = "housing", riskId = risk, request = "收入低于监测线，请住建局落实农房维修务工岗位" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        var first = await RecordAsync(household, "verification", income: 6500m);

        Assert.True(first.GetProperty("exitRuleMet").GetBoolean());
        Assert.Empty(first.GetProperty("closedRisks").EnumerateArray());
        var stayed = Assert.Single(first.GetProperty("stayedOpen").EnumerateArray());
        Assert.Equal(risk, stayed.GetProperty("risk").GetProperty("id").GetGuid());
        Assert.Equal(referral, Assert.Single(stayed.GetProperty("openReferrals").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Contains("转办尚未办结：县住建局待接收", stayed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("monitored", first.GetProperty("householdStatus").GetString());
        var detail = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/risks/{risk}", UriKind.Relative), Cancellation);
        Assert.Equal("open", detail.GetProperty("risk").GetProperty("status").GetString());
        Assert.Equal(1, detail.GetProperty("openReferrals").GetInt32());
        var linked = Assert.Single(detail.GetProperty("referrals").EnumerateArray());
        Assert.Equal(("requested", "待接收", true), (linked.GetProperty("status").GetString(), linked.GetProperty("statusName").GetString(),
            linked.GetProperty("holdsRiskOpen").GetBoolean()));
        Assert.Equal(first.GetProperty("visit").GetProperty("id").GetGuid(), detail.GetProperty("lastVerification").GetProperty("visitId").GetGuid());
        Assert.True(detail.GetProperty("lastVerification").GetProperty("exitRuleMet").GetBoolean());

        await Eventually.TrueAsync(async () => (await Housing.Client.GetAsync(new Uri($"/api/referrals/{referral}", UriKind.Relative), Cancellation)).IsSuccessStatusCode,
            "housing to receive the referral", TimeSpan.FromMinutes(1));
        await PostAsync(Housing.Client, $"/api/referrals/{referral}/accept", new { }, HttpStatusCode.OK);
        await PostAsync(Housing.Client, $"/api/referrals/{referral}/deliver", new { outcome = "安排农房维修公益岗位一个" }, HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => (string?)await Monitoring.ScalarAsync("SELECT Status FROM Referrals WHERE Id = $id",
            ("$id", referral.ToString().ToUpperInvariant())) == "Delivered", "the register to hear of the delivery", TimeSpan.FromMinutes(1));

        var second = await RecordAsync(household, "verification", income: 6500m);

        Assert.Equal(risk, Assert.Single(second.GetProperty("closedRisks").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty(second.GetProperty("stayedOpen").EnumerateArray());
        Assert.Equal("riskEliminated", second.GetProperty("householdStatus").GetString());
        detail = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/risks/{risk}", UriKind.Relative), Cancellation);
        Assert.Equal("closed", detail.GetProperty("risk").GetProperty("status").GetString());
        Assert.Equal(0, detail.GetProperty("openReferrals").GetInt32());
        Assert.Equal("delivered", Assert.Single(detail.GetProperty("referrals").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(second.GetProperty("visit").GetProperty("id").GetGuid(), detail.GetProperty("lastVerification").GetProperty("visitId").GetGuid());
    }

    [Fact]
    public async Task A_department_finding_stays_open_through_verification_visits_with_its_referral_shown_and_closes_on_the_departments_re_check()
    {
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 8000m);
        await Housing.RowsReachAsync("Households", household, 1);
        var finding = Guid.NewGuid();
        await Monitoring.Services.GetRequiredService<IBus>().Publish(new RiskIdentified
        {
            RiskId = finding,
            HouseholdId = household,
            TownshipCode = "532623200",
            Village = "长箐村",
            VillageCode = Village,
            Department = ServiceNames.Housing,
            Category = "housing-grade-d",
            Severity = "high",
            Description = "住房鉴定为D级危房",
            OccurredAt = DateTimeOffset.UtcNow,
        }, Cancellation);
        await Monitoring.RowsReachAsync("Risks", household, 1, "SourceId = $finding", ("$finding", finding.ToString().ToUpperInvariant()));
        // Housing refers the household to insurance for its own finding, by the finding's id: the register links it to the risk.
        var referral = (await PostAsync(Housing.Client, "/api/referrals",
            new { householdId = household, toDepartment = "insurance", riskId = finding, request = "危房户住院自付费用高，请核查医疗救助" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => await Monitoring.CountAsync("SELECT COUNT(*) FROM Referrals WHERE Id = $id",
            ("$id", referral.ToString().ToUpperInvariant())) == 1, "the register to keep housing's referral", TimeSpan.FromMinutes(1));

        var first = await RecordAsync(household, "verification", income: 8000m);

        Assert.True(first.GetProperty("exitRuleMet").GetBoolean());
        Assert.Empty(first.GetProperty("closedRisks").EnumerateArray());
        var stayed = Assert.Single(first.GetProperty("stayedOpen").EnumerateArray());
        Assert.Equal(finding, stayed.GetProperty("risk").GetProperty("sourceId").GetGuid());
        // A verification visit cannot verify a department's finding (issue 14): it closes through its referral and the department's re-check.
        Assert.Contains("部门发现的风险由该部门经转办落实并复核后消除", stayed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("县医保局", Assert.Single(stayed.GetProperty("openReferrals").EnumerateArray()).GetProperty("toName").GetString());

        await PostAsync(Housing.Client, $"/api/referrals/{referral}/withdraw", new { note = "已由乡镇协调解决" }, HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => (string?)await Monitoring.ScalarAsync("SELECT Status FROM Referrals WHERE Id = $id",
            ("$id", referral.ToString().ToUpperInvariant())) == "Withdrawn", "the register to hear of the withdrawal", TimeSpan.FromMinutes(1));

        var second = await RecordAsync(household, "verification", income: 8000m);

        // Before issue 14 this visit closed the finding; now it stays open until housing's own re-check clears it.
        Assert.Empty(second.GetProperty("closedRisks").EnumerateArray());
        Assert.Empty(Assert.Single(second.GetProperty("stayedOpen").EnumerateArray()).GetProperty("openReferrals").EnumerateArray());
        Assert.Equal("monitored", second.GetProperty("householdStatus").GetString());

        await Monitoring.Services.GetRequiredService<IBus>().Publish(new FindingCleared
        {
            RiskId = finding,
            HouseholdId = household,
            TownshipCode = "532623200",
            Village = "长箐村",
            VillageCode = Village,
            Department = ServiceNames.Housing,
            Category = "housing-grade-d",
            Resolution = "危房改造完成，复核为B级",
            ClearedBy = "housing-clerk",
            OccurredAt = DateTimeOffset.UtcNow,
        }, Cancellation);
        await Eventually.TrueAsync(async () => (string?)await Monitoring.ScalarAsync("SELECT Status FROM Risks WHERE SourceId = $id",
            ("$id", finding.ToString().ToUpperInvariant())) == "Closed", "housing's re-check to close the finding", TimeSpan.FromMinutes(1));
    }

    private async Task<JsonElement> RecordAsync(Guid household, string kind, decimal income) =>
        await PostAsync(Monitoring.Client, $"/api/households/{household}/visits", new
        {
            kind,
            visitedOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            visitors = "李华、张强",
            food = true,
            clothing = true,
            compulsorySchooling = true,
            medicalCare = true,
            safeHousing = true,
            safeDrinkingWater = true,
            perCapitaIncome = income,
            expenses = Array.Empty<object>(),
        }, HttpStatusCode.Created);

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(expected == response.StatusCode, $"{path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
