using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Xichou.ArchitectureTests;

/// <summary>The repository as files: Xichou.sln, its projects, and the folders around them.</summary>
public static partial class Repository
{
    /// <summary>Libraries every service may reference; they are not services themselves.</summary>
    public static readonly IReadOnlySet<string> SharedLibraries =
        new HashSet<string>(StringComparer.Ordinal) { "Xichou.Contracts", "Xichou.ServiceDefaults", "Xichou.Web", "Xichou.DepartmentKit" };

    public static string Root { get; } = FindRoot();

    public static string SolutionPath => Path.Combine(Root, "Xichou.sln");

    /// <summary>Every project in Xichou.sln (solution folders left out).</summary>
    public static IReadOnlyList<Project> Projects { get; } = ReadSolution();

    /// <summary>services/Xichou.*, except the shared libraries: one per entry in ServiceNames.All.</summary>
    public static IEnumerable<Project> ServiceProjects =>
        Projects.Where(p => p.Folder == "services" && !SharedLibraries.Contains(p.Name));

    /// <summary>The projects that run as a service of the platform, with the resource name each runs under.</summary>
    public static IEnumerable<(Project Project, string ServiceName)> DeployedProjects =>
        ServiceProjects.Select(p => (p, ServiceNameOf(p)))
            .Concat(Projects.Where(p => p.Folder == "gateway").Select(p => (p, "gateway")));

    /// <summary>command-centre is the project Xichou.CommandCentre.</summary>
    public static string ProjectNameOf(string serviceName) =>
        "Xichou." + string.Concat(serviceName.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>Xichou.CommandCentre runs as command-centre.</summary>
    public static string ServiceNameOf(Project project) =>
        UpperCaseAfterLetter().Replace(project.Name["Xichou.".Length..], "-$1").ToLowerInvariant();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Xichou.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Xichou.sln not found above {AppContext.BaseDirectory}.");
    }

    private static List<Project> ReadSolution() =>
        SolutionProjectLine().Matches(File.ReadAllText(SolutionPath))
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(path => path.EndsWith(".csproj", StringComparison.Ordinal))
            .Select(path => new Project(path))
            .ToList();

    [GeneratedRegex("""^Project\("\{[^}]+\}"\) = "[^"]+", "(?<path>[^"]+)", "\{[^}]+\}"\r?$""", RegexOptions.Multiline)]
    private static partial Regex SolutionProjectLine();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex UpperCaseAfterLetter();
}

/// <summary>A project of the solution, by its path relative to the repository root.</summary>
public sealed record Project(string RelativePath)
{
    public string Name => Path.GetFileNameWithoutExtension(RelativePath);

    /// <summary>The top folder: services, gateway, apphost or tests.</summary>
    public string Folder => RelativePath.Split('/')[0];

    public string FullPath => Path.Combine(Repository.Root, RelativePath);

    public XDocument Xml => XDocument.Load(FullPath);

    /// <summary>The names of the projects this one references.</summary>
    public IEnumerable<string> ProjectReferences =>
        Xml.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));

    public override string ToString() => Name;
}
