using System.Globalization;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json;

namespace Xichou.AppHost.Extensions;

/// <summary>
/// A platform program (a service or the gateway) started from its build output, as the program itself: Aspire's
/// <see cref="ProjectResource"/> starts each one through <c>dotnet run</c>, a second .NET process per program that sits
/// beside it for its whole life (about 70 MB PSS each, nine of them).
/// </summary>
public sealed class BuiltProgramResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithServiceDiscovery;

public static class BuiltProgramExtensions
{
    /// <summary>
    /// The project's built program (<c>bin/{configuration}/{framework}/{assembly}</c>, the app host's own configuration and
    /// framework, so <c>dotnet build</c> of the app host builds it), run in the project's folder (its content root, as
    /// <c>dotnet run</c> does) with the launch profile <c>http</c>'s environment, an <c>http</c> endpoint whose port it
    /// gets in <c>ASPNETCORE_URLS</c> on localhost, the dashboard's OpenTelemetry settings, and <c>Lifetime:StopWithParent</c>.
    /// </summary>
    public static IResourceBuilder<BuiltProgramResource> AddBuiltProgram<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var projectPath = new TProject().ProjectPath;
        var projectDirectory = Path.GetDirectoryName(projectPath) ?? throw new InvalidOperationException($"{projectPath} has no folder.");
        var assemblyName = Path.GetFileNameWithoutExtension(projectPath);
        var output = Path.Combine(projectDirectory, "bin", Configuration, TargetFramework);
        var program = Path.Combine(output, assemblyName);
        if (builder.ExecutionContext.IsRunMode && !File.Exists(program))
        {
            throw new InvalidOperationException(
                $"{program} is missing: build the app host first (dotnet build apphost/Xichou.AppHost -c {Configuration}), which builds every program it starts.");
        }

        var resource = builder.AddResource(new BuiltProgramResource(name, program, projectDirectory))
            .WithHttpEndpoint(name: "http")
            .WithOtlpExporter()
            // It stops by itself if DCP, its parent, dies: DCP's own monitor processes are off (ProcessMonitorExtensions).
            .WithEnvironment("Lifetime__StopWithParent", "true");
        var endpoint = resource.GetEndpoint("http");
        resource.WithEnvironment("ASPNETCORE_URLS", ReferenceExpression.Create($"http://localhost:{endpoint.Property(EndpointProperty.TargetPort)}"));
        foreach (var (key, value) in LaunchProfileEnvironment(projectDirectory))
        {
            resource.WithEnvironment(key, value);
        }
        return resource;
    }

    /// <summary>The app host's build configuration (Debug, Release): its referenced programs are built in the same one.</summary>
    private static string Configuration =>
        typeof(BuiltProgramExtensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";

    /// <summary>net10.0 from ".NETCoreApp,Version=v10.0".</summary>
    private static string TargetFramework
    {
        get
        {
            var name = typeof(BuiltProgramExtensions).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName
                ?? throw new InvalidOperationException("The app host names no target framework.");
            var version = new FrameworkName(name).Version;
            return string.Create(CultureInfo.InvariantCulture, $"net{version.Major}.{version.Minor}");
        }
    }

    /// <summary>The environment variables of the project's launch profile <c>http</c> (e.g. ASPNETCORE_ENVIRONMENT).</summary>
    private static IEnumerable<(string Key, string Value)> LaunchProfileEnvironment(string projectDirectory)
    {
        var file = Path.Combine(projectDirectory, "Properties", "launchSettings.json");
        if (!File.Exists(file))
        {
            yield break;
        }
        using var settings = JsonDocument.Parse(File.ReadAllText(file));
        if (settings.RootElement.TryGetProperty("profiles", out var profiles)
            && profiles.TryGetProperty("http", out var profile)
            && profile.TryGetProperty("environmentVariables", out var variables))
        {
            foreach (var variable in variables.EnumerateObject())
            {
                yield return (variable.Name, variable.Value.GetString() ?? "");
            }
        }
    }
}
