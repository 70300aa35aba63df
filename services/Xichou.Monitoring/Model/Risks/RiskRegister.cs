using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Visits;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Risks;

/// <summary>Reporting a risk up a level: why the level that owns it cannot resolve it.</summary>
public sealed record ReportUpRequest(string? Reason);

/// <summary>A measure taken against a risk (帮扶措施), for the measures ledger.</summary>
public sealed record AddMeasureRequest(string? Text);

public abstract record RiskOutcome
{
    public sealed record NotFound : RiskOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : RiskOutcome;

    /// <summary>The caller's level is below the level that owns the risk.</summary>
    public sealed record Forbidden(RiskLevel RiskLevel) : RiskOutcome
    {
        public string Title => RiskRegister.LevelRefusedTitle;

        public string Detail => RiskRegister.LevelRefusedDetail(RiskLevel);
    }

    /// <summary>The risk's state does not allow it (closed, or already at the county); the message is bilingual.</summary>
    public sealed record Conflict(string Title, string Detail) : RiskOutcome;

    public sealed record Done(Risk Risk, Household Household) : RiskOutcome;
}

/// <summary>
/// The risk register's actions (风险台账): measures, reporting up, and the rule that nothing closes a risk but a
/// verification visit that meets the exit rule (<see cref="Application.Visits.RecordVisitHandler"/>).
/// </summary>
public static class RiskRegister
{
    public const int MaxReasonLength = 200;
    public const int MaxMeasureLength = 500;

    public const string HowItClosesChinese = "风险只能通过核实走访关闭：人均纯收入不低于监测线且两不愁三保障均已保障，且该风险的转办均已办结、退回或撤回";

    public const string HowADepartmentFindingClosesChinese = "部门发现的风险由该部门经转办落实并复核后消除（部门推送“发现已消除”），核实走访不能关闭";

    public const string HowAComplaintClosesChinese = "举报电话反映的风险按举报办理程序办结后关闭，核实走访不能关闭";

    public static readonly string CloseRefusedTitle = Bilingual.Message("风险不能直接关闭", "A risk cannot be closed directly.");

    public static readonly string CloseRefusedDetail = Bilingual.Message(
        "请录入核实走访（kind=verification）：人均纯收入不低于监测线且两不愁三保障均已保障时，该户转办均已办结、退回或撤回的风险自动消除，并记录核实人和时间",
        "Record a verification visit (kind=verification): when the per-capita income is at or above the monitoring line and every "
        + "check is secured, the household's open risks close, except those with a referral still open, recording who verified it and when.");

    public static readonly string LevelRefusedTitle = Bilingual.Message("您所在的层级不能处理该风险", "Your level cannot act on this risk.");

    /// <summary>Why a risk at <paramref name="level"/> is not the caller's to act on or close.</summary>
    public static string LevelRefusedDetail(RiskLevel level) => level switch
    {
        RiskLevel.County => Bilingual.Message("该风险已上报至县级，只能由县扶贫开发局处理和核实关闭",
            "The risk is at the county; only the county poverty office acts on it and closes it."),
        RiskLevel.Township => Bilingual.Message("该风险已上报至乡镇级，只能由乡镇或县级人员处理和核实关闭",
            "The risk is at the township; only township or county staff act on it and close it."),
        _ => Bilingual.Message("该风险只能由村、乡镇或县级人员处理", "Only village, township or county staff act on the risk."),
    };

    /// <summary>Whether a user working at <paramref name="scope"/> may act on (measures, report up, close) a risk at <paramref name="level"/>.</summary>
    public static bool MayActOn(Jurisdiction scope, RiskLevel level) => LevelOf(scope) is { } own && own >= level;

    /// <summary>The level a user works at, from their jurisdiction; null for pairing cadres and users who see nothing.</summary>
    public static RiskLevel? LevelOf(Jurisdiction scope) => scope.Level switch
    {
        JurisdictionLevel.Village => RiskLevel.Village,
        JurisdictionLevel.Township => RiskLevel.Township,
        JurisdictionLevel.County => RiskLevel.County,
        _ => null,
    };

    /// <summary>
    /// The caller's inbox: open risks owned at the caller's own level inside their jurisdiction (a village monitor's
    /// village-level risks, a township's township-level risks, the county's county-level ones).
    /// </summary>
    public static IQueryable<Risk> InboxOf(MonitoringDbContext db, Jurisdiction scope) => LevelOf(scope) is { } level
        ? db.RisksWithin(scope).Where(r => r.Status == RiskStatus.Open && r.Level == level)
        : db.Risks.Where(r => false);

