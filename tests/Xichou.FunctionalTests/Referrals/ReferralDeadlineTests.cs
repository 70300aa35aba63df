using MassTransit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Housing.Infrastructure;

namespace Xichou.FunctionalTests.Referrals;

/// <summary>
/// A referral nobody delivers goes to the department's head the day after it is due, then to the command centre, by the
/// receiving department's own sweep against a clock the test moves; two replicas of the department on one database and
/// one broker escalate it once. Its own broker and housing hosts, so moving time touches no other test.
/// </summary>
public class ReferralDeadlineTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_referral_past_due_escalates_to_the_head_then_the_command_centre_once_with_two_replicas()
    {
        await using var broker = await RabbitMqNode.StartAsync();
        var clock = new TestClock(DateTimeOffset.UtcNow);
        void Replica(Microsoft.AspNetCore.Hosting.IWebHostBuilder web)
        {
            web.UseSetting(ReferralDeadlineSweep<HousingDbContext>.SweepSetting, "00:00:00.2");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
        await using var first = await ServiceHost.StartAsync<HousingDbContext>(ServiceNames.Housing, broker.ConnectionString, Replica);
        await using var second = await ServiceHost.StartAsync<HousingDbContext>(ServiceNames.Housing, broker.ConnectionString, Replica,
            sharedDataDirectory: first.DataDirectory);

        var registered = TestData.NewHouseholdRegistered();
        var bus = first.Services.GetRequiredService<IBus>();
        // Housing is told about the head: it hears of a registration from the members the register sends it.
        await (await bus.GetSendEndpoint(new Uri($"queue:{Departments.Housing.MembersQueue}")))
            .Send(TestData.MembersSharedFor(registered, Departments.Housing), Cancellation);
        var today = Beijing.DateOf(clock.GetUtcNow());
        var dueOn = WorkingCalendar.China.AddWorkingDays(today, 2);
        var referralId = Guid.CreateVersion7();
        await bus.Publish(new ReferralRequested
        {
            Referral = new ReferralSnapshot
            {
                ReferralId = referralId, HouseholdId = registered.HouseholdId, HouseholdCode = registered.HouseholdCode,
                TownshipCode = registered.TownshipCode, Village = registered.Village, VillageCode = registered.VillageCode,
                FromService = ServiceNames.Monitoring, ToDepartment = ServiceNames.Housing, Request = "房屋鉴定为D级，请住建局改造",
                RequestedBy = "village-sanguang", RequestedAt = clock.GetUtcNow(), DueOn = dueOn, Status = "requested", Escalation = "none",
            },
            By = "village-sanguang",
            OccurredAt = clock.GetUtcNow(),
        }, Cancellation);
        var id = ("$id", (object)referralId.ToString().ToUpperInvariant());
        await Eventually.TrueAsync(async () => await first.CountAsync("SELECT COUNT(*) FROM Referrals WHERE Id = $id", id) == 1, "housing to receive the referral");

        // On its due day, several sweeps of both replicas later: nobody escalated it.
        clock.Advance(Beijing.StartOf(dueOn).AddHours(20) - clock.GetUtcNow());
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Equal("None", await first.ScalarAsync("SELECT Escalation FROM Referrals WHERE Id = $id", id));

        // The day after: both replicas' sweeps race, on their timers and called at once here; one UPDATE wins.
        clock.Advance(TimeSpan.FromHours(5));
        var moved = await Task.WhenAll(SweepAsync(first), SweepAsync(second), SweepAsync(first), SweepAsync(second));
        await Eventually.TrueAsync(async () => (string?)await first.ScalarAsync("SELECT Escalation FROM Referrals WHERE Id = $id", id) == "DepartmentHead",
            "the sweep to take the referral to the department's head");
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.InRange(moved.Sum(), 0, 1);
        Assert.Equal(1, await EscalationsAsync(first, referralId));

        // Five more working days, and the command centre.
        clock.Advance(Beijing.StartOf(WorkingCalendar.China.AddWorkingDays(dueOn, 5).AddDays(1)).AddHours(1) - clock.GetUtcNow());
        await Task.WhenAll(SweepAsync(first), SweepAsync(second));
        await Eventually.TrueAsync(async () => (string?)await first.ScalarAsync("SELECT Escalation FROM Referrals WHERE Id = $id", id) == "CommandCentre",
            "the sweep to take the referral to the command centre");
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Equal(2, await EscalationsAsync(first, referralId));
        Assert.Equal(1, await first.CountAsync(
            "SELECT COUNT(*) FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $id) > 0 AND instr(Body, '\"escalation\":\"command-centre\"') > 0",
            ("$type", typeof(ReferralEscalated).FullName!), ("$id", referralId.ToString())));
    }

    private static Task<int> SweepAsync(ServiceHost host) =>
        host.Services.GetRequiredService<ReferralDeadlineSweep<HousingDbContext>>().EscalateDueAsync(Cancellation);

    private static Task<long> EscalationsAsync(ServiceHost host, Guid referralId) => host.CountAsync(
        "SELECT COUNT(*) FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $id) > 0",
        ("$type", typeof(ReferralEscalated).FullName!), ("$id", referralId.ToString()));
}
