using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Xichou.ServiceDefaults.Security;

/// <summary>
/// The signed, short-lived tokens that carry a user's identity from the gateway to a service (ES256 JWTs, written
/// and checked by Microsoft.IdentityModel, not by hand).
/// </summary>
public static class ServiceTokens
{
    /// <summary>How much clock drift between gateway and service is tolerated; an expired token is refused after it.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    // IdentityModel caches signature providers process-wide by the key's thumbprint. Two hosts in one process holding the
    // same key material (tests) then share a provider, and when one host disposes its ECDsa the other's tokens fail
    // (a 401 seen once under load). Without the cache each token wraps the host's own, live key.
    private static readonly CryptoProviderFactory Uncached = new() { CacheSignatureProviders = false };

    private static ECDsaSecurityKey SecurityKeyOf(ECDsa key) => new(key) { CryptoProviderFactory = Uncached };

    public static string Create(IEnumerable<Claim> claims, string audience, ECDsa signingKey, DateTimeOffset now, TimeSpan lifetime, string issuer = AuthOptions.GatewayIssuer) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SecurityKeyOf(signingKey), SecurityAlgorithms.EcdsaSha256),
        });

    /// <summary>What a service checks: our issuer, its own name as audience, ES256 with our key, not expired.</summary>
    public static TokenValidationParameters ValidationParameters(ECDsa publicKey, string audience) => new()
    {
        ValidIssuer = AuthOptions.GatewayIssuer,
        ValidAudience = audience,
        IssuerSigningKey = SecurityKeyOf(publicKey),
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        NameClaimType = XichouClaims.Name,
        RoleClaimType = XichouClaims.Role,
    };

    /// <summary>The claims of a user worth passing on: who, which roles, which township or village.</summary>
    public static IEnumerable<Claim> ClaimsToForward(ClaimsPrincipal user) =>
        user.Claims.Where(claim => claim.Type is XichouClaims.Subject or XichouClaims.Name or XichouClaims.DisplayName
            or XichouClaims.Role or XichouClaims.Township or XichouClaims.Village)
            .Select(claim => new Claim(claim.Type, claim.Value));

    public static ECDsa ImportKey(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    /// <summary>A new P-256 key pair as PEM (private PKCS#8, public SubjectPublicKeyInfo): for development and tests.</summary>
    public static (string PrivateKey, string PublicKey) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }
}
