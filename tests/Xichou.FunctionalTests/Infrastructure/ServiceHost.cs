using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Testing;

namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>
/// One service hosted in the test process on its real pipeline: a fresh SQLite file in its own temp folder
/// and the given RabbitMQ broker. Its bus has declared its queues once <see cref="StartAsync{TMarker}"/> returns.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly IAsyncDisposable _factory;

    private readonly bool _ownsDataDirectory;

    private ServiceHost(string name, string dataDirectory, bool ownsDataDirectory, IAsyncDisposable factory, IServiceProvider services, HttpClient client)
    {
        Name = name;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _factory = factory;
        Services = services;
        Client = client;
    }

    public string Name { get; }

    public string DataDirectory { get; }

    /// <summary>The service's SQLite database: <c>{DataDirectory}/{service}.db</c>.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, Name + ".db");

    public IServiceProvider Services { get; }

    /// <summary>A client acting as a county-wide user who may read and write in this service (<see cref="TestUser.DefaultFor"/>).</summary>
    public HttpClient Client { get; }

    /// <summary>A client acting as <paramref name="user"/>, with a fresh token for this service on every request.</summary>
    public HttpClient ClientFor(TestUser user) =>
        ((IFactory)_factory).CreateClient(new PersonalDataGuard(), new BearerTokenHandler(user, Name));

    /// <summary>As <see cref="ClientFor"/>, keeping cookies like a browser, for posting a page's forms (antiforgery).</summary>
    public HttpClient BrowserFor(TestUser user) =>
        ((IFactory)_factory).CreateClient(new PersonalDataGuard(), new BearerTokenHandler(user, Name),
            new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());

    /// <summary>A client that sends no token at all, or only the one the test sets.</summary>
    public HttpClient AnonymousClient() => ((IFactory)_factory).CreateClient(new PersonalDataGuard());

    /// <summary>The routing endpoints the service maps, to check each declares its authorization.</summary>
    public IEnumerable<Microsoft.AspNetCore.Http.Endpoint> Endpoints =>
        Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>().SelectMany(source => source.Endpoints);

    /// <param name="name">The service name (<see cref="Xichou.Contracts.ServiceNames"/>).</param>
    /// <param name="rabbitMq">The broker's connection string.</param>
    /// <typeparam name="TMarker">A public type of the service's assembly (its DbContext), which WebApplicationFactory uses to find its entry point.</typeparam>
    /// <param name="configure">Further test settings or services (e.g. a controllable clock), applied last.</param>
    /// <param name="sharedDataDirectory">Another host's data folder, to run a second replica on the same database; it stays when this host goes.</param>
    public static async Task<ServiceHost> StartAsync<TMarker>(string name, string rabbitMq, Action<IWebHostBuilder>? configure = null,
        string? sharedDataDirectory = null)
        where TMarker : class
    {
        var dataDirectory = sharedDataDirectory ?? Directory.CreateTempSubdirectory($"xichou-{name}-").FullName;
        var factory = new ServiceFactory<TMarker>(dataDirectory, rabbitMq, configure);
        try
        {
            // Building the host runs the migrations and starts the bus, which waits until its queues are bound.
            var services = await Task.Run(() => factory.Services);
            return new ServiceHost(name, dataDirectory, ownsDataDirectory: sharedDataDirectory is null, factory, services,
                factory.CreateDefaultClient(new PersonalDataGuard(), new BearerTokenHandler(TestUser.DefaultFor(name), name)));
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A connection of the test's own to the service's SQLite file, to check what is really stored.</summary>
    public SqliteConnection OpenDatabaseFile()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_ownsDataDirectory)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned later.
        }
    }

    private interface IFactory
    {
        HttpClient CreateClient(params DelegatingHandler[] handlers);
    }

    private sealed class ServiceFactory<TMarker>(string dataDirectory, string rabbitMq, Action<IWebHostBuilder>? configure)
        : WebApplicationFactory<TMarker>, IFactory
        where TMarker : class
    {
        public HttpClient CreateClient(params DelegatingHandler[] handlers) => CreateDefaultClient(handlers);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
            builder.UseSetting("Demo:Enabled", "false");
            builder.UseSetting("Auth:PublicKey", TestTokens.Keys.PublicKey);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            configure?.Invoke(builder);
        }
    }
}
