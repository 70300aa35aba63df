using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Data;

namespace Xichou.ServiceDefaults.Households;

public static class HouseholdReplicaExtensions
{
    /// <summary>Batch limits for the household consumer: big enough to amortise a commit, short enough to keep latency low.</summary>
    public const int BatchMessageLimit = 100;

    /// <summary>
    /// Registers a department's database (see <see cref="DatabaseExtensions.AddServiceDatabase"/>) and makes
    /// it available as <see cref="DepartmentDbContext"/> to the shared household endpoints and pages.
    /// </summary>
    public static IHostApplicationBuilder AddDepartmentDatabase<TContext, TSqliteContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string serviceName)
        where TContext : DepartmentDbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
    {
        builder.AddServiceDatabase<TContext, TSqliteContext, TSqlServerContext>(serviceName);
        builder.Services.AddScoped<DepartmentDbContext>(services => services.GetRequiredService<TContext>());
        return builder;
    }

    /// <summary>
    /// Adds the consumer that keeps <typeparamref name="TContext"/>'s copy of the register, on the
    /// service's own queue <c>{service}-household-registered</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddHouseholdReplica<TContext>(this IBusRegistrationConfigurator bus, string serviceName)
        where TContext : DepartmentDbContext
    {
        bus.AddConsumer<HouseholdRegisteredConsumer<TContext>>(consumer => consumer.Options<BatchOptions>(batch => batch
                .SetMessageLimit(BatchMessageLimit)
                .SetTimeLimit(TimeSpan.FromMilliseconds(25))
                .SetTimeLimitStart(BatchTimeLimitStart.FromFirst)
                .SetConcurrencyLimit(2)))
            .Endpoint(endpoint => endpoint.Name = $"{serviceName}-household-registered");
        return bus;
    }
}
