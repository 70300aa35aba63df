using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model;

/// <summary>The household on the register that already holds an ID number, with what decides whether the caller may know it.</summary>
public sealed record RegisteredHolder(Guid HouseholdId, string Code, string TownshipCode, string VillageCode, string? PairedCadre)
{
    public bool IsWithin(Jurisdiction scope) => scope.Covers(TownshipCode, VillageCode, PairedCadre);
}

/// <summary>How many "already registered elsewhere" answers one user gets in a window before the answer is a 429.</summary>
public sealed record DuplicateAnswerLimits
{
    public const string SectionName = "Register:DuplicateAnswers";

    /// <summary>A village registers a few dozen households a year; ten numbers held outside one's jurisdiction in an hour is a search.</summary>
    public int PermitLimit { get; init; } = 10;

    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);
}

public abstract record DuplicateAnswer
{
    /// <summary>The household is inside the caller's jurisdiction: they may see it anyway, so it is named.</summary>
    public sealed record Named(string HouseholdCode) : DuplicateAnswer;

    /// <summary>Outside it: the number is taken, and nothing says where.</summary>
    public sealed record Hidden : DuplicateAnswer;

    /// <summary>The caller has had <see cref="DuplicateAnswerLimits.PermitLimit"/> hidden answers in the window.</summary>
    public sealed record Limited(TimeSpan Window) : DuplicateAnswer;
}

/// <summary>
/// Answers a write that collides with an ID number on the register (a registration, an import, a member added) without
/// making the register an oracle: a household outside the caller's jurisdiction is never named (code, township, village),
/// every collision is audited with the number masked (<see cref="AuditActions.Refuse"/>), and a user who keeps hitting
/// numbers held elsewhere is stopped with a 429. The count is the audit log's, so it holds across replicas.
/// </summary>
public sealed class DuplicateIdNumbers(DuplicateAnswerLimits limits, TimeProvider time)
{
    /// <summary>The audit line's reason for a number held inside the caller's jurisdiction.</summary>
    public const string HeldWithin = "duplicate";

    /// <summary>…and outside it: the lines the limit counts.</summary>
    public const string HeldElsewhere = "duplicate-elsewhere";

    public DuplicateAnswerLimits Limits => limits;

    /// <summary>Decides the answer for one collision and saves its audit line.</summary>
    public async Task<DuplicateAnswer> AnswerAsync(MonitoringDbContext db, Actor actor, Jurisdiction scope, RegisteredHolder holder,
        string idNumber, string refused, CancellationToken ct)
    {
        var within = holder.IsWithin(scope);
        DuplicateAnswer answer = within ? new DuplicateAnswer.Named(holder.Code)
            : await RemainingAsync(db, actor, ct) > 0 ? new DuplicateAnswer.Hidden() : new DuplicateAnswer.Limited(limits.Window);
        Audit(db, actor, holder, idNumber, refused, answer);
        await db.SaveChangesAsync(ct);
        return answer;
    }

    /// <summary>How many more numbers held elsewhere <paramref name="actor"/> may be told about in the current window.</summary>
    public async Task<int> RemainingAsync(MonitoringDbContext db, Actor actor, CancellationToken ct)
    {
        var since = time.GetUtcNow().Subtract(limits.Window).UtcDateTime;
        var used = await db.AuditLog.CountAsync(e => e.UserName == actor.UserName && e.Action == AuditActions.Refuse
            && e.Reason == HeldElsewhere && e.At >= since, ct);
        return Math.Max(0, limits.PermitLimit - used);
    }

    /// <summary>Adds the audit line of one collision, unsaved.</summary>
    public void Audit(MonitoringDbContext db, Actor actor, RegisteredHolder holder, string idNumber, string refused, DuplicateAnswer answer) =>
        db.Audit(AuditEntry.Record(actor, AuditActions.Refuse, time.GetUtcNow(), holder.HouseholdId, PersonalData.IdNumber,
            answer is DuplicateAnswer.Named ? HeldWithin : HeldElsewhere, new
            {
                refused,
                idNumber = IdNumber.Mask(idNumber),
                answer = answer switch
                {
                    DuplicateAnswer.Named => "named",
                    DuplicateAnswer.Hidden => "hidden",
                    _ => "rate-limited",
                },
            }));

    /// <summary>The answer as the API gives it: 409 (naming the household only when the caller may see it) or 429.</summary>
    public static ProblemHttpResult Problem(DuplicateAnswer answer, string? field) => answer switch
    {
        DuplicateAnswer.Named named => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: Title,
            detail: Bilingual.Message($"已在农户 {named.HouseholdCode} 中登记", $"It belongs to household {named.HouseholdCode}."),
            extensions: new Dictionary<string, object?> { ["householdCode"] = named.HouseholdCode, ["field"] = field }),
        DuplicateAnswer.Limited limited => TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: Bilingual.Message("已登记身份证号的查询过于频繁", "Too many ID numbers already registered elsewhere were tried."),
            detail: Bilingual.Message($"请{Minutes(limited.Window)}分钟后再试；如需核实，请联系县扶贫开发局",
                $"Try again in {Minutes(limited.Window)} minutes, or ask the county poverty office to check."),
            extensions: new Dictionary<string, object?> { ["field"] = field }),
        _ => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: Title,
            detail: HiddenDetail,
            extensions: new Dictionary<string, object?> { ["field"] = field }),
    };

    public static readonly string Title = Bilingual.Message("该身份证号已登记", "This ID number is already registered.");

    public static readonly string HiddenDetail = Bilingual.Message("此人已在册，请联系县扶贫开发局核实", "This person is on the register; ask the county poverty office to check.");

    /// <summary>The import's message at the cell of a number held outside the caller's jurisdiction.</summary>
    public const string HiddenCellMessage = "身份证号已登记在册，请联系县扶贫开发局核实";

    private static int Minutes(TimeSpan window) => (int)Math.Ceiling(window.TotalMinutes);
}
