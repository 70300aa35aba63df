using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Http;

namespace Xichou.ServiceDefaults.Security;

/// <summary>
/// The query a caller adds to see a full value: <c>?reveal=idNumber&amp;reason=…</c>, with the header
/// <c>X-Xichou-Reveal: 1</c> (<see cref="PersonalData.RevealHeader"/>). Without them every ID number, phone number and
/// bank account in a response is masked.
/// </summary>
public sealed record RevealQuery(string? Reveal, string? Reason,
    [FromHeader(Name = PersonalData.RevealHeader)] string? Confirmed = null);

public abstract record RevealDecision
{
    /// <summary>The decision when nothing was asked: every value masked.</summary>
    public static readonly RevealDecision None = new Masked();

    /// <summary>Nothing asked: mask everything.</summary>
    public sealed record Masked : RevealDecision;

    public sealed record Granted(IReadOnlyList<string> Fields, string Reason) : RevealDecision
    {
        public bool Includes(string field) => Fields.Contains(field);
    }

    public sealed record Invalid(IDictionary<string, string[]> Errors) : RevealDecision;

    public sealed record Forbidden : RevealDecision;

    public bool Reveals(string field) => this is Granted granted && granted.Includes(field);
}

/// <summary>Sensitive personal information (敏感个人信息) and how a request may see it.</summary>
public static class PersonalData
{
    public const string IdNumber = "idNumber";
    public const string Phone = "phone";
    public const string BankAccount = "bankAccount";

    /// <summary>
    /// A reveal is a GET, so a link or an &lt;img&gt; on another site could make a signed-in browser ask for one (and write an
    /// audit line in the user's name). A link cannot set a header, and a cross-site script cannot send this one without
    /// a CORS preflight that no service answers: a reveal needs it, with the value 1.
    /// </summary>
    public const string RevealHeader = "X-Xichou-Reveal";

    public const int MinReasonLength = 2;
    public const int MaxReasonLength = 200;

    /// <summary>
    /// Whether <paramref name="user"/> may see the fields asked for. Only roles in <see cref="ServiceAccess.RevealersOf"/>
    /// may, only fields the endpoint holds, and only with a reason, which goes to the audit log.
    /// </summary>
    public static RevealDecision Decide(RevealQuery query, ClaimsPrincipal user, ServiceSecurity security, IReadOnlyList<string> fieldsHeld)
    {
        if (string.IsNullOrWhiteSpace(query.Reveal))
        {
            return new RevealDecision.Masked();
        }
        if (!security.CanReveal(user))
        {
            return new RevealDecision.Forbidden();
        }
        var fields = query.Reveal.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var errors = new ValidationErrors();
        var unknown = fields.Where(field => !fieldsHeld.Contains(field)).ToList();
        if (unknown.Count > 0 || fields.Count == 0)
        {
            errors.Add("reveal", $"可查看的字段只有 {string.Join('、', fieldsHeld)}", $"Only {string.Join(", ", fieldsHeld)} can be revealed here.");
        }
        if (query.Confirmed?.Trim() != "1")
        {
            errors.Add(RevealHeader, $"查看完整信息须在请求头 {RevealHeader}: 1 中确认（链接不能触发查看）",
                $"Send the header {RevealHeader}: 1 to reveal a full value; a link cannot.");
        }
        var reason = query.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < MinReasonLength)
        {
            errors.Add("reason", "查看完整信息须填写事由", "A reason is required to see a full value.");
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors.Add("reason", $"事由不能超过{MaxReasonLength}个字", $"The reason is at most {MaxReasonLength} characters.");
        }
        return errors.IsEmpty ? new RevealDecision.Granted(fields, reason!) : new RevealDecision.Invalid(errors.ToDictionary());
    }

    /// <summary>
    /// Saves the audit line of a granted reveal (who, which household, which fields, why) before the full values are sent:
    /// no reveal without its line. Nothing when the values stay masked.
    /// </summary>
    public static async Task AuditRevealAsync(this ServiceDbContext db, RevealDecision decision, ClaimsPrincipal user, Guid householdId,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (decision is RevealDecision.Granted granted)
        {
            db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Reveal, time.GetUtcNow(), householdId,
                string.Join(',', granted.Fields), granted.Reason));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>王**: the surname only, for readers who see everything but no one in particular (county leaders).</summary>
    public static string MaskName(string? name) =>
        string.IsNullOrEmpty(name) ? "" : name.Length == 1 ? "*" : $"{name[..1]}{new string('*', name.Length - 1)}";

    /// <summary>138****5678: the carrier prefix and the last four digits, as the national notice rules show a phone.</summary>
    public static string MaskPhone(string? phone) =>
        string.IsNullOrEmpty(phone) ? "" : phone.Length <= 7 ? new string('*', phone.Length) : $"{phone[..3]}{new string('*', phone.Length - 7)}{phone[^4..]}";

    /// <summary>Only the last four digits of a bank account.</summary>
    public static string MaskBankAccount(string? account) =>
        string.IsNullOrEmpty(account) ? "" : account.Length <= 4 ? new string('*', account.Length) : $"{new string('*', account.Length - 4)}{account[^4..]}";
}
