using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace Xichou.Monitoring.Model.Import;

public enum ImportStage
{
    Reading,
    Validating,
    Saving,
    Stored,
    Rejected,
    Failed,
}

/// <summary>Where an import is: its stage, and how many of the file's households are done in it.</summary>
public sealed record ImportProgress([property: JsonConverter(typeof(JsonStringEnumConverter<ImportStage>))] ImportStage Stage, int Households, int Done, string Owner, DateTimeOffset UpdatedAt)
{
    public int Percent => Stage is ImportStage.Stored ? 100 : Households == 0 ? 0 : (int)(100L * Done / Households);
}

/// <summary>
/// The progress of running imports, keyed by an id the client chose, for the page to poll while its request runs.
/// In memory and per replica: behind a load balancer the poll must reach the replica holding the import (sticky
/// sessions), or it sees no progress until the import's own response arrives, which carries the outcome anyway.
/// </summary>
public sealed class ImportProgressStore(TimeProvider time)
{
    public const int MaxIdLength = 64;

    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, ImportProgress> _imports = new(StringComparer.Ordinal);

    public static bool IsValidId(string? importId) =>
        importId is { Length: > 0 and <= MaxIdLength } && importId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public void Report(string? importId, string owner, ImportStage stage, int households, int done)
    {
        if (importId is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        _imports[importId] = new ImportProgress(stage, households, done, owner, now);
        if (_imports.Count > 1000)
        {
            foreach (var (id, progress) in _imports)
            {
                if (now - progress.UpdatedAt > KeptFor)
                {
                    _imports.TryRemove(id, out _);
                }
            }
        }
    }

    /// <summary>The import's progress, if it exists and belongs to <paramref name="owner"/>.</summary>
    public ImportProgress? Get(string importId, string owner) =>
        _imports.TryGetValue(importId, out var progress) && progress.Owner == owner ? progress : null;
}
