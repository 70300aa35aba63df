using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Consumers;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;

namespace Xichou.FunctionalTests.Monitoring.Visits;

/// <summary>
/// Half-monthly visits and the risk register through the monitoring service's HTTP API, its SQLite file, its escalation
/// sweep and the real broker.
/// </summary>
public class VisitsAndRisksTests(Platform platform)
{
    private const string Sanguang = TestUser.SanguangVillage;
    private const string Longping = TestUser.LongpingVillage;

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly TodayInBeijing => Beijing.Today(TimeProvider.System);

    [Fact]
    public async Task Hospital_bill_on_a_visit_raises_an_illness_expense_spike_risk_whose_explanation_names_the_numbers()
    {
        // One person at 8,000 yuan a year: the spike threshold is min(10,000, 50 % of 8,000) = 4,000.
        var household = await RegisterAsync(Sanguang, perCapitaIncome: 8000m);
        var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);

        var body = await RecordAsync(monitor, household, Visit(income: 8000m, expenses: [new { cause = "illness", amount = 12000m, note = "县医院住院" }]));

        var risk = Assert.Single(body.GetProperty("openedRisks").EnumerateArray());
        Assert.Equal("expenseSpike", risk.GetProperty("category").GetString());
        Assert.Equal("illness", risk.GetProperty("cause").GetString());
        Assert.Equal("expense-spike", risk.GetProperty("rule").GetString());
        Assert.Equal("village", risk.GetProperty("level").GetString());
        Assert.Equal("open", risk.GetProperty("status").GetString());
        Assert.Equal("high", risk.GetProperty("severity").GetString());
        var explanation = risk.GetProperty("explanation").GetString();
        Assert.Contains("因病刚性支出 12,000 元", explanation, StringComparison.Ordinal);
        Assert.Contains("骤增标准 4,000 元", explanation, StringComparison.Ordinal);
        Assert.Contains("家庭年收入 8,000 元", explanation, StringComparison.Ordinal);
        Assert.Equal(body.GetProperty("visit").GetProperty("id").GetGuid(), risk.GetProperty("sourceId").GetGuid());

        var riskId = risk.GetProperty("id").GetGuid();
        var detail = await monitor.GetFromJsonAsync<JsonElement>(new Uri($"/api/risks/{riskId}", UriKind.Relative), Cancellation);
        Assert.Equal(explanation, detail.GetProperty("risk").GetProperty("explanation").GetString());
        var inbox = await monitor.GetFromJsonAsync<JsonElement>(new Uri("/api/risks/inbox", UriKind.Relative), Cancellation);
        Assert.Contains(riskId, inbox.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        // The same bill found again on the next visit does not open a second risk while the first is open.
        var again = await RecordAsync(monitor, household, Visit(income: 8000m, expenses: [new { cause = "illness", amount = 12000m, note = "复诊" }]));
        Assert.Empty(again.GetProperty("openedRisks").EnumerateArray());
        Assert.Equal(1L, await Monitoring.ScalarAsync("SELECT COUNT(*) FROM Risks WHERE HouseholdId = $id", ("$id", household.ToString().ToUpperInvariant())));
        Assert.Equal(TodayInBeijing.ToString("yyyy-MM-dd"), await Monitoring.ScalarAsync(
            "SELECT LastVisitOn FROM Households WHERE Id = $id", ("$id", household.ToString().ToUpperInvariant())));
    }

