using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Gateway.Identity;
using Xichou.Gateway.Infrastructure;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>
/// What the gateway does outside Development: Secure cookies whatever the scheme it sees, HSTS on HTTPS, data
/// protection keys encrypted with a configured certificate, and no demo users unless explicitly forced.
/// </summary>
public class ProductionSettingsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_users_outside_Development_stop_the_gateway_at_start_unless_forced()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Demo:AllowOutsideDevelopment"] = null,
        }));
        await using var forced = await GatewayHost.StartAsync();
        await using var withoutDemo = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Demo:AllowOutsideDevelopment"] = null,
        });

        var message = Flatten(refused);
        Assert.Contains("Demo:Enabled", message, StringComparison.Ordinal);
        Assert.Contains("Demo:AllowOutsideDevelopment=true", message, StringComparison.Ordinal);
        Assert.Contains("Production", message, StringComparison.Ordinal);
        using var client = withoutDemo.CreateClient();
        using var login = await GatewayHost.LogInAsync(client, "admin", DemoUsers.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode); // the form again: no such user
    }

    [Fact]
    public async Task Behind_a_trusted_TLS_proxy_the_gateway_sees_plain_HTTP_and_still_sets_only_Secure_cookies()
    {
        await using var host = await GatewayHost.StartAsync(
            new Dictionary<string, string?> { ["Gateway:TrustedProxies:0"] = "10.0.0.0/8" },
            GatewayHost.CallersFrom(IPAddress.Parse("10.0.0.2")));
        // Cookies by hand: a cookie container would not send Secure cookies over http://.
        using var client = host.CreateClient("http://xichou.example", handleCookies: false);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");

        using var form = await client.GetAsync(new Uri("/login", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"));
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = GatewayHost.AntiforgeryToken(await form.Content.ReadAsStringAsync(Cancellation)),
                ["Input.UserName"] = "county-leader",
                ["Input.Password"] = DemoUsers.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var response = await client.SendAsync(post, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var auth = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Xichou.Auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("; secure", antiforgery.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task HTTPS_answers_carry_HSTS_for_a_year()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient("https://xichou.example");

        using var response = await client.GetAsync(new Uri("/login", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task With_a_certificate_configured_the_data_protection_keys_are_stored_encrypted()
    {
        var folder = Directory.CreateTempSubdirectory("xichou-dp-").FullName;
        try
        {
            var pfx = Path.Combine(folder, "dataprotection.pfx");
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=xichou-gateway-data-protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "Pfx#Password1"), Cancellation);
            }
            await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
            {
                ["DataProtection:CertificatePath"] = pfx,
                ["DataProtection:CertificatePassword"] = "Pfx#Password1",
            });
            using var client = host.CreateClient();
            using var login = await GatewayHost.LogInAsync(client, "county-leader", DemoUsers.Password);
            using var portal = await client.GetAsync(new Uri("/", UriKind.Relative), Cancellation);

            await using var scope = host.Services.CreateAsyncScope();
            var keys = await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync(Cancellation);

            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
            Assert.NotEmpty(keys);
            Assert.All(keys, key =>
            {
                Assert.Contains("encryptedSecret", key.Xml, StringComparison.Ordinal);
                Assert.Contains("X509Certificate", key.Xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", key.Xml, StringComparison.Ordinal);
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Cleaned with the temp folder.
            }
        }
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
