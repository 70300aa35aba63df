using Microsoft.Extensions.Configuration;
using Xichou.Contracts;

namespace Xichou.AppHost.Extensions;

public static class PlatformExtensions
{
    /// <summary>
    /// A service with the broker (it starts once the broker accepts connections), its SQLite file under the shared
    /// data folder (<c>Database:DataDirectory</c>, default the repository's <c>data/</c>), demo data when
    /// <c>Demo:Enabled</c> (and <c>Demo:Households</c> when set), and /health as its readiness: healthy once its database is migrated and its queues bound.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IResourceWithConnectionString> broker)
        where TProject : IProjectMetadata, new()
    {
        var dataDirectory = builder.PathFromRepositoryRoot(builder.Configuration["Database:DataDirectory"] ?? "data");
        var demo = builder.Configuration.GetValue<bool>("Demo:Enabled");
        var service = builder.AddProject<TProject>(name)
            .WithReference(broker)
            .WaitFor(broker)
            .WithEnvironment("Database__DataDirectory", dataDirectory)
            .WithEnvironment("Demo__Enabled", demo ? "true" : "false")
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
    /// every service it references; it starts once they are all healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddGateway<TProject>(
        this IDistributedApplicationBuilder builder, IEnumerable<IResourceBuilder<ProjectResource>> services)
        where TProject : IProjectMetadata, new()
    {
        var port = builder.Configuration.GetValue("Gateway:Port", 8080);
        var gateway = builder.AddProject<TProject>(ServiceNames.Gateway)
            .WithEndpoint("http", endpoint => endpoint.Port = port)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health");
        foreach (var service in services)
        {
            gateway.WithReference(service).WaitFor(service);
        }
        return gateway;
    }

    /// <summary>Relative paths in the app host's configuration are relative to the repository root.</summary>
    public static string PathFromRepositoryRoot(this IDistributedApplicationBuilder builder, string path) =>
        Path.GetFullPath(path, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..")));
}