    [Fact]
    public async Task Unresolved_village_risk_escalates_to_the_township_after_30_days_with_a_RiskEscalated_event()
    {
        var household = await RegisterAsync(Sanguang, perCapitaIncome: 5000m);
        var opened = await RecordAsync(Monitoring.ClientFor(TestUser.SanguangMonitor), household, Visit(income: 5000m));
        var riskId = Assert.Single(opened.GetProperty("openedRisks").EnumerateArray()).GetProperty("id").GetGuid();
        var escalator = Monitoring.Services.GetRequiredService<RiskEscalator>();
        var now = DateTimeOffset.UtcNow;

        // A day short of the policy period: it stays with the village.
        await SetLevelSinceAsync(riskId, now.AddDays(-30).AddMinutes(1));
        await escalator.EscalateDueAsync(now, Cancellation);
        Assert.Equal("Village", await RiskColumnAsync(riskId, "Level"));
        // The only row about it is the feed's RiskRegistered from the visit that opened it: no escalation yet.
        Assert.Equal(1L, await Monitoring.OutboxRowsMentioningAsync(riskId.ToString()));
        Assert.Equal(0L, await Monitoring.OutboxRowsAsync<RiskEscalated>(riskId.ToString()));

        // Past it: the township owns it now, and the event is in the outbox and published.
        await SetLevelSinceAsync(riskId, now.AddDays(-30).AddMinutes(-1));
        await escalator.EscalateDueAsync(now, Cancellation);
        Assert.Equal("Township", await RiskColumnAsync(riskId, "Level"));
        Assert.Equal(2L, await Monitoring.OutboxRowsMentioningAsync(riskId.ToString()));
        Assert.Equal(1L, await Monitoring.OutboxRowsAsync<RiskEscalated>(riskId.ToString()));
        await Eventually.GetAsync(() => Monitoring.OutboxSentAtAsync<RiskEscalated>(riskId.ToString()), "the RiskEscalated outbox row to be published");

        // A second sweep (another replica) finds nothing more to do for it.
        await escalator.EscalateDueAsync(now, Cancellation);
        Assert.Equal("Township", await RiskColumnAsync(riskId, "Level"));

        var township = await Monitoring.ClientFor(TestUser.XingjieTownship)
            .GetFromJsonAsync<JsonElement>(new Uri("/api/risks/inbox", UriKind.Relative), Cancellation);
        var item = Assert.Single(township.EnumerateArray(), r => r.GetProperty("id").GetGuid() == riskId);
        Assert.True(item.GetProperty("escalated").GetBoolean());
        Assert.Equal("township", item.GetProperty("level").GetString());
        var village = await Monitoring.ClientFor(TestUser.SanguangMonitor)
            .GetFromJsonAsync<JsonElement>(new Uri("/api/risks/inbox", UriKind.Relative), Cancellation);
        Assert.DoesNotContain(riskId, village.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        var detail = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/risks/{riskId}", UriKind.Relative), Cancellation);
        var escalation = Assert.Single(detail.GetProperty("escalations").EnumerateArray());
        Assert.True(escalation.GetProperty("automatic").GetBoolean());
        Assert.Equal(("village", "township"), (escalation.GetProperty("from").GetString(), escalation.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task Village_monitor_reports_a_risk_up_with_a_reason_but_cannot_report_a_township_risk()
    {
        var household = await RegisterAsync(Sanguang, perCapitaIncome: 5000m);
        var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);
        var opened = await RecordAsync(monitor, household, Visit(income: 5000m));
        var riskId = Assert.Single(opened.GetProperty("openedRisks").EnumerateArray()).GetProperty("id").GetGuid();
        var reportUp = new Uri($"/api/risks/{riskId}/report-up", UriKind.Relative);

        using (var noReason = await monitor.PostAsJsonAsync(reportUp, new { reason = " " }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("上报理由必填", await noReason.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }
        using (var reported = await monitor.PostAsJsonAsync(reportUp, new { reason = "村级无力解决医疗费用" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
            var detail = await reported.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal("township", detail.GetProperty("risk").GetProperty("level").GetString());
            Assert.False(Assert.Single(detail.GetProperty("escalations").EnumerateArray()).GetProperty("automatic").GetBoolean());
        }
        Assert.Equal(1L, await Monitoring.OutboxRowsAsync<RiskEscalated>(riskId.ToString()));

        using var again = await monitor.PostAsJsonAsync(reportUp, new { reason = "再次上报" }, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal("Township", await RiskColumnAsync(riskId, "Level"));
    }

    [Fact]
    public async Task Risk_closes_only_on_a_verification_visit_meeting_the_exit_rule_which_records_who_verified_it_and_when()
    {
        var household = await RegisterAsync(Sanguang, perCapitaIncome: 5000m);
        var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);
        var opened = await RecordAsync(monitor, household, Visit(income: 5000m));
        var riskId = Assert.Single(opened.GetProperty("openedRisks").EnumerateArray()).GetProperty("id").GetGuid();

        using (var close = await monitor.PostAsync(new Uri($"/api/risks/{riskId}/close", UriKind.Relative), null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Conflict, close.StatusCode);
            var problem = await close.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Contains("核实走访", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("verification visit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("Open", await RiskColumnAsync(riskId, "Status"));

        // A verification visit still under the 6,000 line closes nothing (and opens no duplicate).
        var below = await RecordAsync(monitor, household, Visit(kind: "verification", income: 5999m));
        Assert.False(below.GetProperty("exitRuleMet").GetBoolean());
        Assert.Empty(below.GetProperty("closedRisks").EnumerateArray());
        Assert.Empty(below.GetProperty("openedRisks").EnumerateArray());
        Assert.Equal("Open", await RiskColumnAsync(riskId, "Status"));

        // A routine visit meeting the rule does not close it either: only a verification visit does.
        var routine = await RecordAsync(monitor, household, Visit(kind: "routine", income: 6500m));
        Assert.Empty(routine.GetProperty("closedRisks").EnumerateArray());
        Assert.Equal("Open", await RiskColumnAsync(riskId, "Status"));

        var verified = await RecordAsync(monitor, household, Visit(kind: "verification", income: 6500m));
        Assert.True(verified.GetProperty("exitRuleMet").GetBoolean());
        Assert.Equal(riskId, Assert.Single(verified.GetProperty("closedRisks").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("riskEliminated", verified.GetProperty("householdStatus").GetString());

        var detail = await monitor.GetFromJsonAsync<JsonElement>(new Uri($"/api/risks/{riskId}", UriKind.Relative), Cancellation);
        var risk = detail.GetProperty("risk");
        Assert.Equal("closed", risk.GetProperty("status").GetString());
        Assert.Equal(TestUser.SanguangMonitor.Name, risk.GetProperty("verifiedBy").GetString());
        Assert.Equal(verified.GetProperty("visit").GetProperty("id").GetGuid(), risk.GetProperty("verificationVisitId").GetGuid());
        Assert.InRange(risk.GetProperty("closedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("RiskEliminated", await Monitoring.ScalarAsync(
            "SELECT Status FROM Households WHERE Id = $id", ("$id", household.ToString().ToUpperInvariant())));
    }

    [Fact]
    public async Task Measures_are_added_to_the_ledger_of_an_open_risk()
    {
        var household = await RegisterAsync(Sanguang, perCapitaIncome: 5000m);
        var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);
        var opened = await RecordAsync(monitor, household, Visit(income: 5000m));
        var riskId = Assert.Single(opened.GetProperty("openedRisks").EnumerateArray()).GetProperty("id").GetGuid();

        using var response = await monitor.PostAsJsonAsync(new Uri($"/api/risks/{riskId}/measures", UriKind.Relative),
            new { text = "落实临时救助 2,000 元" }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var measure = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("measures").EnumerateArray());
        Assert.Equal(("落实临时救助 2,000 元", TestUser.SanguangMonitor.Name), (measure.GetProperty("text").GetString(), measure.GetProperty("by").GetString()));
    }

    [Fact]
    public async Task RiskIdentified_delivered_twice_is_one_risk_on_the_register_and_an_unknown_household_is_skipped()
    {
        var household = await RegisterAsync(Longping, perCapitaIncome: 8000m);
        var finding = new RiskIdentified
        {
            RiskId = Guid.NewGuid(),
            HouseholdId = household,
            TownshipCode = "532623101",
            Village = "龙坪村",
            VillageCode = Longping,
            Department = ServiceNames.Housing,
            Category = "housing-grade-d",
            Severity = "high",
            Description = "住房鉴定为D级危房",
            OccurredAt = DateTimeOffset.UtcNow,
        };
        var bus = Monitoring.Services.GetRequiredService<IBus>();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        await bus.Publish(finding, c => c.MessageId = first, Cancellation);
        await Eventually.TrueAsync(() => InboxHasAsync(first), "the first delivery to be consumed");
        // The same message again, and the same finding published again under a new message id.
        await bus.Publish(finding, c => c.MessageId = first, Cancellation);
        await bus.Publish(finding, c => c.MessageId = second, Cancellation);
        await Eventually.TrueAsync(() => InboxHasAsync(second), "the republished finding to be consumed");
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);

        Assert.Equal(1L, await Monitoring.ScalarAsync("SELECT COUNT(*) FROM Risks WHERE SourceId = $id",
            ("$id", finding.RiskId.ToString().ToUpperInvariant())));
        var inbox = await Monitoring.ClientFor(TestUser.LongpingMonitor)
            .GetFromJsonAsync<JsonElement>(new Uri("/api/risks/inbox", UriKind.Relative), Cancellation);
        // Other tests' risks in this village (a hotline complaint) have no source id.
        var risk = Assert.Single(inbox.EnumerateArray(),
            r => r.GetProperty("sourceId").ValueKind == JsonValueKind.String && r.GetProperty("sourceId").GetGuid() == finding.RiskId);
        Assert.Equal(("reported", "department", "village", "high"), (risk.GetProperty("category").GetString(),
            risk.GetProperty("source").GetString(), risk.GetProperty("level").GetString(), risk.GetProperty("severity").GetString()));
        Assert.Equal("住房鉴定为D级危房", risk.GetProperty("explanation").GetString());

        var stranger = Guid.NewGuid();
        var orphan = Guid.NewGuid();
        await bus.Publish(finding with { RiskId = orphan, HouseholdId = Guid.NewGuid() }, c => c.MessageId = stranger, Cancellation);
        await Eventually.TrueAsync(() => InboxHasAsync(stranger), "the finding about an unknown household to be consumed");
        Assert.Equal(0L, await Monitoring.ScalarAsync("SELECT COUNT(*) FROM Risks WHERE SourceId = $id", ("$id", orphan.ToString().ToUpperInvariant())));
    }

    [Fact]
    public async Task Village_monitor_cannot_record_a_visit_in_another_village_and_sees_only_their_village_in_the_cycle()
    {
        var overdue = await RegisterAsync(Sanguang, perCapitaIncome: 8000m, registeredAt: DateTimeOffset.UtcNow.AddDays(-20));
        var due = await RegisterAsync(Sanguang, perCapitaIncome: 8000m);
        var visited = await RegisterAsync(Sanguang, perCapitaIncome: 8000m);
        var elsewhere = await RegisterAsync(Longping, perCapitaIncome: 8000m);
        var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);
        await RecordAsync(monitor, visited, Visit(income: 8000m));

        using (var outside = await monitor.PostAsJsonAsync(VisitsOf(elsewhere), Visit(income: 8000m), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        }
        Assert.Equal(0L, await Monitoring.ScalarAsync("SELECT COUNT(*) FROM Visits WHERE HouseholdId = $id", ("$id", elsewhere.ToString().ToUpperInvariant())));

        var cycle = await monitor.GetFromJsonAsync<JsonElement>(new Uri("/api/visits/cycle", UriKind.Relative), Cancellation);
        var items = cycle.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal("三光村", i.GetProperty("village").GetString()));
        var ids = items.Select(i => i.GetProperty("householdId").GetGuid()).ToList();
        Assert.DoesNotContain(elsewhere, ids);
        // Not yet visited first (the overdue one marked), visited last.
        Assert.True(ids.IndexOf(overdue) < ids.IndexOf(due) && ids.IndexOf(due) < ids.IndexOf(visited));
        var overdueItem = items[ids.IndexOf(overdue)];
        Assert.True(overdueItem.GetProperty("overdue").GetBoolean());
        Assert.Equal("overdue", overdueItem.GetProperty("state").GetString());
        Assert.Equal("due", items[ids.IndexOf(due)].GetProperty("state").GetString());
        Assert.Equal("visited", items[ids.IndexOf(visited)].GetProperty("state").GetString());
        Assert.All(items.SkipWhile(i => i.GetProperty("state").GetString() != "visited"),
            i => Assert.Equal("visited", i.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Pairing_cadre_records_cadre_visits_for_their_own_household_only()
    {
        var cadre = TestUser.Cadre($"cadre-{Guid.NewGuid():N}"[..20]);
        var own = await RegisterAsync(Sanguang, perCapitaIncome: 8000m, pairedCadre: cadre.Name);
        var other = await RegisterAsync(Sanguang, perCapitaIncome: 8000m);
        var client = Monitoring.ClientFor(cadre);

        using (var routine = await client.PostAsJsonAsync(VisitsOf(own), Visit(income: 8000m), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, routine.StatusCode);
        }
        using (var notTheirs = await client.PostAsJsonAsync(VisitsOf(other), Visit(kind: "cadre", income: 8000m), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        }
        var body = await RecordAsync(client, own, Visit(kind: "cadre", income: 8000m, safeHousing: false));
        var risk = Assert.Single(body.GetProperty("openedRisks").EnumerateArray());
        Assert.Equal(("cadreVisit", "safeHousing"), (risk.GetProperty("source").GetString(), risk.GetProperty("need").GetString()));

        // A cadre's 回头看 counts for pairing, not for the half-month cycle: the household is still unvisited by the monitoring team.
        Assert.False(body.GetProperty("visit").GetProperty("keepsCycle").GetBoolean());
        Assert.Equal(1, await Monitoring.CountAsync("SELECT COUNT(*) FROM Households WHERE Id = $id AND LastVisitOn IS NULL", ("$id", own.ToString().ToUpperInvariant())));
    }

    [Fact]
    public async Task Visit_in_the_future_or_with_a_bad_cause_is_rejected_field_by_field_in_Chinese_and_English()
    {
        var household = await RegisterAsync(Sanguang, perCapitaIncome: 8000m);
        var request = Visit(income: 8000m, visitedOn: TodayInBeijing.AddDays(1), expenses: [new { cause = "gambling", amount = 100m, note = (string?)null }]);

        using var response = await Monitoring.ClientFor(TestUser.SanguangMonitor).PostAsJsonAsync(VisitsOf(household), request, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal(["expenses[0].cause", "visitedOn"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var message = errors.GetProperty("visitedOn")[0].GetString();
        Assert.Contains("走访日期不能晚于今天", message, StringComparison.Ordinal);
        Assert.Contains("cannot be in the future", message, StringComparison.Ordinal);
        Assert.Equal(0L, await Monitoring.ScalarAsync("SELECT COUNT(*) FROM Visits WHERE HouseholdId = $id", ("$id", household.ToString().ToUpperInvariant())));
    }

    [Fact]
    public async Task Visit_and_risk_ledgers_export_as_xlsx_and_are_audited()
    {
        var household = await RegisterAsync(Sanguang, perCapitaIncome: 8000m);
        var monitor = Monitoring.ClientFor(TestUser.SanguangMonitor);
        await RecordAsync(monitor, household, Visit(income: 5000m));

        foreach (var ledger in new[] { "/api/visits/export", "/api/risks/export" })
        {
            using var response = await monitor.GetAsync(new Uri(ledger, UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);
            Assert.Equal((byte)'P', bytes[0]);
            Assert.Equal((byte)'K', bytes[1]);
        }
        Assert.True((long)(await Monitoring.ScalarAsync(
            "SELECT COUNT(*) FROM AuditLog WHERE UserName = 'village-sanguang' AND Action = 'export' AND Details LIKE '%\"ledger\":\"risks\"%'"))! >= 1);
    }

    private static Uri VisitsOf(Guid household) => new($"/api/households/{household}/visits", UriKind.Relative);

    private static object Visit(
        string kind = "routine", decimal income = 8000m, DateOnly? visitedOn = null, bool safeHousing = true, object[]? expenses = null) => new
    {
        kind,
        visitedOn = (visitedOn ?? TodayInBeijing).ToString("yyyy-MM-dd"),
        visitors = "李华、张强",
        food = true,
        clothing = true,
        compulsorySchooling = true,
        medicalCare = true,
        safeHousing,
        safeDrinkingWater = true,
        perCapitaIncome = income,
        expenses = expenses ?? [],
        notes = "功能测试",
    };

    private static async Task<JsonElement> RecordAsync(HttpClient client, Guid household, object visit)
    {
        using var response = await client.PostAsJsonAsync(VisitsOf(household), visit, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// A household put straight on the register (registration has tests of its own), announced as a registration is, so
    /// the departments know it when its status changes.
    /// </summary>
    private Task<Guid> RegisterAsync(string villageCode, decimal perCapitaIncome, DateTimeOffset? registeredAt = null, string? pairedCadre = null) =>
        Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            var household = Household.Register(villageCode, "王明", IdNumbers.New(), registeredAt ?? DateTimeOffset.UtcNow);
            household.Describe(null, perCapitaIncome);
            household.PairWith(pairedCadre);
            db.Households.Add(household);
            db.AddIntegrationEvent(household.ToRegisteredEvent());
            await db.SaveChangesAsync(Cancellation);
            return household.Id;
        });

    /// <summary>Moves the moment the risk's level took it over, as if that much time had passed.</summary>
    private Task<int> SetLevelSinceAsync(Guid riskId, DateTimeOffset levelSince) =>
        Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            var risk = await db.Risks.SingleAsync(r => r.Id == riskId, Cancellation);
            db.Entry(risk).Property(r => r.LevelSince).CurrentValue = levelSince;
            return await db.SaveChangesAsync(Cancellation);
        });

    private async Task<string?> RiskColumnAsync(Guid riskId, string column) =>
        (string?)await Monitoring.ScalarAsync($"SELECT {column} FROM Risks WHERE Id = $id", ("$id", riskId.ToString().ToUpperInvariant()));

    private Task<bool> InboxHasAsync(Guid messageId) =>
        Monitoring.WithScopeAsync(services => services.GetRequiredService<MonitoringDbContext>().InboxMessages
            .AnyAsync(m => m.Consumer == RiskIdentifiedConsumer.InboxName && m.MessageId == messageId, Cancellation));
}
