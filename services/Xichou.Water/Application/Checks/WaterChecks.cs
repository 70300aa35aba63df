using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Findings;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;
using Xichou.Water.Infrastructure;
using Xichou.Water.Model.Checks;
using Xichou.Water.Model.Remediations;
using Xichou.Water.Policy;

namespace Xichou.Water.Application.Checks;

public abstract record CheckOutcome
{
    /// <param name="Finding">The risk put on the county's register, when the check failed.</param>
    public sealed record Recorded(WaterCheck Check, KnownHousehold Household, RiskIdentified? Finding) : CheckOutcome;

    /// <summary>No such household in the water bureau's copy, or not inside the caller's jurisdiction.</summary>
    public sealed record NotFound : CheckOutcome;

    /// <summary>The caller may read here but not write (checked by the use case too, not only by the endpoint).</summary>
    public sealed record Forbidden : CheckOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : CheckOutcome;

    /// <summary>The household takes no new work (it exited monitoring); the messages are bilingual.</summary>
    public sealed record Conflict(string Title, string Detail) : CheckOutcome;
}

/// <summary>
/// 饮水安全排查 (措施十): records a check, judges it by <see cref="WaterRules"/>, and in the same SaveChanges sets the
/// household's survey, puts a failing check on the county's risk register (<see cref="RiskIdentified"/> through the outbox)
/// and writes the audit line. Failing checks in a row are one unsafe episode and report one finding id
/// (<see cref="WaterCheck.EpisodeFindingAfter"/>), so the register holds one risk for them. The API and the household
/// page both call it.
/// </summary>
public sealed class WaterChecks(WaterDbContext db, ServiceSecurity security, WaterPolicy policy, Department department, TimeProvider time)
{
    public static readonly string ExitedTitle = Bilingual.Message("该户已退出监测", "The household has exited monitoring.");

    public static readonly string ExitedDetail = Bilingual.Message("已退出监测的农户保留记录，不再安排新的排查或整改",
        "An exited household keeps its records but gets no new check or remediation.");

    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public async Task<CheckOutcome> RecordAsync(Guid householdId, CheckRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new CheckOutcome.Forbidden();
        }
        var household = await db.Households.Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new CheckOutcome.NotFound();
        }
        var errors = CheckValidation.Validate(request, Beijing.Today(time),
            new EarliestDay(Beijing.DateOf(household.RegisteredAt), "该户登记日期", "the household's registration"));
        if (!errors.IsEmpty)
        {
            return new CheckOutcome.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return new CheckOutcome.Conflict(ExitedTitle, ExitedDetail);
        }

        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var measured = CheckValidation.ToMeasurements(request);
        var verdict = WaterRules.Evaluate(measured, household.VillageCode, policy);
        var check = WaterCheck.Record(household.Id, request.CheckedOn!.Value, measured, verdict, remediationId: null, actor.UserName, now);
        db.Checks.Add(check);

        // A check entered late for an earlier day is kept in the history; the survey and the register follow the latest day only.
        var latest = !await db.Checks.AnyAsync(c => c.HouseholdId == household.Id && c.CheckedOn > check.CheckedOn, ct);
        RiskIdentified? finding = null;
        if (latest)
        {
            var description = WaterRules.Describe(check.CheckedOn, verdict);
            household.RecordSurvey(verdict.Safe ? SurveyStatus.Secured : SurveyStatus.Problem, verdict.Safe ? null : Note(description),
                actor.UserName, now);
            if (!verdict.Safe)
            {
                var findingId = await db.EpisodeFindingAsync(household.Id, ct) ?? check.Id;
                finding = Findings.Publish(db, department, household, findingId, WaterRules.CategoryOf(verdict), WaterRules.SeverityOf(verdict),
                    description, now);
                check.Reported(findingId);
            }
        }
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
        {
            check = check.Id,
            check.CheckedOn,
            check.Safe,
            failing = check.Failures.Select(f => WireName.Of(f.Indicator)).ToList(),
            survey = latest ? WireName.Of(household.SurveyStatus) : null,
            finding = finding?.RiskId,
        }));
        await db.SaveChangesAsync(ct);
        return new CheckOutcome.Recorded(check, household, finding);
    }

    /// <summary>The household's checks, newest first; null when the household is not inside the caller's jurisdiction.</summary>
    public async Task<IReadOnlyList<WaterCheck>?> HistoryAsync(Guid householdId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).AnyAsync(h => h.Id == householdId, ct))
        {
            return null;
        }
        return await db.Checks.AsNoTracking().Where(c => c.HouseholdId == householdId)
            .OrderByDescending(c => c.CheckedOn).ThenByDescending(c => c.RecordedAt).ToListAsync(ct);
    }

    private static string Note(string description) =>
        description.Length <= HouseholdsApi.MaxSurveyNoteLength ? description : description[..HouseholdsApi.MaxSurveyNoteLength];
}
