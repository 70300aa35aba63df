using System.Xml.Linq;

namespace Xichou.ArchitectureTests;

/// <summary>Nullable and warnings-as-errors are on for every project, from Directory.Build.props, and nobody turns them down.</summary>
public class BuildSettingsTests
{
    private static readonly string[] TopFolders = ["services", "gateway", "apphost", "tests"];

    public static TheoryData<string> ProjectPaths => new(Repository.Projects.Select(p => p.RelativePath));

    [Fact]
    public void Directory_Build_props_enables_nullable_and_treats_warnings_as_errors()
    {
        var properties = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props")).Descendants("PropertyGroup").Elements().ToList();

        Assert.Equal("enable", Assert.Single(properties, p => p.Name == "Nullable").Value);
        Assert.Equal("true", Assert.Single(properties, p => p.Name == "TreatWarningsAsErrors").Value);
    }

    [Fact]
    public void Every_project_of_the_solution_exists_under_its_folder()
    {
        Assert.NotEmpty(Repository.Projects);
        Assert.All(Repository.Projects, project =>
        {
            Assert.True(File.Exists(project.FullPath), $"{project.RelativePath} is in Xichou.sln but not on disk");
            Assert.Contains(project.Folder, TopFolders);
        });
    }

    [Fact]
    public void Every_project_in_the_repository_is_in_the_solution()
    {
        var inSolution = Repository.Projects.Select(p => p.RelativePath).ToHashSet(StringComparer.Ordinal);

        var onDisk = ProjectFiles("*.csproj").Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'));

        Assert.All(onDisk, path => Assert.Contains(path, inSolution));
    }

    [Theory]
    [MemberData(nameof(ProjectPaths))]
    public void Project_does_not_weaken_nullable_or_warnings_as_errors(string relativePath) =>
        AssertDoesNotWeaken(Path.Combine(Repository.Root, relativePath));

    [Fact]
    public void No_nested_Directory_Build_file_weakens_nullable_or_warnings_as_errors()
    {
        var nested = ProjectFiles("Directory.Build.*")
            .Where(path => Path.GetDirectoryName(path) != Repository.Root)
            .ToList();

        Assert.All(nested, AssertDoesNotWeaken);
    }

    [Fact]
    public void No_hand_written_source_switches_nullable_off()
    {
        var sources = ProjectFiles("*.cs")
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, path => Assert.False(
            File.ReadLines(path).Any(line => line.TrimStart().StartsWith("#nullable disable", StringComparison.Ordinal)),
            $"{path} has #nullable disable"));
    }

    private static void AssertDoesNotWeaken(string path)
    {
        var properties = XDocument.Load(path).Descendants().Where(e => e.Parent?.Name == "PropertyGroup").ToList();
        foreach (var nullable in properties.Where(p => p.Name == "Nullable"))
        {
            Assert.True(nullable.Value == "enable", $"{path} sets Nullable to '{nullable.Value}'");
        }
        foreach (var warningsAsErrors in properties.Where(p => p.Name == "TreatWarningsAsErrors"))
        {
            Assert.True(warningsAsErrors.Value == "true", $"{path} sets TreatWarningsAsErrors to '{warningsAsErrors.Value}'");
        }
        // Silencing the nullable warnings (CS86xx) or exempting them from errors is turning nullable off by another name.
        foreach (var list in properties.Where(p => p.Name == "NoWarn" || p.Name == "WarningsNotAsErrors"))
        {
            Assert.False(list.Value.Contains("CS86", StringComparison.OrdinalIgnoreCase) || list.Value.Contains("nullable", StringComparison.OrdinalIgnoreCase),
                $"{path} sets {list.Name.LocalName} to '{list.Value}'");
        }
    }

    /// <summary>Files of the repository's own folders, leaving out build output.</summary>
    private static IEnumerable<string> ProjectFiles(string pattern) =>
        TopFolders
            .Select(folder => Path.Combine(Repository.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"));
}
