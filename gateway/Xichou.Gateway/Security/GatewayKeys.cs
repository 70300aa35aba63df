using System.Security.Cryptography;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Gateway.Security;

/// <summary>
/// The gateway's key pair (<c>Auth:SigningKey</c>, <c>Auth:PublicKey</c>): it signs the tokens it hands to the services
/// and to API clients, and checks the API clients' tokens when they come back.
/// </summary>
public sealed class GatewayKeys : IDisposable
{
    private GatewayKeys(ECDsa signingKey, ECDsa publicKey, bool isEphemeral)
    {
        SigningKey = signingKey;
        PublicKey = publicKey;
        IsEphemeral = isEphemeral;
    }

    public ECDsa SigningKey { get; }

    public ECDsa PublicKey { get; }

    /// <summary>Generated for this run (Development without configured keys): no service started elsewhere accepts its tokens.</summary>
    public bool IsEphemeral { get; }

    /// <summary>
    /// The configured pair; outside Development a missing key stops the gateway here, at start, rather than at the
    /// first request. A pair whose halves do not belong together is refused everywhere.
    /// </summary>
    public static GatewayKeys Load(AuthOptions options, IHostEnvironment environment)
    {
        var signingPem = options.SigningKey;
        var publicPem = options.PublicKey;
        var ephemeral = false;
        if (string.IsNullOrWhiteSpace(signingPem) || string.IsNullOrWhiteSpace(publicPem))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"{AuthOptions.SectionName}:SigningKey and {AuthOptions.SectionName}:PublicKey must both be set (PEM, ECDSA P-256): "
                    + "the gateway signs every token with the first, the services check them with the second. "
                    + "See .env.example for how to generate the pair.");
            }
            (signingPem, publicPem) = ServiceTokens.NewKeyPair();
            ephemeral = true;
        }

        var signingKey = Import(signingPem, "SigningKey");
        var publicKey = Import(publicPem, "PublicKey");
        var signingPoint = signingKey.ExportParameters(includePrivateParameters: false).Q;
        var publicPoint = publicKey.ExportParameters(includePrivateParameters: false).Q;
        if (!signingPoint.X.AsSpan().SequenceEqual(publicPoint.X) || !signingPoint.Y.AsSpan().SequenceEqual(publicPoint.Y))
        {
            throw new InvalidOperationException(
                $"{AuthOptions.SectionName}:PublicKey is not the public half of {AuthOptions.SectionName}:SigningKey: the services would refuse every token.");
        }
        return new GatewayKeys(signingKey, publicKey, ephemeral);
    }

    private static ECDsa Import(string pem, string name)
    {
        if (name == "PublicKey" && pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            // The services receive the same value: a private key there would let any of them mint tokens.
            throw new InvalidOperationException($"{AuthOptions.SectionName}:PublicKey holds a private key; give it only the public half (openssl ec -pubout).");
        }
        ECDsa key;
        try
        {
            key = ServiceTokens.ImportKey(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"{AuthOptions.SectionName}:{name} is not a PEM ECDSA key: {e.Message}", e);
        }
        if (key.KeySize != 256)
        {
            var size = key.KeySize;
            key.Dispose();
            throw new InvalidOperationException($"{AuthOptions.SectionName}:{name} is a {size}-bit key; tokens are ES256, which needs P-256.");
        }
        return key;
    }

    public void Dispose()
    {
        SigningKey.Dispose();
        PublicKey.Dispose();
    }
}
