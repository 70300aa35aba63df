using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RabbitMQ.Client.Exceptions;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.ServiceDefaults.Messaging.DeadLetters;

public static class DeadLettersApi
{
    /// <summary>
    /// <c>GET /api/operations/dead-letters</c> and <c>POST /api/operations/dead-letters/{messageId}/replay</c>: the messages
    /// this service's consumers gave up on, for the poverty office and admin.
    /// </summary>
    public static RouteGroupBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/operations/dead-letters").WithTags("Operations").RequireAuthorization(Policies.OperateMessaging);
        api.MapGet("/", ListDeadLetters)
            .WithName("ListDeadLetters")
            .WithSummary("The messages in this service's error queues (死信): type, id, time, exception; never the payload.");
        api.MapPost("/{messageId:guid}/replay", ReplayDeadLetter)
            .WithName("ReplayDeadLetter")
            .WithSummary("Send a message from an error queue back to the queue it failed on; audited.");
        return api;
    }

    public static async Task<Results<Ok<DeadLetterList>, ValidationProblem, ProblemHttpResult>> ListDeadLetters(
        int? limit, DeadLetterDesk desk, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > DeadLetterDesk.MaxLimit)
        {
            var errors = new ValidationErrors();
            errors.Add("limit", $"条数应在1到{DeadLetterDesk.MaxLimit}之间", $"The limit is between 1 and {DeadLetterDesk.MaxLimit}.");
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        try
        {
            return TypedResults.Ok(await desk.ListAsync(limit ?? DeadLetterDesk.DefaultLimit, cancellationToken));
        }
        catch (BrokerUnreachableException)
        {
            return BrokerUnreachable();
        }
    }

    public static async Task<Results<Ok<DeadLetterReplayed>, ProblemHttpResult>> ReplayDeadLetter(
        Guid messageId, ClaimsPrincipal user, DeadLetterDesk desk, ServiceDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            return await desk.ReplayAsync(messageId, Actor.Of(user), db, cancellationToken) is { } replayed
                ? TypedResults.Ok(replayed)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                    title: Bilingual.Message("错误队列中没有这条消息（可能已重放）", $"No error queue of {desk.ServiceName} holds message {messageId} (replayed already?)."));
        }
        catch (BrokerUnreachableException)
        {
            return BrokerUnreachable();
        }
    }

    private static ProblemHttpResult BrokerUnreachable() => TypedResults.Problem(
        Bilingual.Message("消息代理暂时无法连接，请稍后再试", "The message broker cannot be reached; try again later."),
        statusCode: StatusCodes.Status503ServiceUnavailable);
}
