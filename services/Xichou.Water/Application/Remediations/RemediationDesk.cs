using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Findings;
using Xichou.DepartmentKit.Referrals;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;
using Xichou.Water.Application.Checks;
using Xichou.Water.Infrastructure;
using Xichou.Water.Model.Checks;
using Xichou.Water.Model.Remediations;
using Xichou.Water.Policy;

namespace Xichou.Water.Application.Remediations;

/// <summary>Open a case: <c>{ measure, responsiblePerson, supplyPoint, householdIds }</c> (the supply point is optional).</summary>
public sealed record OpenRemediationRequest(string? Measure, string? ResponsiblePerson, string? SupplyPoint, IReadOnlyList<Guid>? HouseholdIds);

/// <summary>A household of a case with the verdict its re-check got.</summary>
public sealed record HouseholdVerdict(KnownHousehold Household, WaterVerdict Verdict);

public abstract record RemediationOutcome
{
    public sealed record Opened(RemediationCase Remediation, IReadOnlyList<KnownHousehold> Households) : RemediationOutcome;

    /// <param name="Delivered">The open referrals to water for the case's households, delivered with the re-check as outcome in the completion's transaction.</param>
    public sealed record Completed(
        RemediationCase Remediation, IReadOnlyList<KnownHousehold> Households, IReadOnlyList<WaterCheck> Checks,
        IReadOnlyList<Referral> Delivered) : RemediationOutcome;

    public sealed record NotFound : RemediationOutcome;

    public sealed record Forbidden : RemediationOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : RemediationOutcome;

    /// <summary>Not allowed in the case's or the households' state; the messages are bilingual.</summary>
    public sealed record Conflict(string Title, string Detail) : RemediationOutcome;

    /// <summary>The re-check fails for some households: nothing is stored; each is named with its failing indicators.</summary>
    public sealed record RecheckFailed(string Title, string Detail, IReadOnlyList<HouseholdVerdict> Failing) : RemediationOutcome;
}

