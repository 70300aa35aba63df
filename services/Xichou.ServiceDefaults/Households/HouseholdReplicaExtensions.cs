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

    /// <summary><c>GET /api/households/{id}</c> and <c>GET /api/households</c> over the department's copy.</summary>
    public static RouteGroupBuilder MapHouseholdReplicaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("Households");
        api.MapGet("/{id:guid}", GetHousehold)
            .WithName("GetKnownHousehold")
            .WithSummary("This department's copy of a registered household (ID number masked).");
        api.MapGet("/", CountHouseholds)
            .WithName("CountKnownHouseholds")
            .WithSummary("How many registered households this department knows, by township.");
        return api;
    }

    private static async Task<Results<Ok<KnownHouseholdView>, NotFound>> GetHousehold(
        Guid id, DepartmentDbContext db, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        return household is null ? TypedResults.NotFound() : TypedResults.Ok(KnownHouseholdView.From(household));
    }

    private static async Task<Ok<HouseholdCounts>> CountHouseholds(DepartmentDbContext db, CancellationToken cancellationToken)
    {
        var byTownship = await db.CountByTownshipAsync(cancellationToken);
        return TypedResults.Ok(new HouseholdCounts(byTownship.Values.Sum(), byTownship));
    }

    public static Task<Dictionary<string, int>> CountByTownshipAsync(this DepartmentDbContext db, CancellationToken cancellationToken = default) =>
        db.Households.AsNoTracking()
            .GroupBy(h => h.TownshipCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}

public sealed record KnownHouseholdView(
    Guid Id, string HouseholdCode, string TownshipCode, string TownshipName, string Village,
    string HeadName, string HeadIdNumber, DateTimeOffset RegisteredAt, DateTimeOffset ReceivedAt)
{
    public static KnownHouseholdView From(KnownHousehold household) => new(
        household.Id, household.HouseholdCode, household.TownshipCode, Townships.NameOf(household.TownshipCode),
        household.Village, household.HeadName, IdNumber.Mask(household.HeadIdNumber), household.RegisteredAt, household.ReceivedAt);
}

public sealed record HouseholdCounts(int Total, IReadOnlyDictionary<string, int> ByTownship);
