using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;
using Catalogue = Xichou.Contracts.Departments;
using Member = Xichou.Monitoring.Model.Member;

namespace Xichou.UnitTests.Monitoring.Register;

/// <summary>
/// What the register's SaveChanges puts in its outbox for a household's changes: on an in-memory SQLite database, no host,
/// no broker, the clock at 2025-06-18 in Beijing.
/// </summary>
public sealed class HouseholdChangeEventsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 6, 18, 10, 0, 0, Beijing.Offset);
    private static readonly Actor Office = new("poverty-office", "poverty-office");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceProvider _services;

    private readonly string _head = IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1978, 4, 2), 111);
    private readonly string _child = IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(2016, 9, 1), 131);

    public HouseholdChangeEventsTests()
    {
        _connection.Open();
        _services = new ServiceCollection()
            .AddSingleton(new DatabaseWriteGate(serialise: false))
            .AddSingleton<OutboxSignal>()
            .AddSingleton<TimeProvider>(new FixedClock(Now))
            .BuildServiceProvider();
        using var db = Context();
        db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        _services.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public void A_registration_sends_each_department_only_the_members_its_share_selects_and_publishes_no_full_ID_number()
    {
        var household = Register();

        var rows = Outbox();
        var registered = Assert.Single(rows, r => r.MessageType == typeof(HouseholdRegistered).FullName);
        Assert.Null(registered.Destination);
        var message = Read<HouseholdRegistered>(registered);
        Assert.Equal((IdNumber.Mask(_head), 2), (message.HeadIdNumber, message.MemberCount));
        Assert.All(rows.Where(r => r.Destination is null), r => Assert.DoesNotContain(_head, r.Body, StringComparison.Ordinal));

        var shared = Shared(rows);
        Assert.Equal(
            [Catalogue.Agriculture.Key, Catalogue.Education.Key, Catalogue.Employment.Key, Catalogue.Housing.Key, Catalogue.Insurance.Key],
            shared.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([_head], shared[Catalogue.Housing.Key].Members.Select(m => m.IdNumber));
        Assert.Equal([_head], shared[Catalogue.Employment.Key].Members.Select(m => m.IdNumber));
        Assert.Equal([_child], shared[Catalogue.Education.Key].Members.Select(m => m.IdNumber));
        Assert.Equal([_head, _child], shared[Catalogue.Insurance.Key].Members.Select(m => m.IdNumber));
        // Each is cut to its share's fields: housing never learns a health state, insurance does.
        Assert.Null(shared[Catalogue.Housing.Key].Members[0].HealthState);
        Assert.Equal("healthy", shared[Catalogue.Insurance.Key].Members[0].HealthState);
        Assert.Equal("primary", shared[Catalogue.Education.Key].Members[0].SchoolStage);
        Assert.All(shared.Values, s => Assert.Equal((household.Code, IdNumber.Mask(_head)), (s.HouseholdCode, s.HeadIdNumber)));
    }

    [Fact]
    public void Households_registered_in_one_save_reach_each_department_in_one_message()
    {
        using (var db = Context())
        {
            foreach (var (head, child) in new[] { (101, 102), (201, 202), (301, 302) })
            {
                HouseholdRegistration.Stage(db, new RegisterHouseholdRequest("532623200003", "罗正华",
                    IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1970, 1, 1), head), Members:
                    [
                        new MemberRequest("子女", "罗小明", IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(2016, 1, 1), child),
                            LabourCapacity: "无劳动力", SchoolStage: "小学"),
                    ]), Office, Now, traceParent: null);
            }
            db.SaveChanges();
        }

        var rows = Outbox();

        Assert.Equal(3, rows.Count(r => r.MessageType == typeof(HouseholdRegistered).FullName));
        var shared = rows.Where(r => r.MessageType == typeof(HouseholdMembersShared).FullName).Select(Read<HouseholdMembersShared>).ToList();
        Assert.Equal(5, shared.Count);
        Assert.All(shared, message => Assert.Equal(3, message.Households.Count));
    }

    [Fact]
    public void Adding_an_adult_who_cannot_work_changes_the_details_and_tells_only_insurance_of_the_members()
    {
        var household = Register();
        var parent = IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1948, 2, 2), 122);

        Edit(household.Id, (db, h) => h.Members.Add(Member.Create(h.Id, 2, Relation.Parent, "王秀英", parent, LabourCapacity.Lost,
            SchoolStage.NotInSchool, HealthState.ChronicIllness, null)));

        var rows = Outbox();
        var details = Read<HouseholdDetailsChanged>(Assert.Single(rows, r => r.MessageType == typeof(HouseholdDetailsChanged).FullName));
        Assert.Equal((3, IdNumber.Mask(_head)), (details.MemberCount, details.HeadIdNumber));
        var shared = Assert.Single(Shared(rows));
        Assert.Equal(Catalogue.Insurance.Key, shared.Key);
        Assert.Equal([_head, _child, parent], shared.Value.Members.Select(m => m.IdNumber));
    }

    [Fact]
    public void Removing_the_only_school_age_child_sends_education_an_empty_list()
    {
        var household = Register();

        Edit(household.Id, (db, h) => db.Members.Remove(h.Members.Single(m => m.IdNumber == _child)));

        var rows = Outbox();
        var shared = Shared(rows);
        Assert.Equal([Catalogue.Education.Key, Catalogue.Insurance.Key], shared.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(shared[Catalogue.Education.Key].Members);
        Assert.Equal([_head], shared[Catalogue.Insurance.Key].Members.Select(m => m.IdNumber));
        Assert.Equal(1, Read<HouseholdDetailsChanged>(Assert.Single(rows, r => r.MessageType == typeof(HouseholdDetailsChanged).FullName)).MemberCount);
    }

    [Fact]
    public void A_status_change_is_published_with_the_previous_status_its_day_and_its_reason_and_nothing_else()
    {
        var household = Register();

        Edit(household.Id, (db, h) => h.ChangeStatus(HouseholdStatus.Exited, new DateOnly(2025, 6, 17), "全家迁居县城", "poverty-office"));

        var row = Assert.Single(Outbox());
        Assert.Null(row.Destination);
        var changed = Read<HouseholdStatusChanged>(row);
        Assert.Equal(("exited", "monitored", new DateOnly(2025, 6, 17), "全家迁居县城"), (changed.Status, changed.PreviousStatus, changed.On, changed.Reason));
    }

    [Fact]
    public void A_save_that_fails_leaves_no_event_behind_and_the_retry_queues_each_event_once()
    {
        var household = Register();
        var other = Register(IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1966, 1, 1), 333),
            IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(2015, 1, 1), 334));
        Outbox();
        var newborn = IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(2025, 5, 1), 445);

        using (var db = Context())
        {
            var h = db.Households.Include(x => x.Members).Single(x => x.Id == household.Id);
            // The other household's head: the unique index refuses it.
            var duplicate = Member.Create(h.Id, 2, Relation.Other, "重复", other.HeadIdNumber, LabourCapacity.Able, SchoolStage.NotInSchool, HealthState.Healthy, null);
            h.Members.Add(duplicate);
            Assert.Equal("IX_Members_IdNumber", Assert.Throws<DuplicateKeyException>(() => db.SaveChanges()).IndexName);
            Assert.Empty(db.ChangeTracker.Entries<OutboxMessage>());

            h.Members.Remove(duplicate);
            db.Entry(duplicate).State = EntityState.Detached;
            h.Members.Add(Member.Create(h.Id, 2, Relation.Grandchild, "罗小宝", newborn, LabourCapacity.None, SchoolStage.NotInSchool, HealthState.Healthy, null));
            db.SaveChanges();
        }

        var rows = Outbox();
        Assert.Single(rows, r => r.MessageType == typeof(HouseholdDetailsChanged).FullName);
        var shared = Assert.Single(Shared(rows));
        Assert.Equal(Catalogue.Insurance.Key, shared.Key);
        Assert.Equal(3, shared.Value.Members.Count);
    }

    private SqliteMonitoringDbContext Context() => new(new DbContextOptionsBuilder<SqliteMonitoringDbContext>()
        .UseSqlite(_connection)
        .UseApplicationServiceProvider(_services)
        .Options);

    private Household Register(string? head = null, string? child = null)
    {
        head ??= _head;
        child ??= _child;
        using var db = Context();
        var household = HouseholdRegistration.Stage(db, new RegisterHouseholdRequest("532623200003", "罗正华", head, Members:
        [
            new MemberRequest("子女", "罗小明", child, LabourCapacity: "无劳动力", SchoolStage: "小学"),
        ]), Office, Now, traceParent: null);
        db.SaveChanges();
        return household;
    }

    private void Edit(Guid householdId, Action<MonitoringDbContext, Household> change)
    {
        Outbox();
        using var db = Context();
        var household = db.Households.Include(h => h.Members).Single(h => h.Id == householdId);
        change(db, household);
        db.SaveChanges();
    }

    /// <summary>The rows written since the last call (each call empties the outbox, as a dispatcher would).</summary>
    private List<OutboxMessage> Outbox()
    {
        using var db = Context();
        var rows = db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).ToList();
        db.OutboxMessages.ExecuteDelete();
        return rows;
    }

    /// <summary>The one household each department was sent, by department: one message per department per save.</summary>
    private static Dictionary<string, SharedHousehold> Shared(List<OutboxMessage> rows) =>
        rows.Where(r => r.MessageType == typeof(HouseholdMembersShared).FullName)
            .Select(r =>
            {
                var message = Read<HouseholdMembersShared>(r);
                Assert.Equal(Catalogue.ByKey(message.Department).MembersQueue, r.Destination);
                return (message.Department, Household: Assert.Single(message.Households));
            })
            .ToDictionary(m => m.Department, m => m.Household);

    private static T Read<T>(OutboxMessage row) => JsonSerializer.Deserialize<T>(row.Body, Json)!;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
