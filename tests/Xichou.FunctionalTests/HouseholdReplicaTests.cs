using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.CommandCentre.Feed;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.DepartmentKit.Households;

namespace Xichou.FunctionalTests;

/// <summary>Each of the seven departments keeps its own copy of every registered household, once.</summary>
public class HouseholdReplicaTests(Platform platform)
{
    public static TheoryData<string> Consumers => new(ServiceNames.HouseholdConsumers);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static Uri HouseholdUri(Guid id) => new($"/api/households/{id}", UriKind.Relative);

    [Theory]
    [MemberData(nameof(Consumers))]
    public async Task Household_published_on_the_broker_is_kept_by_the_department_with_its_ID_number_masked_even_in_its_database(string service)
    {
        var host = platform[service];
        var registered = TestData.NewHouseholdRegistered();

        await platform.PublishAsync(registered, Guid.NewGuid());

        var household = await Eventually.GetValueAsync(() => TryGetHouseholdAsync(host, registered.HouseholdId), $"{service} to store the household");
        Assert.Equal(registered.HouseholdCode, household.GetProperty("householdCode").GetString());
        Assert.Equal("莲花塘乡", household.GetProperty("townshipName").GetString());
        Assert.Equal(registered.Village, household.GetProperty("village").GetString());
        Assert.Equal(registered.HeadName, household.GetProperty("headName").GetString());
        Assert.Equal(IdNumber.Mask(registered.HeadIdNumber), household.GetProperty("headIdNumber").GetString());
        Assert.DoesNotContain(registered.HeadIdNumber, household.GetRawText(), StringComparison.Ordinal);
        // Even a publisher that sent the full number (before the kit) leaves none in the copy: the department's full
        // numbers are on the members it is sent alone (HouseholdMembersShared), never on the household.
        Assert.Equal(0, await host.HouseholdsWithIdNumberAsync(registered.HeadIdNumber));
        Assert.Equal(1, await host.CountAsync("SELECT COUNT(*) FROM Households WHERE Id = $id AND HeadIdNumber = $masked",
            ("$id", registered.HouseholdId.ToString().ToUpperInvariant()), ("$masked", IdNumber.Mask(registered.HeadIdNumber))));
    }

    [Theory]
    [MemberData(nameof(Consumers))]
    public async Task Same_message_delivered_twice_is_applied_once(string service)
    {
        var host = platform[service];
        // The command centre takes the same event a second time through its feed queue, into its overview: the copy of the
        // register is what is counted here (the feed's own once-only keeping is the command centre's tests').
        var consumed = new ConsumedMessages(service == ServiceNames.CommandCentre ? FeedRegistration.Queue : null);
        using var observing = host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        var registered = TestData.NewHouseholdRegistered();
        var messageId = Guid.NewGuid();

        await platform.PublishAsync(registered, messageId);
        await Eventually.TrueAsync(() => Task.FromResult(consumed.CompletedCount(messageId) == 1), "the first delivery to be consumed");
        await platform.PublishAsync(registered, messageId);
        // The second delivery really reached the consumer and completed: it was not lost or still queued.
        await Eventually.TrueAsync(() => Task.FromResult(consumed.CompletedCount(messageId) == 2), "the second delivery to be consumed");

        Assert.Equal(0, consumed.FaultedCount(messageId));
        var (households, inboxRows) = await host.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DepartmentDbContext>();
            return (await db.Households.CountAsync(h => h.Id == registered.HouseholdId, Cancellation),
                await db.InboxMessages.CountAsync(m => m.MessageId == messageId && !m.Consumer.StartsWith(FeedRegistration.InboxPrefix), Cancellation));
        });
        Assert.Equal(1, households);
        Assert.Equal(1, inboxRows);
    }

    [Fact]
    public async Task Household_registered_in_monitoring_reaches_all_seven_departments_through_the_outbox()
    {
        var idNumber = IdNumbers.New();
        using var response = await platform.Monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = "532623205005", headName = "陶芳", headIdNumber = idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var id = created.GetProperty("id").GetGuid();

        foreach (var service in ServiceNames.HouseholdConsumers)
        {
            var household = await Eventually.GetValueAsync(() => TryGetHouseholdAsync(platform[service], id), $"{service} to store the household");
            Assert.Equal(created.GetProperty("householdCode").GetString(), household.GetProperty("householdCode").GetString());
            Assert.Equal("董马乡", household.GetProperty("townshipName").GetString());
            Assert.Equal("陶芳", household.GetProperty("headName").GetString());
            Assert.Equal(IdNumber.Mask(idNumber), household.GetProperty("headIdNumber").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Consumers))]
    public async Task Household_the_department_never_heard_of_is_404(string service)
    {
        using var response = await platform[service].Client.GetAsync(HouseholdUri(Guid.NewGuid()), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<JsonElement?> TryGetHouseholdAsync(ServiceHost host, Guid id)
    {
        using var response = await host.Client.GetAsync(HouseholdUri(id), Cancellation);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }
}
