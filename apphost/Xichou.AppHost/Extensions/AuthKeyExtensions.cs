using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Xichou.AppHost.Extensions;

/// <summary>The gateway's signing key and the public key every service checks tokens with, as secret parameters.</summary>
public sealed record AuthKeys(IResourceBuilder<ParameterResource> SigningKey, IResourceBuilder<ParameterResource> PublicKey);

public static class AuthKeyExtensions
{
    /// <summary>
    /// <c>Auth:SigningKey</c> and <c>Auth:PublicKey</c> from the app host's configuration when both are set (PEM, ECDSA
    /// P-256), otherwise a pair generated for this run: nothing is ever written to disk, and tokens from an earlier run
    /// stop working, which for development is what is wanted.
    /// </summary>
    public static AuthKeys AddAuthKeys(this IDistributedApplicationBuilder builder)
    {
        var signingKey = builder.Configuration["Auth:SigningKey"];
        var publicKey = builder.Configuration["Auth:PublicKey"];
        if (string.IsNullOrWhiteSpace(signingKey) != string.IsNullOrWhiteSpace(publicKey))
        {
            throw new InvalidOperationException("Set both Auth:SigningKey and Auth:PublicKey, or neither (a pair is then generated for this run).");
        }
        if (string.IsNullOrWhiteSpace(signingKey) || string.IsNullOrWhiteSpace(publicKey))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            signingKey = key.ExportPkcs8PrivateKeyPem();
            publicKey = key.ExportSubjectPublicKeyInfoPem();
        }
        return new AuthKeys(
            builder.AddParameter("auth-signing-key", signingKey, secret: true),
            builder.AddParameter("auth-public-key", publicKey));
    }

    /// <summary>A service checks the gateway's tokens with the public key only.</summary>
    public static IResourceBuilder<BuiltProgramResource> WithAuthPublicKey(this IResourceBuilder<BuiltProgramResource> service, AuthKeys keys) =>
        service.WithEnvironment("Auth__PublicKey", keys.PublicKey);

    /// <summary>The gateway signs tokens with the private key and checks its API clients' tokens with the public one.</summary>
    public static IResourceBuilder<BuiltProgramResource> WithAuthSigningKeys(this IResourceBuilder<BuiltProgramResource> gateway, AuthKeys keys) =>
        gateway.WithEnvironment("Auth__SigningKey", keys.SigningKey).WithEnvironment("Auth__PublicKey", keys.PublicKey);
}
