using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Xichou.ServiceDefaults.Data;

/// <summary>
/// A save refused by a unique index or key. It names the index, never the value: SQL Server's own message (2601, 2627)
/// carries the duplicate value, an ID number on the households' index, and whatever logs an exception would write it out.
/// The provider's exception is therefore not kept as the inner exception.
/// </summary>
public sealed class DuplicateKeyException(string indexName, IReadOnlyList<EntityEntry> entries)
    : DbUpdateException($"A row with the same key already exists in the unique index {indexName}; the value is withheld.", null, entries)
{
    /// <summary>The database name of the unique index or key that refused the row (IX_Households_HeadIdNumber).</summary>
    public string IndexName { get; } = indexName;
}

/// <summary>
/// Database error messages without the personal values some of them quote: SQL Server's duplicate-key messages (2601, 2627)
/// end "The duplicate key value is (...)", its truncation message (2628) quotes the truncated value. SQLite's name only
/// table and columns, which are mapped back to the index's name.
/// </summary>
public static partial class DatabaseErrors
{
    public const string Withheld = "withheld";

    /// <summary><paramref name="message"/> with every value it quotes replaced by "withheld".</summary>
    public static string Redact(string message) =>
        TruncatedValue().Replace(DuplicateKeyValue().Replace(message, "The duplicate key value is " + Withheld + "."), "Truncated value: " + Withheld + ".");

    /// <summary>
    /// The database name of the unique index or key that refused a save, when <paramref name="exception"/> is a unique
    /// violation (SQL Server 2601/2627, SQLite constraint 2067/1555), found in <paramref name="model"/> for SQLite; else null.
    /// </summary>
    public static string? DuplicateIndexOf(Exception? providerException, IModel? model)
    {
        switch (providerException)
        {
            case SqlException sql:
                return SqlServerDuplicateIndex(sql.Number, sql.Message);
            case SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } sqlite
                when SqliteUnique().Match(sqlite.Message) is { Success: true } match:
                var columns = match.Groups["columns"].Value.Split(", ");
                var table = columns[0][..columns[0].LastIndexOf('.')];
                string[] names = [.. columns.Select(c => c[(c.LastIndexOf('.') + 1)..])];
                return (model is null ? null : IndexNameOf(model, table, names)) ?? $"{table}({string.Join(", ", names)})";
            default:
                return null;
        }
    }

    /// <summary>What a log may say of a provider's error: the index of a duplicate key, else the message redacted.</summary>
    public static string Describe(Exception providerException, IModel? model) =>
        DuplicateIndexOf(providerException, model) is { } index
            ? $"Duplicate key in the unique index {index}; the value is withheld."
            : Redact(providerException.Message);

    /// <summary>The index or key a SQL Server error names, when it is a duplicate-key error (2601 on an index, 2627 on a constraint).</summary>
    public static string? SqlServerDuplicateIndex(int number, string message)
    {
        var match = number switch
        {
            2601 => SqlServerUniqueIndex().Match(message),
            2627 => SqlServerConstraint().Match(message),
            _ => Match.Empty,
        };
        return match.Success ? match.Groups["name"].Value : null;
    }

    /// <summary>
    /// What a failed save is rethrown as, so no log or handler sees a value: a <see cref="DuplicateKeyException"/> for a
    /// unique violation, a <see cref="DbUpdateException"/> with a redacted message for any other message that quotes a
    /// value; null when the exception quotes none and can go on as it is.
    /// </summary>
    public static DbUpdateException? Sanitise(DbUpdateException exception, IModel model)
    {
        if (exception is DbUpdateConcurrencyException)
        {
            return null;
        }
        if (DuplicateIndexOf(exception.InnerException, model) is { } index)
        {
            return new DuplicateKeyException(index, exception.Entries);
        }
        var message = exception.InnerException?.Message ?? "";
        var redacted = Redact(message);
        return redacted == message ? null : new DbUpdateException($"{exception.Message} {redacted}", null, exception.Entries);
    }

    private static string? IndexNameOf(IModel model, string table, string[] columns)
    {
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() == table))
        {
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            bool Matches(IReadOnlyList<IProperty> properties) =>
                properties.Select(p => p.GetColumnName(store)).SequenceEqual(columns, StringComparer.OrdinalIgnoreCase);
            if (entity.GetIndexes().FirstOrDefault(i => i.IsUnique && Matches(i.Properties)) is { } index)
            {
                return index.GetDatabaseName(store);
            }
            if (entity.GetKeys().FirstOrDefault(k => Matches(k.Properties)) is { } key)
            {
                return key.GetName(store);
            }
        }
        return null;
    }

    [GeneratedRegex(@"The duplicate key value is \(.*\)\.?")]
    private static partial Regex DuplicateKeyValue();

    [GeneratedRegex(@"Truncated value: '.*'\.?")]
    private static partial Regex TruncatedValue();

    [GeneratedRegex(@"with unique index '(?<name>[^']+)'")]
    private static partial Regex SqlServerUniqueIndex();

    [GeneratedRegex(@"Violation of (?:PRIMARY|UNIQUE) KEY constraint '(?<name>[^']+)'")]
    private static partial Regex SqlServerConstraint();

    [GeneratedRegex(@"UNIQUE constraint failed: (?<columns>[^']+?)'?\.?$", RegexOptions.Multiline)]
    private static partial Regex SqliteUnique();
}
