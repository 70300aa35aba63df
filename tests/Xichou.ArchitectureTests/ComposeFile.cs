using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Xichou.ArchitectureTests;

/// <summary>docker-compose.yml read as YAML, with the merge keys (<c>&lt;&lt;: *defaults</c>) compose files use.</summary>
public sealed partial class ComposeFile
{
    private readonly YamlMappingNode _services;

    private ComposeFile(YamlMappingNode services) => _services = services;

    public static string Path => System.IO.Path.Combine(Repository.Root, "docker-compose.yml");

    public static ComposeFile Load()
    {
        Assert.True(File.Exists(Path), "docker-compose.yml is at the repository root");
        return Parse(File.ReadAllText(Path));
    }

    public static ComposeFile Parse(string text)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(text))
        {
            yaml.Load(reader);
        }
        var root = Assert.IsType<YamlMappingNode>(Assert.Single(yaml.Documents).RootNode);
        return new ComposeFile(Assert.IsType<YamlMappingNode>(Get(root, "services")));
    }

    public IEnumerable<string> ServiceNames => _services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    public YamlMappingNode? Service(string name) => Get(_services, name) as YamlMappingNode;

    /// <summary>A service's image, or null when it is built from source.</summary>
    public static string? Image(YamlMappingNode service) => (Get(service, "image") as YamlScalarNode)?.Value;

    /// <summary>A service's environment, whether written as a mapping or as a list of NAME=value.</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Get(service, "environment"))
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    environment[((YamlScalarNode)key).Value!] = (value as YamlScalarNode)?.Value ?? "";
                }
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.OfType<YamlScalarNode>())
                {
                    var pair = item.Value!.Split('=', 2);
                    environment[pair[0]] = pair.Length == 2 ? pair[1] : "";
                }
                break;
        }
        return environment;
    }

    /// <summary>A list of a service (ports, volumes), in its short form: one string per item; empty when absent.</summary>
    public static IReadOnlyList<string> List(YamlMappingNode service, string key) =>
        Get(service, key) is YamlSequenceNode list ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList() : [];

    /// <summary>What a service waits for, with the condition (<c>service_started</c> when the short list form is used).</summary>
    public static IReadOnlyDictionary<string, string> DependsOn(YamlMappingNode service) => Get(service, "depends_on") switch
    {
        YamlMappingNode mapping => mapping.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!,
            pair => (Get((YamlMappingNode)pair.Value, "condition") as YamlScalarNode)?.Value ?? "service_started",
            StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().ToDictionary(s => s.Value!, _ => "service_started", StringComparer.Ordinal),
        _ => new Dictionary<string, string>(StringComparer.Ordinal),
    };

    /// <summary>The host a SQL Server connection string points at (Server=tcp:host,1433 → host).</summary>
    public static string? SqlServerHost(string connectionString)
    {
        var match = SqlServerKey().Match(connectionString);
        return match.Success ? match.Groups["host"].Value : null;
    }

    /// <summary>The host an AMQP URI points at (amqp://user:password@host:5672 → host).</summary>
    public static string? AmqpHost(string connectionString)
    {
        var match = AmqpUri().Match(connectionString);
        return match.Success ? match.Groups["host"].Value : null;
    }

    /// <summary>A key of a mapping, looked up in the mapping first and then in what it merges (YAML 1.1 merge keys).</summary>
    private static YamlNode? Get(YamlMappingNode mapping, string key)
    {
        if (mapping.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return value;
        }
        if (!mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
        {
            return null;
        }
        IEnumerable<YamlNode> sources = merged is YamlSequenceNode list ? list.Children : [merged];
        return sources.OfType<YamlMappingNode>().Select(source => Get(source, key)).FirstOrDefault(found => found is not null);
    }

    [GeneratedRegex(@"(?:^|;)\s*(?:Server|Data Source|Address|Addr)\s*=\s*(?:tcp:)?(?<host>[^,;\\\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SqlServerKey();

    [GeneratedRegex(@"^amqps?://(?:[^@/]*@)?(?<host>[^:/?]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AmqpUri();
}
