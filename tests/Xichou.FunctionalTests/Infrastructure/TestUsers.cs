using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;
using Xichou.Testing;

namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>A user as the gateway would vouch for them: name, roles and (for scoped roles) township or village.</summary>
public sealed record TestUser(string Name, IReadOnlyList<string> Roles, string? Township = null, string? Village = null)
{
    public static readonly TestUser Admin = new("admin", [ServiceDefaults.Security.Roles.Admin]);
    public static readonly TestUser CountyLeader = new("county-leader", [ServiceDefaults.Security.Roles.CountyLeader]);
    public static readonly TestUser PovertyOffice = new("poverty-office", [ServiceDefaults.Security.Roles.PovertyOffice]);

    /// <summary>兴街镇 and 西洒镇 staff.</summary>
    public static readonly TestUser XingjieTownship = new("township-xingjie", [ServiceDefaults.Security.Roles.TownshipStaff], Township: "532623101");
    public static readonly TestUser XisaTownship = new("township-xisa", [ServiceDefaults.Security.Roles.TownshipStaff], Township: "532623100");

    /// <summary>Monitors of 兴街镇三光村 and 兴街镇龙坪村: two villages of one township.</summary>
    public static readonly TestUser SanguangMonitor = new("village-sanguang", [ServiceDefaults.Security.Roles.VillageMonitor], Village: SanguangVillage);
    public static readonly TestUser LongpingMonitor = new("village-longping", [ServiceDefaults.Security.Roles.VillageMonitor], Village: LongpingVillage);

    public const string SanguangVillage = "532623101012";
    public const string LongpingVillage = "532623101007";
    public const string LongquanVillage = "532623100002"; // 西洒镇龙泉村

    public static TestUser Department(string role) => new(role, [role]);

    public static TestUser Cadre(string name) => new(name, [ServiceDefaults.Security.Roles.PairingCadre]);

    /// <summary>Who a service's default test client acts as: a county-wide user who may read and write there.</summary>
    public static TestUser DefaultFor(string service) => service switch
    {
        // The poverty office reads the command centre with names shown; county leaders see them masked.
        ServiceNames.Monitoring or ServiceNames.CommandCentre => PovertyOffice,
        _ => Department(service),
    };

    public IEnumerable<Claim> Claims
    {
        get
        {
            yield return new Claim(XichouClaims.Subject, $"test-{Name}");
            yield return new Claim(XichouClaims.Name, Name);
            foreach (var role in Roles)
            {
                yield return new Claim(XichouClaims.Role, role);
            }
            if (Township is not null)
            {
                yield return new Claim(XichouClaims.Township, Township);
            }
            if (Village is not null)
            {
                yield return new Claim(XichouClaims.Village, Village);
            }
        }
    }
}

/// <summary>The test run's gateway key pair, and tokens signed with it as the gateway signs them.</summary>
public static class TestTokens
{
    public static readonly (string PrivateKey, string PublicKey) Keys = ServiceTokens.NewKeyPair();

    private static readonly ECDsa SigningKey = ServiceTokens.ImportKey(Keys.PrivateKey);

    public static string For(TestUser user, string service, DateTimeOffset? now = null, TimeSpan? lifetime = null, ECDsa? key = null) =>
        ServiceTokens.Create(user.Claims, service, key ?? SigningKey, now ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromMinutes(2));
}

/// <summary>Puts a fresh token for one user on every request, as the gateway does.</summary>
public sealed class BearerTokenHandler(TestUser user, string service) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", TestTokens.For(user, service));
        return base.SendAsync(request, cancellationToken);
    }
}
