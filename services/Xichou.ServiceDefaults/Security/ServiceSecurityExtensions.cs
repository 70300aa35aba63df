using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Xichou.ServiceDefaults.Security;

/// <summary>The service's own name and what a caller may do in it, for handlers and pages.</summary>
public sealed class ServiceSecurity(string serviceName)
{
    public string ServiceName { get; } = serviceName;

    public Jurisdiction JurisdictionOf(ClaimsPrincipal user) => Jurisdiction.Of(user, ServiceName);

    public bool CanRead(ClaimsPrincipal user) => ServiceAccess.ReadersOf(ServiceName).Any(user.IsInRole);

    public bool CanWrite(ClaimsPrincipal user) => ServiceAccess.WritersOf(ServiceName).Any(user.IsInRole);

    public bool CanReveal(ClaimsPrincipal user) => ServiceAccess.RevealersOf(ServiceName).Any(user.IsInRole);

    /// <summary>
    /// County leaders read everything with names masked too; a leader who also holds a working role here sees names
    /// as that role does.
    /// </summary>
    public bool MasksNames(ClaimsPrincipal user) =>
        user.IsInRole(Roles.CountyLeader)
        && !ServiceAccess.ReadersOf(ServiceName).Any(role => role != Roles.CountyLeader && user.IsInRole(role));

    /// <summary>A head of household's name as this user may see it.</summary>
    public string NameFor(ClaimsPrincipal user, string name) => MasksNames(user) ? PersonalData.MaskName(name) : name;
}

public static class ServiceSecurityExtensions
{
    /// <summary>
    /// Every request must carry a token the gateway signed for this service (audience = service name); without one it
    /// is 401, also when it comes straight to the service's port. Endpoints then name a policy from <see cref="Policies"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceSecurity(this IHostApplicationBuilder builder, string serviceName)
    {
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var publicKey = options.PublicKey;
        if (string.IsNullOrWhiteSpace(publicKey))
        {
            if (!builder.Environment.IsDevelopment())
            {
                throw new InvalidOperationException("Auth:PublicKey is not set: the service could not check any caller's token.");
            }
            // Run alone in Development without the app host: start, but accept no token (every call is 401).
            publicKey = ServiceTokens.NewKeyPair().PublicKey;
        }
        var key = ServiceTokens.ImportKey(publicKey);

        builder.Services.AddSingleton(new ServiceSecurity(serviceName));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = ServiceTokens.ValidationParameters(key, serviceName);
            });
        builder.Services.AddAuthorizationBuilder()
            // Anything that forgets to name a policy still needs a valid token.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.ReadHouseholds, policy => RequireAnyRole(policy, ServiceAccess.ReadersOf(serviceName)))
            .AddPolicy(Policies.WriteHouseholds, policy => RequireAnyRole(policy, ServiceAccess.WritersOf(serviceName)))
            .AddPolicy(Policies.RevealPersonalData, policy => RequireAnyRole(policy, ServiceAccess.RevealersOf(serviceName)))
            .AddPolicy(Policies.ReadAudit, policy => RequireAnyRole(policy, ServiceAccess.AuditorsOf(serviceName)))
            .AddPolicy(Policies.OperateMessaging, policy => RequireAnyRole(policy, ServiceAccess.MessagingOperatorsOf(serviceName)))
            .AddPolicy(Policies.ReadReferrals, policy => RequireAnyRole(policy, ServiceAccess.ReadersOf(serviceName)))
            .AddPolicy(Policies.SendReferrals, policy => RequireAnyRole(policy, ServiceAccess.ReferralSendersOf(serviceName)))
            .AddPolicy(Policies.ActOnReferrals, policy => RequireAnyRole(policy, ServiceAccess.ReferralActorsOf(serviceName)))
            .AddPolicy(Policies.ReadReferredHouseholds, policy => RequireAnyRole(policy,
                [.. ServiceAccess.ReadersOf(serviceName), .. ServiceAccess.ReferralReadersOf(serviceName)]));
        return builder;
    }

    private static void RequireAnyRole(AuthorizationPolicyBuilder policy, IReadOnlyList<string> roles)
    {
        policy.RequireAuthenticatedUser();
        if (roles.Count == 0)
        {
            // No role may do this here (writes in the read-only command centre).
            policy.RequireAssertion(_ => false);
        }
        else
        {
            policy.RequireRole(roles);
        }
    }
}
