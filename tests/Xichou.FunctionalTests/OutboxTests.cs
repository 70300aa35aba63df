using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.FunctionalTests;

/// <summary>The transactional outbox: what is committed is published, what is rolled back is not.</summary>
public class OutboxTests(Platform platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    [Fact]
    public async Task Event_committed_to_the_outbox_outside_any_request_is_published_to_every_department()
    {
        var registered = TestData.NewHouseholdRegistered();

        // As the register announces a registration: published to all, and sent to each department told about members.
        await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            db.AddIntegrationEvent(registered);
            foreach (var department in Departments.All.Where(d => !d.MemberShare.IsEmpty))
            {
                db.SendIntegrationEvent(TestData.MembersSharedFor(registered, department), department.MembersQueue);
            }
            return await db.SaveChangesAsync(Cancellation);
        });

        foreach (var service in ServiceNames.HouseholdConsumers)
        {
            await Eventually.TrueAsync(async () =>
            {
                using var response = await platform[service].Client.GetAsync(
                    new Uri($"/api/households/{registered.HouseholdId}", UriKind.Relative), Cancellation);
                return response.StatusCode == HttpStatusCode.OK;
            }, $"{service} to store the household");
        }
        await Eventually.GetAsync(() => Monitoring.OutboxSentAtAsync(registered.HouseholdId.ToString()), "the outbox row to be marked sent");
    }

    [Fact]
    public async Task Save_that_fails_on_a_unique_constraint_stores_neither_the_household_nor_its_event()
    {
        var idNumber = IdNumbers.New();
        using var first = await Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = "532623100002", headName = "王明", headIdNumber = idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString()!;

        var (duplicateId, messageId) = await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            var duplicate = Household.Register("532623100002", "王明", idNumber, DateTimeOffset.UtcNow);
            db.Households.Add(duplicate);
            db.AddIntegrationEvent(duplicate.ToRegisteredEvent());
            var outboxRow = Assert.Single(db.ChangeTracker.Entries<OutboxMessage>()).Entity;

            Assert.Equal("IX_Households_HeadIdNumber", (await Assert.ThrowsAsync<DuplicateKeyException>(() => db.SaveChangesAsync(Cancellation))).IndexName);
            return (duplicate.Id, outboxRow.MessageId);
        });

        Assert.Equal(0, await Monitoring.OutboxRowsMentioningAsync(duplicateId.ToString()));
        Assert.Equal(0, await Monitoring.WithScopeAsync(services =>
            services.GetRequiredService<MonitoringDbContext>().OutboxMessages.CountAsync(m => m.MessageId == messageId, Cancellation)));
        Assert.Equal(1, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        Assert.Equal(1, await Monitoring.OutboxRowsAsync<HouseholdRegistered>(firstId));
    }

    [Fact]
    public async Task Registration_that_loses_a_race_for_the_same_ID_number_is_a_duplicate_and_leaves_no_outbox_row()
    {
        var idNumber = IdNumbers.New();
        // Another registration of the same number commits just before this one does, so this one fails on the
        // unique index and must come back as a duplicate with nothing of it saved.
        var race = new CompetingRegistration(Monitoring.DatabasePath, idNumber);
        var options = new DbContextOptionsBuilder<SqliteMonitoringDbContext>()
            .UseSqlite($"Data Source={Monitoring.DatabasePath}")
            .UseApplicationServiceProvider(Monitoring.Services)
            .AddInterceptors(race)
            .Options;
        await using var db = new SqliteMonitoringDbContext(options);

        var outcome = await HouseholdRegistration.RegisterAsync(
            db, new RegisterHouseholdRequest("532623100002", "王明", idNumber), TestData.Actor, TimeProvider.System, Cancellation);

        var duplicate = Assert.IsType<RegistrationOutcome.Duplicate>(outcome);
        Assert.NotNull(race.WinnerCode);
        Assert.Equal(race.WinnerCode, duplicate.Holder.Code);
        Assert.Equal(1, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        Assert.Equal(0, await Monitoring.OutboxRowsMentioningAsync(idNumber));
    }

    [Fact]
    public async Task Row_that_can_never_be_published_is_parked_and_does_not_hold_back_the_rows_after_it()
    {
        var registered = TestData.NewHouseholdRegistered();

        await Monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            db.AddIntegrationEvent(new NotAContract(registered.HouseholdId));
            db.AddIntegrationEvent(registered);
            return await db.SaveChangesAsync(Cancellation);
        });

        // Water takes HouseholdRegistered itself (it is told about no member).
        await Eventually.TrueAsync(async () =>
        {
            using var response = await platform[ServiceNames.Water].Client.GetAsync(
                new Uri($"/api/households/{registered.HouseholdId}", UriKind.Relative), Cancellation);
            return response.StatusCode == HttpStatusCode.OK;
        }, "the event committed after the unpublishable one to arrive");
        OutboxMessage? poison = null;
        // Parked in the same dispatch round that stamps the other row sent, which may end just after delivery.
        await Eventually.TrueAsync(async () =>
        {
            poison = await Monitoring.WithScopeAsync(async services =>
            {
                var db = services.GetRequiredService<MonitoringDbContext>();
                var id = registered.HouseholdId.ToString();
                return (await db.OutboxMessages.AsNoTracking()
                    .Where(m => m.MessageType == typeof(NotAContract).FullName)
                    .ToListAsync(Cancellation)).Single(m => m.Body.Contains(id, StringComparison.Ordinal));
            });
            return poison.ParkedAt is not null;
        }, "the unpublishable row to be parked");
        // Kept (nothing committed is lost), never marked sent.
        Assert.NotNull(poison);
        Assert.Null(poison.SentAt);
    }

    /// <summary>A type outside Xichou.Contracts: the dispatcher cannot publish it.</summary>
    private sealed record NotAContract(Guid HouseholdId);

    [Fact]
    public async Task Registrations_committed_together_refuse_only_the_duplicate_among_them()
    {
        var registrar = Monitoring.Services.GetRequiredService<HouseholdRegistrar>();
        var idNumbers = Enumerable.Range(0, 24).Select(_ => IdNumbers.New()).ToList();
        var repeated = idNumbers[5];
        idNumbers.Add(repeated);

        // Sent at once, so they queue together and the registrar commits them in shared transactions.
        var outcomes = await Task.WhenAll(idNumbers.Select(idNumber => registrar.RegisterAsync(
            new RegisterHouseholdRequest("532623202001", "罗文学", idNumber), TestData.Actor, Cancellation)));

        Assert.Equal(24, outcomes.Count(o => o is RegistrationOutcome.Registered));
        var duplicate = Assert.Single(outcomes.OfType<RegistrationOutcome.Duplicate>());
        var holder = outcomes.OfType<RegistrationOutcome.Registered>().Single(r => r.Household.HeadIdNumber == repeated);
        Assert.Equal(holder.Household.Code, duplicate.Holder.Code);
        foreach (var idNumber in idNumbers.Distinct())
        {
            Assert.Equal(1, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        }
        foreach (var registered in outcomes.OfType<RegistrationOutcome.Registered>())
        {
            Assert.Equal(1, await Monitoring.OutboxRowsAsync<HouseholdRegistered>(registered.Household.Id.ToString()));
        }
    }

    /// <summary>Commits a household with the same ID number just before the intercepted SaveChanges runs.</summary>
    private sealed class CompetingRegistration(string databasePath, string idNumber) : SaveChangesInterceptor
    {
        public string? WinnerCode { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (WinnerCode is null)
            {
                // Its own write gate: the intercepted save already holds the service's gate.
                await using var services = new ServiceCollection()
                    .AddSingleton(new DatabaseWriteGate(serialise: false))
                    .AddSingleton<OutboxSignal>()
                    .BuildServiceProvider();
                var options = new DbContextOptionsBuilder<SqliteMonitoringDbContext>()
                    .UseSqlite($"Data Source={databasePath}")
                    .UseApplicationServiceProvider(services)
                    .Options;
                await using var other = new SqliteMonitoringDbContext(options);
                var winner = Household.Register("532623203001", "赵强", idNumber, DateTimeOffset.UtcNow);
                other.Households.Add(winner);
                await other.SaveChangesAsync(cancellationToken);
                WinnerCode = winner.Code;
            }
            return result;
        }
    }
}
