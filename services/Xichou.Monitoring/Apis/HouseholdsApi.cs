using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Monitoring.Apis;

public static class HouseholdsApi
{
    public static RouteGroupBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("Households");
        api.MapPost("/", RegisterHousehold)
            .WithName("RegisterHousehold")
            .WithSummary("Register a household on the monitoring register (登记边缘易致贫户) and tell every department.");
        api.MapGet("/{id:guid}", GetHousehold)
            .WithName("GetHousehold")
            .WithSummary("A household on the register (ID number masked).");
        api.MapGet("/", CountHouseholds)
            .WithName("CountHouseholds")
            .WithSummary("How many households are on the register, by township.");
        return api;
    }

    public static async Task<Results<Created<HouseholdView>, ValidationProblem, ProblemHttpResult>> RegisterHousehold(
        RegisterHouseholdRequest request, HouseholdRegistrar registrar, CancellationToken cancellationToken)
    {
        var outcome = await registrar.RegisterAsync(request, cancellationToken);
        return outcome switch
        {
            RegistrationOutcome.Registered registered => TypedResults.Created(
                $"api/households/{registered.Household.Id}", HouseholdView.From(registered.Household)),
            RegistrationOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            RegistrationOutcome.Duplicate duplicate => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: Bilingual.Message("该身份证号已登记", "This ID number is already registered."),
                detail: Bilingual.Message($"已在农户 {duplicate.ExistingHouseholdCode} 中登记", $"It belongs to household {duplicate.ExistingHouseholdCode}."),
                extensions: new Dictionary<string, object?> { ["householdCode"] = duplicate.ExistingHouseholdCode }),
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
        };
    }

    public static async Task<Results<Ok<HouseholdView>, NotFound>> GetHousehold(Guid id, MonitoringDbContext db, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        return household is null ? TypedResults.NotFound() : TypedResults.Ok(HouseholdView.From(household));
    }

    public static async Task<Ok<RegisterCounts>> CountHouseholds(MonitoringDbContext db, CancellationToken cancellationToken)
    {
        var byTownship = await db.CountByTownshipAsync(cancellationToken);
        return TypedResults.Ok(new RegisterCounts(byTownship.Values.Sum(), byTownship));
    }
}

public sealed record HouseholdView(
    Guid Id, string HouseholdCode, string TownshipCode, string TownshipName, string Village,
    string HeadName, string HeadIdNumber, DateTimeOffset RegisteredAt)
{
    public static HouseholdView From(Household household) => new(
        household.Id, household.Code, household.TownshipCode, Townships.NameOf(household.TownshipCode), household.Village,
        household.HeadName, IdNumber.Mask(household.HeadIdNumber), household.RegisteredAt);
}

public sealed record RegisterCounts(int Total, IReadOnlyDictionary<string, int> ByTownship);
