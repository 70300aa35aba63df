using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Monitoring.Application.Pairing;
using Xichou.Monitoring.Model.Support;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>Measure 2 (双绑): cadres at deputy-section level and above, each paired with one household.</summary>
public static class PairingApi
{
    public const int MaxUnpaired = PairingQueries.MaxUnpaired;

    public static IEndpointRouteBuilder MapPairingApi(this IEndpointRouteBuilder app)
    {
        var cadres = app.MapGroup("/api/cadres").WithTags("Pairing");
        cadres.MapPost("/", CreateCadre)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("CreateCadre")
            .WithSummary("Add a cadre (deputy-section level or above) to the pairing list; the poverty office only; audited.");
        cadres.MapGet("/", ListCadres)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListCadres")
            .WithSummary("Cadres and their paired household; county-wide users see all, others the cadres paired inside their jurisdiction.");
        cadres.MapPost("/{id:guid}/pair", PairCadre)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("PairCadre")
            .WithSummary("Pair a cadre with one household (每人挂钩1户): 409 if either is already paired; the poverty office only; audited.");
        app.MapGet("/api/households/unpaired", ListUnpaired)
            .WithTags("Pairing")
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListUnpairedHouseholds")
            .WithSummary("Households within the caller's jurisdiction that no cadre is paired with yet.");
        return app;
    }

    public static async Task<Results<Created<CadreView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateCadre(
        CreateCadreRequest request, ClaimsPrincipal user, PairingHandler handler, CancellationToken cancellationToken) =>
        await handler.CreateAsync(new CreateCadre(request, user), cancellationToken) switch
        {
            PairingOutcome.Done done => TypedResults.Created($"api/cadres/{done.Cadre.Id}", done.Cadre),
            PairingOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            PairingOutcome.Conflict conflict => Conflict(conflict),
            _ => TypedResults.Forbid(),
        };

    public static async Task<Ok<List<CadreView>>> ListCadres(ClaimsPrincipal user, PairingQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CadresAsync(user, cancellationToken));

    public static async Task<Results<Ok<CadreView>, NotFound, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> PairCadre(
        Guid id, PairCadreRequest request, ClaimsPrincipal user, PairingHandler handler, CancellationToken cancellationToken) =>
        await handler.PairAsync(new PairCadre(id, request.HouseholdId, user), cancellationToken) switch
        {
            PairingOutcome.Done done => TypedResults.Ok(done.Cadre),
            PairingOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            PairingOutcome.Conflict conflict => Conflict(conflict),
            PairingOutcome.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Ok<UnpairedPage>> ListUnpaired(string? village, ClaimsPrincipal user, PairingQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.UnpairedAsync(village, user, cancellationToken));

    private static ProblemHttpResult Conflict(PairingOutcome.Conflict conflict) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title);
}