    public static async Task<RiskOutcome> AddMeasureAsync(
        MonitoringDbContext db, Guid riskId, AddMeasureRequest request, Actor actor, Jurisdiction scope, TimeProvider time, CancellationToken ct)
    {
        var (risk, household) = await FindAsync(db, riskId, scope, ct);
        if (risk is null || household is null)
        {
            return new RiskOutcome.NotFound();
        }
        var errors = new ValidationErrors();
        RequireText(errors, "text", request.Text, MaxMeasureLength, "帮扶措施", "The measure");
        if (!errors.IsEmpty)
        {
            return new RiskOutcome.Invalid(errors.ToDictionary());
        }
        // A village cannot write in the township's or county's ledger of a risk reported up to them (the page checks it too).
        if (!MayActOn(scope, risk.Level))
        {
            return new RiskOutcome.Forbidden(risk.Level);
        }
        if (risk.Status != RiskStatus.Open)
        {
            return new RiskOutcome.Conflict(Bilingual.Message("风险已消除", "The risk is closed."),
                Bilingual.Message("已消除的风险不能再添加帮扶措施", "Measures are added to open risks only."));
        }
        var now = time.GetUtcNow();
        var measure = risk.AddMeasure(request.Text!.Trim(), actor.UserName, now);
        db.RiskMeasures.Add(measure);
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id, details: new { risk = risk.Id, measure = measure.Text }));
        await db.SaveChangesAsync(ct);
        return new RiskOutcome.Done(risk, household);
    }

    /// <summary>
    /// A user at the owning level or above reports the risk up one level (村 → 乡镇 → 县) with a reason; the next level
    /// sees it in its inbox and <see cref="RiskEscalated"/> is published through the outbox.
    /// </summary>
    public static async Task<RiskOutcome> ReportUpAsync(
        MonitoringDbContext db, Guid riskId, ReportUpRequest request, Actor actor, Jurisdiction scope, TimeProvider time, CancellationToken ct)
    {
        var (risk, household) = await FindAsync(db, riskId, scope, ct);
        if (risk is null || household is null)
        {
            return new RiskOutcome.NotFound();
        }
        var errors = new ValidationErrors();
        RequireText(errors, "reason", request.Reason, MaxReasonLength, "上报理由", "The reason");
        if (!errors.IsEmpty)
        {
            return new RiskOutcome.Invalid(errors.ToDictionary());
        }
        if (!MayActOn(scope, risk.Level))
        {
            return new RiskOutcome.Forbidden(risk.Level);
        }
        if (risk.Status != RiskStatus.Open)
        {
            return new RiskOutcome.Conflict(Bilingual.Message("风险已消除", "The risk is closed."),
                Bilingual.Message("已消除的风险不能上报", "A closed risk is not reported up."));
        }
        var now = time.GetUtcNow();
        var from = risk.Level;
        if (!risk.EscalateUp(automatic: false, actor.UserName, request.Reason!.Trim(), now))
        {
            return new RiskOutcome.Conflict(Bilingual.Message("已在县级", "The risk is already at the county."),
                Bilingual.Message("县级是最高层级，不能再上报", "The county is the highest level; there is no level above it."));
        }
        db.RiskEscalations.Add(risk.Escalations[^1]);
        db.AddIntegrationEvent(EscalatedEvent(risk, household, from, automatic: false, now));
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id, details: new
        {
            risk = risk.Id,
            reportedUp = new { from = WireName.Of(from), to = WireName.Of(risk.Level) },
            reason = request.Reason.Trim(),
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The escalator (or another user) moved it first.
            return new RiskOutcome.Conflict(Bilingual.Message("风险层级已变化", "The risk's level has just changed."),
                Bilingual.Message("请刷新后重试", "Reload it and try again."));
        }
        return new RiskOutcome.Done(risk, household);
    }

    public static RiskEscalated EscalatedEvent(Risk risk, Household household, RiskLevel from, bool automatic, DateTimeOffset at) => new()
    {
        RiskId = risk.Id,
        HouseholdId = household.Id,
        TownshipCode = household.TownshipCode,
        Village = household.Village,
        VillageCode = household.VillageCode,
        FromLevel = WireName.Of(from),
        ToLevel = WireName.Of(risk.Level),
        Automatic = automatic,
        Category = WireName.Of(risk.Category),
        OccurredAt = at,
    };

    /// <summary>A risk inside the jurisdiction, tracked, with its measures and escalations, and its household.</summary>
    public static async Task<(Risk? Risk, Household? Household)> FindAsync(MonitoringDbContext db, Guid riskId, Jurisdiction scope, CancellationToken ct)
    {
        var risk = await db.RisksWithin(scope).Include(r => r.Measures).Include(r => r.Escalations)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == riskId, ct);
        if (risk is null)
        {
            return (null, null);
        }
        var household = await db.Households.FirstAsync(h => h.Id == risk.HouseholdId, ct);
        return (risk, household);
    }

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
