using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xichou.Gateway.Identity;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>What the gateway needs to start outside Development, and who can sign in on a fresh installation.</summary>
public class StartupTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Auth:SigningKey")]
    [InlineData("Auth:PublicKey")]
    public async Task Outside_Development_a_missing_key_stops_the_start_with_a_clear_message(string missing)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(new Dictionary<string, string?> { [missing] = "" }));

        var error = Assert.IsType<InvalidOperationException>(failure.GetBaseException());
        Assert.StartsWith("Auth:SigningKey and Auth:PublicKey must both be set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_key_of_another_pair_stops_the_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:PublicKey"] = ServiceTokens.NewKeyPair().PublicKey,
        }));

        Assert.Contains("is not the public half of Auth:SigningKey", failure.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_key_given_as_the_public_key_stops_the_start()
    {
        var pair = ServiceTokens.NewKeyPair();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = pair.PrivateKey,
            ["Auth:PublicKey"] = pair.PrivateKey,
        }));

        Assert.Contains("Auth:PublicKey holds a private key", failure.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_demo_data_or_an_initial_admin_nobody_exists_and_the_demo_password_opens_nothing()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        using var client = host.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
            new { username = "admin", password = DemoUsers.Password }, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Empty(scope.ServiceProvider.GetRequiredService<UserManager<XichouUser>>().Users);
        // The roles are there for the first administrator to hand out.
        Assert.Equal(Roles.All.Count, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().Roles.Count());
    }

    [Fact]
    public async Task The_demo_users_created_with_one_hash_of_their_shared_password_each_sign_in_with_it_and_only_with_it()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();

        foreach (var demo in DemoUsers.All)
        {
            using var signedIn = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
                new { username = demo.UserName, password = DemoUsers.Password }, Cancellation);
            Assert.True(signedIn.StatusCode == HttpStatusCode.OK, $"{demo.UserName}: {signedIn.StatusCode}");
        }
        using var wrong = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
            new { username = DemoUsers.All[1].UserName, password = DemoUsers.Password + "x" }, Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<XichouUser>>();
        foreach (var demo in DemoUsers.All)
        {
            var user = await users.FindByNameAsync(demo.UserName!);
            Assert.NotNull(user);
            Assert.Equal([demo.Role!], await users.GetRolesAsync(user));
            Assert.False(string.IsNullOrEmpty(user.SecurityStamp));
        }
    }

    [Fact]
    public async Task On_an_empty_store_the_initial_admin_from_configuration_is_created_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Auth:InitialAdmin:UserName"] = "root",
            ["Auth:InitialAdmin:Password"] = "First#Admin2021",
        };
        await using var host = await GatewayHost.StartAsync(settings);
        using var client = host.CreateClient();

        using var token = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative),
            new { username = "root", password = "First#Admin2021" }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<XichouUser>>();
        var root = Assert.Single(users.Users);
        Assert.Equal(["admin"], await users.GetRolesAsync(root));
        Assert.True(root.LockoutEnabled);
    }

    [Fact]
    public async Task A_weak_initial_admin_password_stops_the_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Auth:InitialAdmin:UserName"] = "root",
            ["Auth:InitialAdmin:Password"] = "admin",
        }));

        Assert.Contains("Auth:InitialAdmin is not a valid user", failure.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_takes_request_bodies_up_to_32_MB()
    {
        await using var host = await GatewayHost.StartAsync();

        var kestrel = host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(32L * 1024 * 1024, kestrel.Limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task The_user_store_is_a_WAL_SQLite_file_in_the_data_folder_and_a_restart_seeds_nothing_twice()
    {
        await using var host = await GatewayHost.StartAsync();
        var path = Path.Combine(host.DataDirectory, "gateway.db");
        Assert.True(File.Exists(path));

        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Cancellation);
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await mode.ExecuteScalarAsync(Cancellation));
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM AspNetUsers";
        Assert.Equal((long)DemoUsers.All.Count, await count.ExecuteScalarAsync(Cancellation));

        await using var restarted = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = host.DataDirectory,
            ["Auth:SigningKey"] = host.Keys.PrivateKey,
            ["Auth:PublicKey"] = host.Keys.PublicKey,
        });
        Assert.Equal((long)DemoUsers.All.Count, await count.ExecuteScalarAsync(Cancellation));
    }
}
