using System.Security.Claims;
using System.Text.Json;
using Xichou.ServiceDefaults.Security;

namespace Xichou.ServiceDefaults.Auditing;

/// <summary>What was done to personal data, written in the same transaction as the change (or before the data is sent).</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";

    /// <summary>A full ID number, phone or bank account was shown to someone who asked for it, with a reason.</summary>
    public const string Reveal = "reveal";

    /// <summary>Personal data left the platform in a file.</summary>
    public const string Export = "export";

    /// <summary>
    /// A write the service refused where the refusal itself tells something (an ID number already registered, an import
    /// rejected): who tried, what, the ID number masked.
    /// </summary>
    public const string Refuse = "refuse";

    /// <summary>A message an operator sent back from an error queue to the queue it failed on.</summary>
    public const string Replay = "replay";

    public static readonly IReadOnlyList<string> All = [Create, Update, Reveal, Export, Refuse, Replay];
}

/// <summary>Who is acting: the user name and roles from the gateway's token.</summary>
public sealed record Actor(string UserName, string Roles)
{
    public static readonly Actor System = new("system", "");

    public static Actor Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(XichouClaims.Name) ?? user.FindFirstValue(XichouClaims.Subject) ?? "unknown",
        string.Join(',', user.FindAll(XichouClaims.Role).Select(c => c.Value)));
}

/// <summary>One line of a service's audit log (审计日志): who, when, which household, which field, why, what changed.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }

    /// <summary>UTC. A <see cref="DateTime"/>, not an offset, so SQLite can filter and sort by it.</summary>
    public DateTime At { get; private set; }

    public string UserName { get; private set; } = "";
    public string Roles { get; private set; } = "";
    public string Action { get; private set; } = "";
    public Guid? HouseholdId { get; private set; }

    /// <summary>The personal-data field revealed or exported (idNumber, phone, bankAccount), if any.</summary>
    public string? Field { get; private set; }

    /// <summary>The reason the user gave for seeing a full value.</summary>
    public string? Reason { get; private set; }

    /// <summary>JSON of what changed or what was exported; personal values in it are masked.</summary>
    public string? Details { get; private set; }

    public string? TraceId { get; private set; }

    public static AuditEntry Record(Actor actor, string action, DateTimeOffset at, Guid? householdId = null,
        string? field = null, string? reason = null, object? details = null) => new()
    {
        At = at.UtcDateTime,
        UserName = actor.UserName,
        Roles = actor.Roles,
        Action = action,
        HouseholdId = householdId,
        Field = field,
        Reason = reason,
        Details = details is null ? null : JsonSerializer.Serialize(details, DetailsJson),
        TraceId = System.Diagnostics.Activity.Current?.TraceId.ToString(),
    };

    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
