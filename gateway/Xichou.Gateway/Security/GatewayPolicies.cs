namespace Xichou.Gateway.Security;

/// <summary>The gateway's own authorization policies, beside <c>Policies.SignedIn</c> from the service defaults.</summary>
public static class GatewayPolicies
{
    /// <summary>Creating and changing users: the admin role only.</summary>
    public const string ManageUsers = "users:manage";

    /// <summary>Seeing the users, their roles, places, lockouts: admin and the poverty office.</summary>
    public const string ReadUsers = "users:read";

    /// <summary>The gateway's own audit log (who created or changed which user): admin and the poverty office.</summary>
    public const string ReadAudit = "gateway-audit:read";

    /// <summary>The rate limit shared by the login form and <c>POST /auth/token</c>.</summary>
    public const string LoginRateLimit = "login";

    /// <summary>The authentication scheme that picks the bearer token when one is sent, else the cookie.</summary>
    public const string CookieOrBearer = "cookie-or-bearer";
}
