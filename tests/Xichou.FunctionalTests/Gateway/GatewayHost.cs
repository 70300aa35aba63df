using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Gateway.Identity;
using Xichou.Gateway.Infrastructure;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Security;

namespace Xichou.FunctionalTests.Gateway;

/// <summary>
/// The gateway hosted in the test process as it runs in production (environment Production, configured keys), on a
/// fresh SQLite file in its own temp folder. Extra settings override the defaults (demo users on, a generous rate limit).
/// </summary>
public sealed partial class GatewayHost : IAsyncDisposable
{
    private readonly Factory _factory;

    private GatewayHost(Factory factory, string dataDirectory, (string PrivateKey, string PublicKey) keys)
    {
        _factory = factory;
        DataDirectory = dataDirectory;
        Keys = keys;
    }

    public string DataDirectory { get; }

    public (string PrivateKey, string PublicKey) Keys { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<GatewayHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("xichou-gateway-").FullName;
        var keys = ServiceTokens.NewKeyPair();
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = dataDirectory,
            ["Auth:SigningKey"] = keys.PrivateKey,
            ["Auth:PublicKey"] = keys.PublicKey,
            ["Demo:Enabled"] = "true",
            // Production refuses demo users unless told; these tests need them.
            ["Demo:AllowOutsideDevelopment"] = "true",
            ["Auth:LoginRateLimit:PermitsPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
            // The probes of services no test starts (they resolve nowhere) would fill the log.
            ["Logging:LogLevel:Yarp.ReverseProxy.Health"] = "None",
        };
        // A null value removes a default, leaving the gateway's own appsettings.json.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                all.Remove(key);
            }
            else
            {
                all[key] = value;
            }
        }
        var factory = new Factory(all, services);
        try
        {
            // Building the host migrates the database and seeds the users.
            _ = await Task.Run(() => factory.Services);
            return new GatewayHost(factory, dataDirectory, keys);
        }
        catch
        {
            await factory.DisposeAsync();
            Delete(dataDirectory);
            throw;
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (the tests look at them).</summary>
    public HttpClient CreateClient(string baseAddress = "https://localhost", bool handleCookies = true) =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = handleCookies,
            BaseAddress = new Uri(baseAddress),
        });

    /// <summary>A user of the given role that no other test uses, with <see cref="DemoUsers.Password"/>.</summary>
    public async Task<string> CreateUserAsync(string role, string? townshipCode = null, string? villageCode = null)
    {
        var userName = $"t-{role}-{Guid.NewGuid():N}"[..32];
        await using var scope = Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync(new NewUser(userName, "测试用户", DemoUsers.Password, role, townshipCode, villageCode), Actor.System, TestContext.Current.CancellationToken);
        Assert.IsType<CreateUserOutcome.Created>(outcome);
        return userName;
    }

    /// <summary>Signs <paramref name="client"/> in through the login form, as a browser does; returns the form post's answer.</summary>
    public static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var page = returnUrl is null ? "/login" : $"/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        using var form = await client.GetAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var post = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri(page, UriKind.Relative), post, TestContext.Current.CancellationToken);
    }

    /// <summary>The hidden antiforgery field of the first form on a page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "the page has an antiforgery field");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Delete(DataDirectory);
    }

    private static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned later.
        }
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="(?<token>[^"]+)"|value="(?<token>[^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryField();

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services) : WebApplicationFactory<GatewayDbContext>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        }
    }

    /// <summary>
    /// Every request arrives from <paramref name="address"/>, as Kestrel reports a caller (the test server reports
    /// none): 127.0.0.1 is a client on the gateway's own machine, as under ./run.sh.
    /// </summary>
    public static Action<IServiceCollection> CallersFrom(IPAddress address) =>
        services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new RemoteAddressFilter(address));

    private sealed class RemoteAddressFilter(IPAddress address) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
