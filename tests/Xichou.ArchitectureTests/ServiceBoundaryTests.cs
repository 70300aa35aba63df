using System.Reflection;
using Xichou.Agriculture.Infrastructure;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;
using Xichou.Education.Infrastructure;
using Xichou.Employment.Infrastructure;
using Xichou.Housing.Infrastructure;
using Xichou.Insurance.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Water.Infrastructure;

namespace Xichou.ArchitectureTests;

/// <summary>A service references Xichou.Contracts, Xichou.ServiceDefaults and Xichou.Web, never another service.</summary>
public class ServiceBoundaryTests
{
    /// <summary>The compiled service assemblies, by service name.</summary>
    public static readonly IReadOnlyDictionary<string, Assembly> ServiceAssemblies = new Dictionary<string, Assembly>(StringComparer.Ordinal)
    {
        [ServiceNames.Monitoring] = typeof(MonitoringDbContext).Assembly,
        [ServiceNames.Housing] = typeof(HousingDbContext).Assembly,
        [ServiceNames.Agriculture] = typeof(AgricultureDbContext).Assembly,
        [ServiceNames.Employment] = typeof(EmploymentDbContext).Assembly,
        [ServiceNames.Education] = typeof(EducationDbContext).Assembly,
        [ServiceNames.Water] = typeof(WaterDbContext).Assembly,
        [ServiceNames.Insurance] = typeof(InsuranceDbContext).Assembly,
        [ServiceNames.CommandCentre] = typeof(CommandCentreDbContext).Assembly,
    };

    public static TheoryData<string> ServiceProjectNames => new(Repository.ServiceProjects.Select(p => p.Name));

    public static TheoryData<string> Services => new(ServiceNames.All);

    [Fact]
    public void Solution_has_one_service_project_per_service_name()
    {
        var fromSolution = Repository.ServiceProjects.Select(Repository.ServiceNameOf).Order(StringComparer.Ordinal);
        Assert.Equal(ServiceNames.All.Order(StringComparer.Ordinal), fromSolution);
    }

    [Theory]
    [MemberData(nameof(ServiceProjectNames))]
    public void Service_project_references_only_the_shared_libraries(string projectName)
    {
        var project = Repository.ServiceProjects.Single(p => p.Name == projectName);

        var references = project.ProjectReferences.ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Contains(reference, Repository.SharedLibraries));
    }

    [Fact]
    public void Shared_libraries_and_the_gateway_reference_no_service_project()
    {
        var services = Repository.ServiceProjects.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var others = Repository.Projects.Where(p => Repository.SharedLibraries.Contains(p.Name) || p.Folder == "gateway").ToList();

        Assert.Equal(Repository.SharedLibraries.Count, others.Count(p => Repository.SharedLibraries.Contains(p.Name)));
        Assert.All(others, project => Assert.DoesNotContain(project.ProjectReferences, services.Contains));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Compiled_service_references_no_other_service_assembly(string service)
    {
        var assembly = ServiceAssemblies[service];
        var otherServices = ServiceAssemblies.Where(s => s.Key != service).Select(s => s.Value.GetName().Name).ToHashSet(StringComparer.Ordinal);

        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Xichou.ServiceDefaults", referenced);
        Assert.DoesNotContain(referenced, otherServices.Contains);
    }

    [Fact]
    public void Compiled_shared_libraries_reference_no_service_assembly()
    {
        var services = ServiceAssemblies.Values.Select(a => a.GetName().Name).ToHashSet(StringComparer.Ordinal);
        Assembly[] shared = [typeof(ServiceNames).Assembly, typeof(Xichou.ServiceDefaults.Data.ServiceDbContext).Assembly, typeof(Xichou.Web.UiOptions).Assembly, typeof(Xichou.DepartmentKit.DepartmentExtensions).Assembly];

        Assert.All(shared, library => Assert.DoesNotContain(library.GetReferencedAssemblies().Select(a => a.Name), services.Contains));
    }

    /// <summary>
    /// The kit is the departments' shared code, not any department's: no type of it is named after a department and no
    /// line of its source spells a department's key, so a department's rules (grades, litres, caps) cannot hide in it.
    /// </summary>
    [Fact]
    public void The_department_kit_holds_no_departments_rules()
    {
        var kit = typeof(Xichou.DepartmentKit.DepartmentExtensions).Assembly;
        var names = Departments.WithMeasures.Select(d => Repository.ProjectNameOf(d.Key)["Xichou.".Length..]).ToList();
        Assert.Equal(6, names.Count);

        Assert.DoesNotContain(kit.GetTypes(), type => names.Any(name => type.Name.Contains(name, StringComparison.Ordinal)));
        var folder = Path.Combine(Repository.Root, "services", "Xichou.DepartmentKit");
        var sources = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".razor", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);
        var literals = Departments.WithMeasures.Select(d => $"\"{d.Key}\"").ToList();
        Assert.All(sources, path => Assert.DoesNotContain(literals, literal => File.ReadAllText(path).Contains(literal, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_department_service_references_the_kit_and_no_other_department() =>
        Assert.All(Departments.WithMeasures, department =>
        {
            var project = Repository.ServiceProjects.Single(p => p.Name == Repository.ProjectNameOf(department.Key));
            Assert.Contains("Xichou.DepartmentKit", project.ProjectReferences);
            Assert.DoesNotContain(project.ProjectReferences, reference => !Repository.SharedLibraries.Contains(reference));
        });
}
