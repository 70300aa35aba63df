using Microsoft.Extensions.Configuration;
using Xichou.Contracts;

namespace Xichou.AppHost.Extensions;

public static class PlatformExtensions
{
    /// <summary>
    /// A service with the broker (it starts once the broker accepts connections), its SQLite file under the shared
    /// data folder (<c>Database:DataDirectory</c>, default the repository's <c>data/</c>), demo data when
    /// <c>Demo:Enabled</c> (and <c>Demo:Households</c> when set), the public key that checks the gateway's tokens, and
    /// /health as its readiness: healthy once its database is migrated and its queues bound.
    /// </summary>
    public static IResourceBuilder<BuiltProgramResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, Department department, IResourceBuilder<IResourceWithConnectionString> broker, AuthKeys keys)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddBuiltProgram<TProject>(department.Key)
            // The dashboard names each service as the county does (the department catalogue).
            .WithUrlForEndpoint("http", url => url.DisplayText = $"{department.Name} · {department.Bureau}")
            .WithReference(broker)
            .WaitFor(broker)
            .WithDataAndDemo(builder)
            .WithAuthPublicKey(keys)
            .WithHttpHealthCheck("/health");
        if (builder.Configuration["Demo:Households"] is { Length: > 0 } households)
        {
            service.WithEnvironment("Demo__Households", households);
        }
        return service;
    }

    /// <summary>Starts <paramref name="resource"/> only once every one of <paramref name="dependencies"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitForAll<T>(this IResourceBuilder<T> resource, IEnumerable<IResourceBuilder<IResource>> dependencies)
        where T : IResourceWithWaitSupport
    {
        foreach (var dependency in dependencies)
        {
            resource.WaitFor(dependency);
        }
        return resource;
    }

    /// <summary>
    /// The only public entry, on the fixed port <c>Gateway:Port</c> (default 8080), routing <c>/{service}/…</c> to
    /// every service it references; it starts once they are all healthy. It keeps its users in <c>gateway.db</c> in the
    /// data folder (the demo users with <c>Demo:Enabled</c>), signs tokens with the run's key, and takes
    /// <c>Auth:LoginRateLimit:PermitsPerMinute</c> and <c>Auth:InitialAdmin</c> from the app host's configuration when set.
    /// </summary>
    public static IResourceBuilder<BuiltProgramResource> AddGateway<TProject>(
        this IDistributedApplicationBuilder builder, IEnumerable<IResourceBuilder<BuiltProgramResource>> services, AuthKeys keys)
        where TProject : IProjectMetadata, new()
    {
        var port = builder.Configuration.GetValue("Gateway:Port", 8080);
        var gateway = builder.AddBuiltProgram<TProject>(ServiceNames.Gateway)
            .WithEndpoint("http", endpoint => endpoint.Port = port)
            .WithExternalHttpEndpoints()
            .WithDataAndDemo(builder)
            .WithAuthSigningKeys(keys)
            .WithHttpHealthCheck("/health");
        if (builder.Configuration["Auth:LoginRateLimit:PermitsPerMinute"] is { Length: > 0 } permits)
        {
            gateway.WithEnvironment("Auth__LoginRateLimit__PermitsPerMinute", permits);
        }
        if (builder.Configuration["Auth:InitialAdmin:UserName"] is { Length: > 0 } adminName
            && builder.Configuration["Auth:InitialAdmin:Password"] is { Length: > 0 } adminPassword)
        {
            gateway.WithEnvironment("Auth__InitialAdmin__UserName", adminName)
                .WithEnvironment("Auth__InitialAdmin__Password", builder.AddParameter("initial-admin-password", adminPassword, secret: true));
        }
        foreach (var service in services)
        {
            gateway.WithReference(service).WaitFor(service);
        }
        return gateway;
    }

    /// <summary>The shared data folder (relative paths from the repository root) and the demo switch.</summary>
    private static IResourceBuilder<BuiltProgramResource> WithDataAndDemo(this IResourceBuilder<BuiltProgramResource> resource, IDistributedApplicationBuilder builder)
    {
        var dataDirectory = builder.PathFromRepositoryRoot(builder.Configuration["Database:DataDirectory"] ?? "data");
        var demo = builder.Configuration.GetValue<bool>("Demo:Enabled");
        return resource
            .WithEnvironment("Database__DataDirectory", dataDirectory)
            .WithEnvironment("Demo__Enabled", demo ? "true" : "false");
    }

    /// <summary>Relative paths in the app host's configuration are relative to the repository root.</summary>
    public static string PathFromRepositoryRoot(this IDistributedApplicationBuilder builder, string path) =>
        Path.GetFullPath(path, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..")));
}
