using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Xichou.Gateway.Identity;
using Xichou.Gateway.Infrastructure;
using Xichou.Gateway.Security;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Gateway.Apis;

public static class AuthApi
{
    /// <summary>The one answer to every failed token request, so it cannot tell a wrong user name from a wrong password or a locked account.</summary>
    public static ProblemDetails InvalidCredentials() => new()
    {
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        Title = Bilingual.Message("用户名或密码错误", "Invalid user name or password"),
        Status = StatusCodes.Status401Unauthorized,
    };

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/token", IssueToken)
            .AllowAnonymous()
            .RequireRateLimiting(GatewayPolicies.LoginRateLimit)
            .WithName("IssueToken")
            .WithSummary("A bearer token for an API client, from its user name and password.");
        auth.MapGet("/users", ListUsers)
            .RequireAuthorization(GatewayPolicies.ReadUsers)
            .WithName("ListUsers")
            .WithSummary("Every user with their role, township or village, lockout and whether disabled (admin and the poverty office).");
        auth.MapPost("/users", CreateUser)
            .RequireAuthorization(GatewayPolicies.ManageUsers)
            .WithName("CreateUser")
            .WithSummary("Create a user with one role; township-staff need a township, village monitors a village (admin only).");
        auth.MapGet("/audit", SearchAuditLog)
            .RequireAuthorization(GatewayPolicies.ReadAudit)
            .WithName("SearchGatewayAuditLog")
            .WithSummary("Search the gateway's audit log (审计日志) of user administration by user, action and time; newest first (admin and the poverty office).");
        var account = auth.MapGroup("/users/{userName}").RequireAuthorization(GatewayPolicies.ManageUsers);
        account.MapPost("/disable", (string userName, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
                Answer(administration.DisableAsync(userName, Actor.Of(context.User), cancellationToken)))
            .WithName("DisableUser")
            .WithSummary("Disable an account: it can no longer sign in, and its sessions and API tokens stop at the next request (admin only).");
        account.MapPost("/enable", (string userName, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
                Answer(administration.EnableAsync(userName, Actor.Of(context.User), cancellationToken)))
            .WithName("EnableUser")
            .WithSummary("Enable a disabled account again (admin only).");
        account.MapPost("/unlock", (string userName, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
                Answer(administration.UnlockAsync(userName, Actor.Of(context.User), cancellationToken)))
            .WithName("UnlockUser")
            .WithSummary("End a lockout after wrong passwords before its 15 minutes are up (admin only).");
        account.MapPost("/password", ResetPassword)
            .WithName("ResetUserPassword")
            .WithSummary("Set a new password for a user; their sessions and API tokens stop at the next request (admin only).");
        account.MapPut("/role", ChangeRole)
            .WithName("ChangeUserRole")
            .WithSummary("Change a user's role and the township or village it needs; their sessions and tokens stop at the next request (admin only).");

        // A form post from the portal; signing out an already signed-out browser changes nothing, so no login is needed.
        app.MapPost(GatewaySecurityExtensions.LogoutPath, Logout)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, JsonHttpResult<ProblemDetails>, ProblemHttpResult, EmptyHttpResult>> IssueToken(
        HttpContext context, Credentials credentials, SignInManager<XichouUser> signIn, ApiTokens tokens, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<TokenRequest>(context.Request, cancellationToken);
        if (body.UnsupportedMediaType is { } unsupported)
        {
            return unsupported;
        }
        if (body.Errors is { } malformed)
        {
            return TypedResults.ValidationProblem(malformed, title: Bilingual.ValidationTitle);
        }
        var request = body.Value!;
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors.Add("username", "用户名不能为空", "username is required.");
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("password", "密码不能为空", "password is required.");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }

        var (outcome, user) = await credentials.AttemptAsync(request.UserName!.Trim(), request.Password!);
        if (outcome == SignInCheck.Throttled)
        {
            await GatewaySecurityExtensions.WriteTooManyAttemptsAsync(context);
            return TypedResults.Empty;
        }
        if (user is null)
        {
            // Written as plain JSON, not through the ProblemDetails service, which would add a per-request traceId.
            return TypedResults.Json(InvalidCredentials(), contentType: "application/problem+json", statusCode: StatusCodes.Status401Unauthorized);
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new TokenResponse(tokens.ForApiClient(principal), "Bearer", (int)tokens.ApiTokenLifetime.TotalSeconds));
    }

    public static async Task<Ok<IReadOnlyList<UserSummary>>> ListUsers(UserAdministration administration, CancellationToken cancellationToken) =>
        TypedResults.Ok(await administration.ListAsync(cancellationToken));

    public static async Task<Results<Created<UserSummary>, ValidationProblem, ProblemHttpResult>> CreateUser(
        HttpContext context, UserAdministration administration, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<NewUser>(context.Request, cancellationToken);
        if (body.UnsupportedMediaType is { } unsupported)
        {
            return unsupported;
        }
        if (body.Errors is { } malformed)
        {
            return TypedResults.ValidationProblem(malformed, title: Bilingual.ValidationTitle);
        }
        var outcome = await administration.CreateAsync(body.Value!, Actor.Of(context.User), cancellationToken);
        switch (outcome)
        {
            case CreateUserOutcome.Created created:
                var summary = (await administration.ListAsync(cancellationToken)).Single(u => u.UserName == created.User.UserName);
                return TypedResults.Created($"/auth/users/{Uri.EscapeDataString(summary.UserName)}", summary);
            case CreateUserOutcome.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
            case CreateUserOutcome.Duplicate duplicate:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: Bilingual.Message("用户名已存在", "The user name is already taken."),
                    detail: Bilingual.Message($"已有用户 {duplicate.UserName}", $"A user named '{duplicate.UserName}' exists."));
            default:
                throw new InvalidOperationException($"Unhandled outcome {outcome}.");
        }
    }

    public static Task<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult>> ResetPassword(
        string userName, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
        ChangeAsync<PasswordReset>(context, body => administration.ResetPasswordAsync(userName, body, Actor.Of(context.User), cancellationToken), cancellationToken);

    public static Task<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult>> ChangeRole(
        string userName, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
        ChangeAsync<RoleChange>(context, body => administration.ChangeRoleAsync(userName, body, Actor.Of(context.User), cancellationToken), cancellationToken);

    /// <summary>An account change that carries a JSON body: a body that cannot be read is answered before the change runs.</summary>
    private static async Task<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult>> ChangeAsync<TBody>(
        HttpContext context, Func<TBody, Task<AccountOutcome>> change, CancellationToken cancellationToken) where TBody : class
    {
        var body = await JsonBody.ReadAsync<TBody>(context.Request, cancellationToken);
        if (body.UnsupportedMediaType is { } unsupported)
        {
            return unsupported;
        }
        if (body.Errors is { } malformed)
        {
            return TypedResults.ValidationProblem(malformed, title: Bilingual.ValidationTitle);
        }
        return await Answer(change(body.Value!));
    }

    private static async Task<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult>> Answer(Task<AccountOutcome> change) =>
        await change switch
        {
            AccountOutcome.Done done => TypedResults.Ok(done.User),
            AccountOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            AccountOutcome.NotFound notFound => TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: Bilingual.Message("用户不存在", "No such user."),
                detail: Bilingual.Message($"没有用户 {notFound.UserName}", $"There is no user named '{notFound.UserName}'.")),
            AccountOutcome.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title),
            var other => throw new InvalidOperationException($"Unhandled outcome {other}."),
        };

    /// <summary>The same search, parameters and answer as a service's <c>GET /api/audit</c>, over the gateway's own log.</summary>
    public static Task<Results<Ok<AuditLogPage>, ValidationProblem>> SearchAuditLog(
        [AsParameters] GatewayAuditQuery query, GatewayDbContext db, CancellationToken cancellationToken) =>
        AuditApi.SearchAsync(query.ToAuditQuery(), db.AuditLog, cancellationToken);

    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Logout(HttpContext context, IAntiforgery antiforgery, SignInManager<XichouUser> signIn)
    {
        // The antiforgery middleware only records its verdict; an endpoint that binds no form field must read it itself.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: Bilingual.Message("表单已失效，请刷新页面后重试", "The form is missing its antiforgery token; reload the page and try again."));
        }
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(GatewaySecurityExtensions.LoginPath);
    }
}

/// <summary>The body of <c>POST /auth/token</c>.</summary>
public sealed record TokenRequest(
    [property: JsonPropertyName("username")] string? UserName,
    [property: JsonPropertyName("password")] string? Password);

/// <summary>The answer of <c>POST /auth/token</c>, named as OAuth 2.0 names it (RFC 6749 §5.1).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>
/// The query of <c>GET /auth/audit</c>: a service's <see cref="AuditQuery"/> without the household, which no line of
/// the gateway's log names.
/// </summary>
public sealed record GatewayAuditQuery(string? UserName, string? Action, DateTimeOffset? From, DateTimeOffset? To, int? Limit)
{
    public AuditQuery ToAuditQuery() => new(UserName, HouseholdId: null, Action, From, To, Limit);
}
