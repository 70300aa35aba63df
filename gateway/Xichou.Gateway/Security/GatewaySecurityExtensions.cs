using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Xichou.Contracts;
using Xichou.Gateway.Identity;
using Xichou.Gateway.Infrastructure;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Gateway.Security;

public static class GatewaySecurityExtensions
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string ForbiddenPath = "/forbidden";

    /// <summary>
    /// ASP.NET Core Identity for users and passwords; a browser signs in with a cookie, an API client with the bearer
    /// token from <c>POST /auth/token</c>; every endpoint names a policy and anything unnamed needs a signed-in user.
    /// </summary>
    public static IHostApplicationBuilder AddGatewaySecurity(this IHostApplicationBuilder builder)
    {
        var authSection = builder.Configuration.GetSection(AuthOptions.SectionName);
        builder.Services.Configure<AuthOptions>(authSection);
        var keys = GatewayKeys.Load(authSection.Get<AuthOptions>() ?? new AuthOptions(), builder.Environment);
        builder.Services.AddSingleton(keys);

        builder.Services.AddIdentityCore<XichouUser>(XichouIdentityOptions.Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GatewayDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<XichouClaimsFactory>()
            .AddErrorDescriber<BilingualIdentityErrors>();
        builder.Services.Configure<InitialAdminOptions>(builder.Configuration.GetSection(InitialAdminOptions.SectionName));
        builder.Services.AddScoped<Credentials>();
        builder.Services.Configure<LoginRateLimitOptions>(builder.Configuration.GetSection(LoginRateLimitOptions.SectionName));
        builder.Services.AddSingleton<AccountThrottle>();
        builder.AddTrustedProxies();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddSingleton<ApiTokens>();
        builder.Services.AddSingleton<SecurityStamps>();
        // Outside Development every cookie is Secure, whatever scheme the request arrived with: behind a TLS proxy
        // the gateway itself sees http.
        var cookiePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = false;
        });

        builder.Services.AddAuthentication(GatewayPolicies.CookieOrBearer)
            .AddPolicyScheme(GatewayPolicies.CookieOrBearer, "Cookie or bearer token", scheme =>
                scheme.ForwardDefaultSelector = context => HasBearerToken(context.Request)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = ServiceTokens.ValidationParameters(keys.PublicKey, AuthOptions.ApiAudience);
                jwt.Events = new JwtBearerEvents
                {
                    // A token outlives nothing that happened to its user since: disabled, new password, new role or place.
                    OnTokenValidated = async context =>
                    {
                        var stamps = context.HttpContext.RequestServices.GetRequiredService<SecurityStamps>();
                        if (!await stamps.TokenIsCurrentAsync(context.Principal!))
                        {
                            context.Fail("The account has changed since this token was issued; request a new one.");
                        }
                    },
                };
            })
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "Xichou.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = cookiePolicy;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = LogoutPath;
            cookie.AccessDeniedPath = ForbiddenPath;
            // Identity's own check of the security stamp runs every 30 minutes; this one at every request (cached briefly),
            // as for API tokens. The redirects change too: an API caller gets the status.
            var identityCheck = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                await identityCheck(context);
                if (context.Principal is { } principal
                    && !await context.HttpContext.RequestServices.GetRequiredService<SecurityStamps>().CookieIsCurrentAsync(principal))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "Xichou.Gateway.Antiforgery";
            antiforgery.Cookie.SecurePolicy = cookiePolicy;
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(GatewayPolicies.ManageUsers, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            // The poverty office sees the accounts and their history; only admin changes them (separation of duties).
            .AddPolicy(GatewayPolicies.ReadUsers, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.PovertyOffice))
            .AddPolicy(GatewayPolicies.ReadAudit, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.PovertyOffice));

        builder.AddLoginRateLimit();
        return builder;
    }

    /// <summary>
    /// Login form posts and token requests, per client address: a fixed window of <c>Auth:LoginRateLimit:PermitsPerMinute</c>
    /// (default 10) a minute, then 429 with a ProblemDetails body and Retry-After.
    /// </summary>
    private static void AddLoginRateLimit(this IHostApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetSection(LoginRateLimitOptions.SectionName).Get<LoginRateLimitOptions>()?.PermitsPerMinute
            ?? new LoginRateLimitOptions().PermitsPerMinute;
        var window = TimeSpan.FromMinutes(1);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(GatewayPolicies.LoginRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    $"attempts:{context.Connection.RemoteIpAddress}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                // Showing the login page is not an attempt.
                : RateLimitPartition.GetNoLimiter("page"));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await WriteTooManyAttemptsAsync(context);
            };
        });
    }

    public static readonly string TooManyAttemptsTitle = Bilingual.Message("登录尝试过于频繁，请稍后再试", "Too many sign-in attempts; try again later.");

    /// <summary>The 429 of both limits, per address and per account: the same problem, so neither tells more than the other.</summary>
    public static Task WriteTooManyAttemptsAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (!context.Response.Headers.ContainsKey("Retry-After"))
        {
            context.Response.Headers.RetryAfter = "60";
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = TooManyAttemptsTitle,
            },
        }).AsTask();
    }

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A request a program makes, which should get a status rather than a login page: <c>/auth/…</c>, a service's API
    /// (<c>/{service}/api…</c>, <c>/{service}/openapi…</c>), or anything that does not ask for HTML.
    /// </summary>
    public static bool IsApiRequest(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (request.Path.StartsWithSegments("/auth"))
        {
            return true;
        }
        var segments = path.Split('/', 4, StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && ServiceNames.All.Contains(segments[0])
            && (segments[1] == "api" || segments[1].StartsWith("openapi", StringComparison.Ordinal)))
        {
            return true;
        }
        var accept = request.GetTypedHeaders().Accept;
        return !accept.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }
}
