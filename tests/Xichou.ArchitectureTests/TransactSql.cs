using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Xichou.ArchitectureTests;

/// <summary>
/// T-SQL checked the way SQL Server 2022 would parse it (no server runs here): the script itself and every literal it
/// hands to <c>EXEC(N'...')</c>, which is how EF Core's idempotent scripts wrap what cannot sit inside an IF.
/// </summary>
public static class TransactSql
{
    /// <summary>Every syntax error, with its line, of <paramref name="script"/> and the batches it executes dynamically.</summary>
    public static IReadOnlyList<string> Errors(string script)
    {
        var errors = new List<string>();
        Collect(script, "", errors);
        return errors;
    }

    /// <summary>sqlcmd's <c>$(NAME)</c> variables replaced by a value, as sqlcmd does before the server sees the script.</summary>
    public static string WithSqlCmdVariables(string script, string value) =>
        System.Text.RegularExpressions.Regex.Replace(script, @"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)", value);

    /// <summary>The sqlcmd variables a script uses.</summary>
    public static IReadOnlySet<string> SqlCmdVariables(string script) =>
        System.Text.RegularExpressions.Regex.Matches(script, @"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")
            .Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    public static TSqlFragment Parse(string script)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        return fragment;
    }

    private static void Collect(string script, string where, List<string> errors)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var parseErrors);
        errors.AddRange(parseErrors.Select(e => $"{where}line {e.Line}: {e.Message}"));
        if (fragment is null)
        {
            return;
        }
        var dynamic = new DynamicSql();
        fragment.Accept(dynamic);
        foreach (var (line, text) in dynamic.Batches)
        {
            Collect(text, $"{where}EXEC at line {line}, ", errors);
        }
    }

    private sealed class DynamicSql : TSqlFragmentVisitor
    {
        public List<(int Line, string Text)> Batches { get; } = [];

        public override void ExplicitVisit(ExecutableStringList node)
        {
            // A variable concatenated in (EF Core's AlterColumn drops a default constraint found at run time:
            // N'ALTER TABLE [T] DROP CONSTRAINT [' + @var + '];') stands for a name: a placeholder name is put in its place.
            var text = string.Concat(node.Strings.Select(part => part switch
            {
                StringLiteral literal => literal.Value,
                VariableReference => "placeholder_name",
                _ => "",
            }));
            if (text.Length > 0)
            {
                Batches.Add((node.StartLine, text));
            }
            base.ExplicitVisit(node);
        }
    }
}
