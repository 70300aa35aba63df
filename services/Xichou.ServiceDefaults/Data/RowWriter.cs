using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Xichou.ServiceDefaults.Data;

/// <summary>
/// Writes a save's rows through one prepared statement per table and kind of change, for the consumers that store many
/// plain rows per save (a department's copy of the register). SaveChanges writes SQL text for every row and SQLite parses
/// it again for every row; on the pipeline that was most of a department's CPU. It takes only what it can write exactly as
/// SaveChanges would: entity types mapped to one table of their own, no inheritance, owned or complex types, no concurrency
/// token, no foreign key back to the same type, and no value the database generates but, on SQLite, an integer key nothing
/// refers to (an outbox or event table's sequence, read back with RETURNING). Anything else is left to SaveChanges
/// (<see cref="TryPlan"/> returns null).
/// </summary>
internal static class RowWriter
{
    private static readonly ConcurrentDictionary<IEntityType, TablePlan?> Plans = new();

    /// <summary>The order to write <paramref name="entries"/> in, or null when SaveChanges must write them.</summary>
    /// <param name="returning">Whether the provider reads a generated key back with <c>RETURNING</c> (SQLite).</param>
    public static WritePlan? TryPlan(IReadOnlyList<EntityEntry> entries, ISqlGenerationHelper sql, bool returning)
    {
        var tables = new Dictionary<IEntityType, TablePlan>();
        foreach (var entry in entries)
        {
            var type = entry.Metadata;
            if (!tables.TryGetValue(type, out var plan))
            {
                if (Plans.GetOrAdd(type, t => Plan(t, sql, returning)) is not { } planned)
                {
                    return null;
                }
                tables[type] = plan = planned;
            }
            // Only a generated key holds a temporary value (every other property of a planned type is ValueGeneratedNever),
            // and only while its row is being added.
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || (entry.State != EntityState.Added && plan.Generated is { } key && entry.Property(key.Property.Name).IsTemporary))
            {
                return null;
            }
        }
        // Principals before their dependents for inserts; the reverse for deletes. A cycle is SaveChanges' to untangle.
        var ordered = new List<TablePlan>();
        var state = new Dictionary<IEntityType, bool>();
        foreach (var type in tables.Keys)
        {
            if (!Visit(type))
            {
                return null;
            }
        }
        return new WritePlan(ordered, tables);

