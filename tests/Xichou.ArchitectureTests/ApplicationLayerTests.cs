using Mono.Cecil;
using Mono.Cecil.Cil;
using Xichou.Monitoring.Infrastructure;

namespace Xichou.ArchitectureTests;

/// <summary>
/// One application layer: a page calls the use case's handler in Application, as the endpoint does, and never an <c>*Api</c>
/// handler whose TypedResults it would have to unwrap (STYLE.md, "One use case, one handler, two callers").
/// </summary>
public class ApplicationLayerTests
{
    private const string Components = "Xichou.Monitoring.Components";
    private const string Apis = "Xichou.Monitoring.Apis";

    private static readonly Lazy<ModuleDefinition> Monitoring =
        new(() => ModuleDefinition.ReadModule(typeof(MonitoringDbContext).Assembly.Location));

    [Fact]
    public void Monitoring_pages_reference_nothing_in_Apis()
    {
        var pages = TypesIn(Components).ToList();

        var offending = pages
            .SelectMany(type => TypeReferences.Of(type).Where(r => r.StartsWith(Apis + ".", StringComparison.Ordinal)).Select(r => $"{type.FullName} → {r}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.True(pages.Count > 10, $"Only {pages.Count} types found in {Components}: the pages moved?");
        Assert.True(offending.Count == 0, $"Pages refer to {Apis}; call the handler in Application instead:\n{string.Join('\n', offending)}");
    }

    /// <summary>The check above can fail: Program.cs maps the endpoints, so it refers to Apis, and the scan sees it; generics are followed.</summary>
    [Fact]
    public void The_scan_finds_references_to_Apis_where_they_are()
    {
        var wiring = Monitoring.Value.GetTypes().Where(t => TypeReferences.NamespaceOf(t) == "" && (t.Name == "Program" || t.DeclaringType?.Name == "Program")).ToList();
        var apis = TypesIn(Apis).ToList();

        Assert.Contains(wiring.SelectMany(TypeReferences.Of), r => r.StartsWith(Apis + ".", StringComparison.Ordinal));
        // An endpoint's return type names its views inside Results<…>: generic arguments are followed.
        Assert.Contains(apis.SelectMany(TypeReferences.Of), r => r == "Xichou.Monitoring.Application.Pairing.CadreView");
    }

    /// <summary>Every type whose outermost declaring type lives in <paramref name="ns"/> or below: compiler-made state machines and closures included.</summary>
    private static IEnumerable<TypeDefinition> TypesIn(string ns) =>
        Monitoring.Value.GetTypes().Where(t => TypeReferences.NamespaceOf(t) is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal)));

    private static class TypeReferences
    {
        public static string? NamespaceOf(TypeReference type)
        {
            while (type.IsNested)
            {
                type = type.DeclaringType;
            }
            return type.Namespace;
        }

        /// <summary>The full names (outermost type's namespace + name) of every type a type's signatures, attributes and IL refer to.</summary>
        public static HashSet<string> Of(TypeDefinition type)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            Add(type.BaseType, found);
            foreach (var face in type.Interfaces)
            {
                Add(face.InterfaceType, found);
            }
            AddAttributes(type.CustomAttributes, found);
            foreach (var field in type.Fields)
            {
                Add(field.FieldType, found);
                AddAttributes(field.CustomAttributes, found);
            }
            foreach (var property in type.Properties)
            {
                Add(property.PropertyType, found);
                AddAttributes(property.CustomAttributes, found);
            }
            foreach (var method in type.Methods)
            {
                AddMethod(method, found);
                AddAttributes(method.CustomAttributes, found);
                if (!method.HasBody)
                {
                    continue;
                }
                foreach (var variable in method.Body.Variables)
                {
                    Add(variable.VariableType, found);
                }
                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference operand:
                            Add(operand, found);
                            break;
                        case MethodReference operand:
                            AddMethod(operand, found);
                            break;
                        case FieldReference operand:
                            Add(operand.DeclaringType, found);
                            Add(operand.FieldType, found);
                            break;
                        case CallSite operand:
                            Add(operand.ReturnType, found);
                            break;
                    }
                }
            }
            return found;
        }

        private static void AddMethod(MethodReference method, HashSet<string> found)
        {
            Add(method.DeclaringType, found);
            Add(method.ReturnType, found);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType, found);
            }
            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument, found);
                }
            }
        }

        private static void AddAttributes(IEnumerable<CustomAttribute> attributes, HashSet<string> found)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType, found);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                {
                    if (argument.Value is TypeReference typeArgument)
                    {
                        Add(typeArgument, found);
                    }
                }
            }
        }

        private static void Add(TypeReference? type, HashSet<string> found)
        {
            switch (type)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType, found);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument, found);
                    }
                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType, found);
                    return;
            }
            var outer = type;
            while (outer.IsNested)
            {
                outer = outer.DeclaringType;
            }
            found.Add($"{outer.Namespace}.{outer.Name}");
        }
    }
}