/// <summary>
/// Remediation cases (整改, 措施十 "有问题的农户逐户解决到位"): opened for one household or for every household a supply point
/// serves, completed only by a re-check every household passes, which is recorded as each household's check, secures its
/// survey and delivers every open referral to water about it (the kit's <see cref="ReferralDesk.StageDeliveriesAsync"/>), all
/// in one SaveChanges. The API and the pages both call these.
/// </summary>
public sealed class RemediationDesk(
    WaterDbContext db, ServiceSecurity security, WaterPolicy policy, ReferralDesk desk, Department department, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public IQueryable<RemediationCase> VisibleTo(ClaimsPrincipal user) =>
        db.RemediationsWithin(security.JurisdictionOf(user)).AsNoTracking().Include(r => r.Households);

    /// <summary>A case inside the caller's jurisdiction with its households, or null.</summary>
    public async Task<(RemediationCase Remediation, IReadOnlyList<KnownHousehold> Households)?> FindAsync(
        Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var remediation = await VisibleTo(user).FirstOrDefaultAsync(r => r.Id == id, ct);
        return remediation is null ? null : (remediation, await HouseholdsOfAsync([remediation], ct));
    }

    /// <summary>The households of <paramref name="remediations"/>, read-only.</summary>
    public async Task<IReadOnlyList<KnownHousehold>> HouseholdsOfAsync(IEnumerable<RemediationCase> remediations, CancellationToken ct)
    {
        var ids = remediations.SelectMany(r => r.Households).Select(h => h.HouseholdId).Distinct().ToList();
        return await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToListAsync(ct);
    }

    public async Task<RemediationOutcome> OpenAsync(OpenRemediationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new RemediationOutcome.Forbidden();
        }
        var errors = new ValidationErrors();
        RequireText(errors, "measure", request.Measure, RemediationCase.MaxMeasureLength, "整改措施", "The measure");
        RequireText(errors, "responsiblePerson", request.ResponsiblePerson, RemediationCase.MaxResponsiblePersonLength, "责任人", "The responsible person");
        if (request.SupplyPoint?.Trim().Length > RemediationCase.MaxSupplyPointLength)
        {
            errors.Add("supplyPoint", $"供水点不能超过{RemediationCase.MaxSupplyPointLength}个字",
                $"The supply point is at most {RemediationCase.MaxSupplyPointLength} characters.");
        }
        var ids = (request.HouseholdIds ?? []).Distinct().ToList();
        List<KnownHousehold> households = [];
        if (ids.Count == 0)
        {
            errors.Add("householdIds", "至少选择一户", "At least one household is required.");
        }
        else if (ids.Count > RemediationCase.MaxHouseholds)
        {
            errors.Add("householdIds", $"一个整改最多{RemediationCase.MaxHouseholds}户", $"A case serves at most {RemediationCase.MaxHouseholds} households.");
        }
        else
        {
            households = await db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).Where(h => ids.Contains(h.Id)).ToListAsync(ct);
            var unknown = ids.Where(id => households.All(h => h.Id != id)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add("householdIds", $"以下农户不在本局掌握的农户中或不在您的管辖范围内：{string.Join("、", unknown)}",
                    $"Not households known here within your jurisdiction: {string.Join(", ", unknown)}.");
            }
        }
        if (!errors.IsEmpty)
        {
            return new RemediationOutcome.Invalid(errors.ToDictionary());
        }

        var exited = households.Where(h => h.HasExited).ToList();
        if (exited.Count > 0)
        {
            return new RemediationOutcome.Conflict(WaterChecks.ExitedTitle,
                Bilingual.Message($"以下农户已退出监测，不再安排整改：{Codes(exited)}", $"These households exited monitoring and get no new work: {Codes(exited)}."));
        }
        var served = await db.RemediationHouseholds.AsNoTracking()
            .Where(h => ids.Contains(h.HouseholdId) && db.Remediations.Any(r => r.Id == h.RemediationId && r.Status == RemediationStatus.Open))
            .ToListAsync(ct);
        if (served.Count > 0)
        {
            var named = string.Join("、", served.Select(s => $"{households.First(h => h.Id == s.HouseholdId).HouseholdCode}（{s.RemediationId}）"));
            return new RemediationOutcome.Conflict(Bilingual.Message("该户已有未完成的整改", "A household is already in an open case."),
                Bilingual.Message($"以下农户已在整改中：{named}", $"Already in an open case: {named}."));
        }

        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var remediation = RemediationCase.Open(request.Measure!.Trim(), request.ResponsiblePerson!.Trim(),
            string.IsNullOrWhiteSpace(request.SupplyPoint) ? null : request.SupplyPoint.Trim(), ids, actor.UserName, now);
        db.Remediations.Add(remediation);
        foreach (var household in households)
        {
            db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
            {
                remediation = remediation.Id,
                measure = remediation.Measure,
                responsiblePerson = remediation.ResponsiblePerson,
                supplyPoint = remediation.SupplyPoint,
                households = ids.Count,
            }));
        }
        await db.SaveChangesAsync(ct);
        return new RemediationOutcome.Opened(remediation, households);
    }

    /// <summary>
    /// Completes a case with a re-check applied to each of its households still monitored, judged with that household's
    /// own village's quantity threshold. All pass, or nothing is stored. The case, the re-checks, the surveys, the audit
    /// lines and the delivery of every open referral to water about the case's households (with their events) are one
    /// SaveChanges: when the case or one of those referrals changed meanwhile, nothing is stored and the answer is 409.
    /// </summary>
    public async Task<RemediationOutcome> CompleteAsync(Guid id, CheckRequest recheck, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new RemediationOutcome.Forbidden();
        }
        var remediation = await db.RemediationsWithin(security.JurisdictionOf(user)).Include(r => r.Households)
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        if (remediation is null)
        {
            return new RemediationOutcome.NotFound();
        }
        var errors = CheckValidation.Validate(recheck, Beijing.Today(time),
            new EarliestDay(Beijing.DateOf(remediation.OpenedAt), "整改开始日期", "the day the case was opened"));
        if (!errors.IsEmpty)
        {
            return new RemediationOutcome.Invalid(errors.ToDictionary());
        }
        if (!remediation.IsOpen)
        {
            return new RemediationOutcome.Conflict(Bilingual.Message("整改已完成", "The case is already completed."),
                Bilingual.Message($"该整改已于{remediation.RecheckedOn:yyyy-MM-dd}复查达标并完成", $"It was completed on the re-check of {remediation.RecheckedOn:yyyy-MM-dd}."));
        }
        var ids = remediation.Households.Select(h => h.HouseholdId).ToList();
        var households = (await db.Households.Where(h => ids.Contains(h.Id)).ToListAsync(ct)).OrderBy(h => h.HouseholdCode, StringComparer.Ordinal).ToList();
        // An exited household keeps its records but gets no new check; the case is completed for the others.
        var rechecked = households.Where(h => !h.HasExited).ToList();
        if (rechecked.Count == 0)
        {
            return new RemediationOutcome.Conflict(WaterChecks.ExitedTitle,
                Bilingual.Message("该整改的农户均已退出监测，无户可复查", "Every household of the case exited monitoring; there is nobody to re-check."));
        }

        var measured = CheckValidation.ToMeasurements(recheck);
        var verdicts = rechecked.Select(h => new HouseholdVerdict(h, WaterRules.Evaluate(measured, h.VillageCode, policy))).ToList();
        var failing = verdicts.Where(v => !v.Verdict.Safe).ToList();
        if (failing.Count > 0)
        {
            return new RemediationOutcome.RecheckFailed(
                Bilingual.Message("复查未达标，整改不能完成", "The re-check fails; the case cannot be completed."),
                Bilingual.Message(
                    "以下农户复查未达标：" + string.Join("；", failing.Select(f => $"{f.Household.HouseholdCode}（{string.Join("、", f.Verdict.Failures.Select(x => WaterRules.NameOf(x.Indicator)))}）")),
                    "The re-check fails for " + string.Join("; ", failing.Select(f => $"{f.Household.HouseholdCode} ({string.Join(", ", f.Verdict.Failures.Select(x => WireName.Of(x.Indicator)))})")) + "."),
                failing);
        }

        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var checkedOn = recheck.CheckedOn!.Value;
        var note = $"饮水整改完成，复查达标（{Day(checkedOn)}）";
        var checks = new List<WaterCheck>();
        foreach (var (household, verdict) in verdicts)
        {
            // The household's finding no longer holds: the register closes its risk (a later failing check is a new episode).
            if (await db.EpisodeFindingAsync(household.Id, ct) is { } finding)
            {
                Findings.Clear(db, department, household, finding, "water-unsafe", note, actor.UserName, now);
            }
            var check = WaterCheck.Record(household.Id, checkedOn, measured, verdict, remediation.Id, actor.UserName, now);
            db.Checks.Add(check);
            checks.Add(check);
            household.RecordSurvey(SurveyStatus.Secured, note, actor.UserName, now);
            db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id, details: new
            {
                remediation = remediation.Id,
                completed = true,
                check = check.Id,
                checkedOn,
                survey = WireName.Of(SurveyStatus.Secured),
            }));
        }
        remediation.Complete(checkedOn, actor.UserName, now);
        var outcome = DeliveryOutcome(remediation, checkedOn);
        var delivered = new List<Referral>();
        foreach (var household in households)
        {
            delivered.AddRange(await desk.StageDeliveriesAsync(household.Id, outcome, null, user, ct));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Nothing of the refused completion may ride on a later SaveChanges of this scope.
            db.ChangeTracker.Clear();
            return new RemediationOutcome.Conflict(Bilingual.Message("整改状态已变化", "The case has just changed."),
                Bilingual.Message("请刷新后重试", "Reload it and try again."));
        }
        return new RemediationOutcome.Completed(remediation, households, checks, [.. delivered.OrderBy(r => r.DueOn)]);
    }

    /// <summary>What the referral's sender reads: the re-check passed, when, and the measure (cut to fit the outcome's length).</summary>
    public static string DeliveryOutcome(RemediationCase remediation, DateOnly checkedOn)
    {
        const int MeasureShown = 100;
        var measure = remediation.Measure.Length <= MeasureShown ? remediation.Measure : remediation.Measure[..MeasureShown] + "…";
        var point = remediation.SupplyPoint is { } supplyPoint ? $"，供水点：{supplyPoint}" : "";
        return $"饮水整改完成，复查达标（{Day(checkedOn)}复查，水量、水质、用水方便程度、供水保证率均达标；整改措施：{measure}{point}；责任人：{remediation.ResponsiblePerson}）";
    }

    private static string Codes(IEnumerable<KnownHousehold> households) => string.Join("、", households.Select(h => h.HouseholdCode));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void RequireText(ValidationErrors errors, string field, string? value, int max, string chinese, string english)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{chinese}必填", $"{english} is required.");
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(field, $"{chinese}不能超过{max}个字", $"{english} is at most {max} characters.");
        }
    }
}