        bool Visit(IEntityType type)
        {
            if (state.TryGetValue(type, out var done))
            {
                return done;
            }
            state[type] = false;
            foreach (var foreignKey in type.GetForeignKeys())
            {
                if (tables.ContainsKey(foreignKey.PrincipalEntityType) && !Visit(foreignKey.PrincipalEntityType))
                {
                    return false;
                }
            }
            state[type] = true;
            ordered.Add(tables[type]);
            return true;
        }
    }

    private static TablePlan? Plan(IEntityType type, ISqlGenerationHelper sql, bool returning)
    {
        var table = StoreObjectIdentifier.Create(type, StoreObjectType.Table);
        if (table is not { } store
            || type.BaseType is not null || type.GetDerivedTypes().Any() || type.IsOwned()
            || type.GetComplexProperties().Any() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
            || type.Model.GetEntityTypes().Any(other => other != type && StoreObjectIdentifier.Create(other, StoreObjectType.Table) == store)
            || type.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type)
            || type.FindPrimaryKey() is not { } key)
        {
            return null;
        }
        var columns = new List<Column>();
        Column? generated = null;
        foreach (var property in type.GetProperties())
        {
            if (property.IsConcurrencyToken || property.GetColumnName(store) is not { } name
                || property.FindRelationalTypeMapping(store) is not { } mapping)
            {
                return null;
            }
            var column = new Column(property, sql.DelimitIdentifier(name), mapping, key.Properties.Contains(property));
            if (property.ValueGenerated == ValueGenerated.Never)
            {
                columns.Add(column);
            }
            else if (returning && property.ValueGenerated == ValueGenerated.OnAdd && key.Properties is [var only] && only == property
                && property.ClrType == typeof(long) && !type.GetReferencingForeignKeys().Any())
            {
                generated = column;
                columns.Add(column);
            }
            else
            {
                return null;
            }
        }
        return new TablePlan(type, sql.DelimitIdentifier(store.Name, store.Schema), columns, generated);
    }

    /// <summary>Writes every row in <paramref name="plan"/>'s order inside the caller's transaction; returns the rows written.</summary>
    public static async Task<int> WriteAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<EntityEntry> entries, WritePlan plan, ISqlGenerationHelper sql,
        CancellationToken cancellationToken)
    {
        var byType = entries.GroupBy(e => e.Metadata).ToDictionary(g => g.Key, g => g.ToList());
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        var keysGiven = new List<(PropertyEntry Key, object? Temporary)>();
        try
        {
            var written = 0;
            foreach (var table in Enumerable.Reverse(plan.Ordered))
            {
                foreach (var entry in byType[table.Type].Where(e => e.State == EntityState.Deleted))
                {
                    written += await ExecuteAsync(table.Delete(sql), table.Keys, entry, expectOne: true);
                }
            }
            foreach (var table in plan.Ordered)
            {
                var added = byType[table.Type].Where(e => e.State == EntityState.Added);
                if (table.Generated is { } generated)
                {
                    // EF Core's temporary keys grow in the order the rows were added; the database's keys keep that order
                    // (the outbox publishes by it).
                    added = added.OrderBy(e => (long)e.Property(generated.Property.Name).CurrentValue!);
                }
                // One row a statement, the statement prepared once per save: an INSERT of many rows measured slower (SQLite
                // parses it again at every save), and SQLite does not promise RETURNING's rows in the order of the VALUES.
                foreach (var entry in added)
                {
                    written += await ExecuteAsync(table.Insert(sql), table.Inserted, entry, expectOne: false, table.Generated);
                }
            }
            foreach (var table in plan.Ordered)
            {
                foreach (var entry in byType[table.Type].Where(e => e.State == EntityState.Modified))
                {
                    var changed = table.Columns.Where(c => !c.IsKey && entry.Property(c.Property.Name).IsModified).ToList();
                    if (changed.Count > 0)
                    {
                        written += await ExecuteAsync(table.Update(sql, changed), [.. changed, .. table.Keys], entry, expectOne: true);
                    }
                }
            }
            return written;
        }
        catch
        {
            // The transaction is rolled back: the rows keep temporary keys, so a retry inserts them afresh (as SaveChanges does).
            foreach (var (key, temporary) in keysGiven)
            {
                key.CurrentValue = temporary;
                key.IsTemporary = true;
            }
            throw;
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }

        async Task<int> ExecuteAsync(string text, IReadOnlyList<Column> parameters, EntityEntry entry, bool expectOne, Column? generated = null)
        {
            if (!commands.TryGetValue(text, out var command))
            {
                command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = text;
                commands[text] = command;
            }
            command.Parameters.Clear();
            var values = entry.State == EntityState.Deleted ? entry.OriginalValues : entry.CurrentValues;
            for (var i = 0; i < parameters.Count; i++)
            {
                var column = parameters[i];
                command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName("p" + i), values[column.Property], column.Property.IsNullable));
            }
            if (generated is not null)
            {
                // The key the database gave the row, in place of EF Core's temporary one (as SaveChanges would set it).
                var key = entry.Property(generated.Property.Name);
                keysGiven.Add((key, key.CurrentValue));
                key.CurrentValue = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                key.IsTemporary = false;
                return 1;
            }
            var affected = await command.ExecuteNonQueryAsync(cancellationToken);
            if (expectOne && affected != 1)
            {
                throw new DbUpdateConcurrencyException(
                    $"A {entry.State.ToString().ToLowerInvariant()} row of {entry.Metadata.DisplayName()} affected {affected} rows, not 1.");
            }
            return 1;
        }
    }

    internal sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, bool IsKey);

    internal sealed class TablePlan(IEntityType type, string table, IReadOnlyList<Column> columns, Column? generated)
    {
        private string? _insert;
        private string? _delete;

        public IEntityType Type { get; } = type;

        public string Table { get; } = table;

        public IReadOnlyList<Column> Columns { get; } = columns;

        /// <summary>The integer key the database generates, read back with RETURNING: a key for updates and deletes, not inserted.</summary>
        public Column? Generated { get; } = generated;

        /// <summary>The columns an insert writes.</summary>
        public IReadOnlyList<Column> Inserted { get; } = [.. columns.Where(c => c != generated)];

        public IReadOnlyList<Column> Keys { get; } = [.. columns.Where(c => c.IsKey)];

        public string Insert(ISqlGenerationHelper sql) => _insert ??= new StringBuilder("INSERT INTO ").Append(Table)
            .Append(" (").AppendJoin(", ", Inserted.Select(c => c.Name)).Append(") VALUES (")
            .AppendJoin(", ", Inserted.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i))).Append(')')
            .Append(Generated is null ? "" : " RETURNING " + Generated.Name).ToString();

        public string Delete(ISqlGenerationHelper sql) => _delete ??= "DELETE FROM " + Table + Where(sql, 0);

        public string Update(ISqlGenerationHelper sql, IReadOnlyList<Column> changed) =>
            new StringBuilder("UPDATE ").Append(Table).Append(" SET ")
                .AppendJoin(", ", changed.Select((c, i) => c.Name + " = " + sql.GenerateParameterNamePlaceholder("p" + i)))
                .Append(Where(sql, changed.Count)).ToString();

        private string Where(ISqlGenerationHelper sql, int first) =>
            " WHERE " + string.Join(" AND ", Keys.Select((c, i) => c.Name + " = " + sql.GenerateParameterNamePlaceholder("p" + (first + i))));
    }

    internal sealed record WritePlan(IReadOnlyList<TablePlan> Ordered, IReadOnlyDictionary<IEntityType, TablePlan> Tables);
}
