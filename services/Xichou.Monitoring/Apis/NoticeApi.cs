using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Monitoring.Application.Notices;
using Xichou.Monitoring.Model.Analysis;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

public static class NoticeApi
{
    public static RouteHandlerBuilder MapNoticeApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/notice", GetNotice)
            .WithTags("Notice")
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetPublicNotice")
            .WithSummary("公示: a village's households entering or leaving monitoring in a month (?village=&month=yyyy-MM), showing no ID number, phone, bank account or health state.");

    public static async Task<Results<Ok<PublicNotice>, NotFound, ValidationProblem>> GetNotice(
        string? village, string? month, ClaimsPrincipal user, PublicNoticeReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(new NoticeQuery(village, month), user, cancellationToken) switch
        {
            NoticeOutcome.Found found => TypedResults.Ok(found.Notice),
            NoticeOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            _ => TypedResults.NotFound(),
        };
}
