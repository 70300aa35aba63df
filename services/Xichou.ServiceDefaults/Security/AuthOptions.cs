namespace Xichou.ServiceDefaults.Security;

/// <summary>
/// The keys and names of the tokens the gateway issues (section <c>Auth</c>). The gateway signs with the private
/// key; the services hold only the public key, so a compromised service cannot mint a token.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The issuer the services expect.</summary>
    public const string GatewayIssuer = "xichou-gateway";

    /// <summary>The audience of tokens handed to API clients by <c>POST /auth/token</c>; only the gateway accepts it.</summary>
    public const string ApiAudience = "xichou-api";

    /// <summary>PEM public key (SubjectPublicKeyInfo, ECDSA P-256) that verifies every token.</summary>
    public string? PublicKey { get; set; }

    /// <summary>PEM private key (PKCS#8, ECDSA P-256); only the gateway has it.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a token the gateway passes to a service lives: one request, plus clock drift.</summary>
    public TimeSpan ServiceTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an API client's token from <c>POST /auth/token</c> lives.</summary>
    public TimeSpan ApiTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
