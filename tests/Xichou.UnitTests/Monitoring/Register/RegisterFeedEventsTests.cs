using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.UnitTests.Monitoring.Register;

/// <summary>
/// What the register's SaveChanges puts in its outbox for the command centre's feed (RiskRegistered, RiskEscalated, RiskClosed,
/// HouseholdVisited, CadrePaired, and microcredit as SurveyRecorded): on an in-memory SQLite database, no host, no broker,
/// the clock at 2025-06-18 in Beijing, and a later policy version with a ten-day cycle from 2025-06-10.
/// </summary>
public sealed class RegisterFeedEventsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 6, 18, 10, 0, 0, Beijing.Offset);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly MonitoringPolicy Tighter = MonitoringPolicy.Xichou2021 with
    {
        Version = "2025 tighter", EffectiveFrom = new DateOnly(2025, 6, 10), VisitCycleDays = 10,
    };

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceProvider _services;

    public RegisterFeedEventsTests()
    {
        _connection.Open();
        _services = new ServiceCollection()
            .AddSingleton(new DatabaseWriteGate(serialise: false))
            .AddSingleton<OutboxSignal>()
            .AddSingleton<TimeProvider>(new FixedClock(Now))
            .AddSingleton(new MonitoringPolicies([MonitoringPolicy.Xichou2021, Tighter]))
            .BuildServiceProvider();
        using var db = Context();
        db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        _services.Dispose();
        _connection.Dispose();
    }

    [Theory]
    [InlineData("2025-06-09", "西开组发〔2021〕2号", 15)]
    [InlineData("2025-06-10", "2025 tighter", 10)]
    public void A_visit_is_published_with_the_cycle_of_the_policy_version_in_force_on_its_date(string day, string version, int cycleDays)
    {
        var household = Registered();
        var visitedOn = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        using (var db = Context())
        {
            db.Visits.Add(Visit(household, VisitKind.Routine, visitedOn, version));
            db.SaveChanges();
        }

        var visited = Read<HouseholdVisited>(Assert.Single(Outbox(), r => r.MessageType == typeof(HouseholdVisited).FullName));
        Assert.Equal((visitedOn, true, cycleDays, household.VillageCode), (visited.VisitedOn, visited.KeepsCycle, visited.CycleDays, visited.VillageCode));
    }

    [Fact]
    public void A_cadres_visit_does_not_keep_the_cycle()
    {
        var household = Registered();

        using (var db = Context())
        {
            db.Visits.Add(Visit(household, VisitKind.Cadre, new DateOnly(2025, 6, 17), Tighter.Version));
            db.SaveChanges();
        }

        Assert.False(Read<HouseholdVisited>(Assert.Single(Outbox(), r => r.MessageType == typeof(HouseholdVisited).FullName)).KeepsCycle);
    }

    [Fact]
    public void A_risk_stored_with_its_past_is_published_registered_at_village_then_escalated_then_closed_each_at_its_own_time()
    {
        var household = Registered();
        var opened = Now.AddDays(-50);
        var risk = Risk.Open(household.Id, Found(), RiskSource.Visit, Guid.NewGuid(), "village-monitor", opened, MonitoringPolicy.Xichou2021.Version);
        Assert.True(risk.EscalateUp(automatic: true, "system", "村级超过30天未解决", opened.AddDays(30)));
        var verification = Visit(household, VisitKind.Verification, Beijing.DateOf(Now.AddDays(-1)), Tighter.Version);
        risk.CloseVerified(verification, "township-officer", Now.AddDays(-1));

        using (var db = Context())
        {
            db.Visits.Add(verification);
            db.Risks.Add(risk);
            db.SaveChanges();
        }

        var rows = Outbox().Where(r => r.Body.Contains(risk.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal([typeof(RiskRegistered).FullName, typeof(RiskEscalated).FullName, typeof(RiskClosed).FullName], rows.Select(r => r.MessageType));
        var registered = Read<RiskRegistered>(rows[0]);
        Assert.Equal(("village", "visit", "basicNeedUnmet", opened), (registered.Level, registered.Source, registered.Category, registered.OccurredAt));
        Assert.Equal(Beijing.DateOf(opened).AddDays(30), registered.EscalationDueOn);
        var escalated = Read<RiskEscalated>(rows[1]);
        Assert.Equal(("village", "township", true, opened.AddDays(30)), (escalated.FromLevel, escalated.ToLevel, escalated.Automatic, escalated.OccurredAt));
        var closed = Read<RiskClosed>(rows[2]);
        Assert.Equal(("verified", "township", "township-officer", Now.AddDays(-1)), (closed.How, closed.Level, closed.ClosedBy, closed.OccurredAt));
    }

    [Fact]
    public void A_departments_finding_is_published_with_its_finding_id_and_closes_cleared_once()
    {
        var household = Registered();
        var finding = Guid.NewGuid();
        var risk = Risk.Open(household.Id, Found() with { Category = RiskCategory.Reported }, RiskSource.Department, finding, ServiceNames.Water, Now,
            MonitoringPolicy.Xichou2021.Version);
        using (var db = Context())
        {
            db.Risks.Add(risk);
            db.SaveChanges();
        }
        var registered = Read<RiskRegistered>(Assert.Single(Outbox(), r => r.MessageType == typeof(RiskRegistered).FullName));
        Assert.Equal((finding, "department", ServiceNames.Water, "reported"), (registered.FindingId, registered.Source, registered.Department, registered.Category));

        for (var time = 0; time < 2; time++)
        {
            using var db = Context();
            var stored = db.Risks.Single(r => r.Id == risk.Id);
            stored.CloseCleared("已改水，复核合格", "water-clerk", Now);
            db.SaveChanges();
        }

        var closed = Read<RiskClosed>(Assert.Single(Outbox(), r => r.MessageType == typeof(RiskClosed).FullName));
        Assert.Equal(("cleared", "water-clerk", household.Id), (closed.How, closed.ClosedBy, closed.HouseholdId));
    }

    [Fact]
    public void Pairing_is_published_once_with_the_cadre_read_from_the_register_and_an_unchanged_save_publishes_nothing()
    {
        var household = Registered();
        var cadre = Cadre.Create("cadre-yang", "杨正华", "县农业农村局", CadreRank.Section);
        using (var db = Context())
        {
            db.Cadres.Add(cadre);
            db.SaveChanges();
        }
        Outbox();

        using (var db = Context())
        {
            db.Households.Single(h => h.Id == household.Id).PairWith(cadre.UserName);
            db.SaveChanges();
            db.SaveChanges();
        }

        var paired = Read<CadrePaired>(Assert.Single(Outbox()));
        Assert.Equal((cadre.Id, "杨正华", household.Id, Now), (paired.CadreId, paired.CadreName, paired.HouseholdId, paired.OccurredAt));
    }

    [Fact]
    public void Microcredit_is_met_once_any_loan_is_disbursed_and_stays_met_when_another_need_is_recorded()
    {
        var household = Registered();
        var first = Loan.RecordNeed(household.Id, "发展肉牛养殖", 30000m, Now.AddDays(-20));
        using (var db = Context())
        {
            db.Loans.Add(first);
            db.SaveChanges();
        }
        Assert.Equal(("problem", false), Microcredit(Assert.Single(Outbox())));

        using (var db = Context())
        {
            var loan = db.Loans.Single(l => l.Id == first.Id);
            Assert.True(loan.MoveTo(LoanStatus.Applied, Lender.CreditUnion, null, null, Now.AddDays(-15)));
            db.SaveChanges();
            Assert.True(loan.MoveTo(LoanStatus.Approved, null, null, null, Now.AddDays(-10)));
            db.SaveChanges();
        }
        // Applying and approval meet nothing yet: no event.
        Assert.Empty(Outbox());

        using (var db = Context())
        {
            Assert.True(db.Loans.Single(l => l.Id == first.Id).MoveTo(LoanStatus.Disbursed, null, null, null, Now.AddDays(-5)));
            db.SaveChanges();
        }
        Assert.Equal(("secured", true), Microcredit(Assert.Single(Outbox())));

        using (var db = Context())
        {
            db.Loans.Add(Loan.RecordNeed(household.Id, "扩大种植", 20000m, Now));
            db.SaveChanges();
        }
        Assert.Equal(("secured", true), Microcredit(Assert.Single(Outbox())));
    }

    private static (string Status, bool Met) Microcredit(OutboxMessage row)
    {
        var survey = Read<SurveyRecorded>(row);
        Assert.Equal(ServiceNames.Monitoring, survey.Department);
        return (survey.Status, survey.Measures["microcredit"]);
    }

    private static FoundRisk Found() => new(RiskCategory.BasicNeedUnmet, null, BasicNeed.SafeHousing, RiskSeverity.High, "basic-need-unmet", "住房安全未保障");

    private static Visit Visit(Household household, VisitKind kind, DateOnly on, string version) =>
        Xichou.Monitoring.Model.Visit.Record(household.Id, kind, on, "李华", new HashSet<BasicNeed>(), 8000m, 8000m, [], null, "village-monitor", Now, version);

    private Household Registered()
    {
        var household = Household.Register("532623200003", "罗正华", IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1978, 4, 2), 111), Now.AddDays(-90));
        using (var db = Context())
        {
            db.Households.Add(household);
            db.SaveChanges();
        }
        Outbox();
        return household;
    }

    private SqliteMonitoringDbContext Context() => new(new DbContextOptionsBuilder<SqliteMonitoringDbContext>()
        .UseSqlite(_connection)
        .UseApplicationServiceProvider(_services)
        .Options);

    private List<OutboxMessage> Outbox()
    {
        using var db = Context();
        var rows = db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).ToList();
        db.OutboxMessages.ExecuteDelete();
        return rows;
    }

    private static T Read<T>(OutboxMessage row) => JsonSerializer.Deserialize<T>(row.Body, Json)!;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
