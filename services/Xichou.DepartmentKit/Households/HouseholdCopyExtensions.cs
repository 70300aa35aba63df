using MassTransit;
using Xichou.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xichou.ServiceDefaults.Data;

namespace Xichou.DepartmentKit.Households;

public static class HouseholdCopyExtensions
{
    /// <summary>Batch limits for the household consumers: big enough to amortise a commit, short enough to keep latency low.</summary>
    public const int BatchMessageLimit = 100;

    /// <summary>
    /// Members messages in one batch: each carries up to 200 households (a bulk import's saves fill them), so 25 is at most
    /// 5,000 households a commit; a registration's message carries a few, so everyday batches stay as they were.
    /// </summary>
    public const int MembersBatchMessageLimit = 25;

    /// <summary>
    /// Registers a department's database (see <see cref="DatabaseExtensions.AddServiceDatabase"/>) and makes it available
    /// as <see cref="DepartmentDbContext"/> to the kit's endpoints and pages.
    /// </summary>
    public static IHostApplicationBuilder AddDepartmentDatabase<TContext, TSqliteContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string serviceName)
        where TContext : DepartmentDbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
    {
        builder.AddServiceDatabase<TContext, TSqliteContext, TSqlServerContext>(serviceName);
        builder.Services.AddScoped<DepartmentDbContext>(services => services.GetRequiredService<TContext>());
        builder.Services.AddSingleton<HouseholdCopyGate>();
        return builder;
    }

    /// <summary>
    /// The consumers that keep <typeparamref name="TContext"/>'s copy of the register: details and status
    /// (<c>{service}-household-changes</c>), and what is sent to this department alone, its members and resync snapshots
    /// (<c>{service}-household-members</c>, batched). A department told about members hears of a registration from its
    /// first members message, which carries the household too; only one told about none (water, the command centre) takes
    /// <see cref="HouseholdRegistered"/> (<c>{service}-household-registered</c>, batched): each hears of a household once.
    /// </summary>
    public static IBusRegistrationConfigurator AddHouseholdCopy<TContext>(this IBusRegistrationConfigurator bus, string serviceName)
        where TContext : DepartmentDbContext
    {
        if (Contracts.Departments.ByKey(serviceName).MemberShare.IsEmpty)
        {
            bus.AddConsumer<HouseholdRegisteredConsumer<TContext>>(consumer => consumer.Options<BatchOptions>(Batched))
                .Endpoint(endpoint => endpoint.Name = $"{serviceName}-household-registered");
        }
        bus.AddConsumer<HouseholdDetailsChangedConsumer<TContext>>().Endpoint(endpoint => endpoint.Name = $"{serviceName}-household-changes");
        bus.AddConsumer<HouseholdStatusChangedConsumer<TContext>>().Endpoint(endpoint => endpoint.Name = $"{serviceName}-household-changes");
        // A members message carries up to HouseholdMembersShared.MaxHouseholds households: a batch of them is capped so one
        // commit holds at most 5,000 households, not 100 × 200 (after a 100,000-household import one commit held 20,000, and
        // the eight services in one benchmark process peaked at 3.4 GB).
        bus.AddConsumer<HouseholdMembersSharedConsumer<TContext>>(consumer => consumer.Options<BatchOptions>(batch =>
            {
                Batched(batch);
                batch.SetMessageLimit(MembersBatchMessageLimit);
            }))
            .Endpoint(endpoint => endpoint.Name = MembersQueue(serviceName));
        bus.AddConsumer<HouseholdSnapshotConsumer<TContext>>(consumer => consumer.Options<BatchOptions>(Batched))
            .Endpoint(endpoint => endpoint.Name = MembersQueue(serviceName));
        return bus;
    }

    /// <summary>The queue the register sends this department's members and snapshots to (never published to all).</summary>
    private static string MembersQueue(string serviceName) => Contracts.Departments.ByKey(serviceName).MembersQueue;

    private static void Batched(BatchOptions batch) => batch
        .SetMessageLimit(BatchMessageLimit)
        .SetTimeLimit(TimeSpan.FromMilliseconds(25))
        .SetTimeLimitStart(BatchTimeLimitStart.FromFirst)
        .SetConcurrencyLimit(2);
}
