using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Analysis;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Analysis;

/// <summary>A month's analysis as a village or a township files it: the month (yyyy-MM) and what was decided.</summary>
public sealed record FileAnalysisRequest(string? Month, string? Decisions);

public sealed record FileMonthlyAnalysis(FileAnalysisRequest Request, ClaimsPrincipal User);

public abstract record FilingOutcome
{
    public sealed record Filed(FilingView Filing) : FilingOutcome;

    /// <summary>Only a village committee or a township files; the county collects.</summary>
    public sealed record Forbidden : FilingOutcome;

    /// <summary>The unit has filed this month already.</summary>
    public sealed record AlreadyFiled(FilingView Filing) : FilingOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : FilingOutcome;
}

/// <summary>
/// 村、乡镇每月分析研判: the caller's village or township files its month's analysis once, with what it decided; the month's
/// figures are kept with it as they stood. Audited.
/// </summary>
public sealed class FileMonthlyAnalysisHandler(MonitoringDbContext db, ServiceSecurity security, MonitoringPolicy policy, TimeProvider time)
{
    public const int MaxDecisionsLength = 1000;

    public static ValidationErrors Validate(FileAnalysisRequest request, DateOnly today)
    {
        var errors = MonthlyDuties.ValidateMonth(request.Month, today);
        if (string.IsNullOrWhiteSpace(request.Decisions))
        {
            errors.Add("decisions", "研判结论必填", "What was decided is required.");
        }
        else if (request.Decisions.Trim().Length > MaxDecisionsLength)
        {
            errors.Add("decisions", $"研判结论不能超过{MaxDecisionsLength}个字", $"What was decided is at most {MaxDecisionsLength} characters.");
        }
        return errors;
    }

    public async Task<FilingOutcome> HandleAsync(FileMonthlyAnalysis command, CancellationToken cancellationToken)
    {
        var (request, user) = command;
        var scope = security.JurisdictionOf(user);
        if (FilingUnit.Of(scope) is not { } unit)
        {
            return new FilingOutcome.Forbidden();
        }
        var today = Beijing.Today(time);
        var errors = Validate(request, today);
        if (!errors.IsEmpty)
        {
            return new FilingOutcome.Invalid(errors.ToDictionary());
        }
        var month = Beijing.MonthText(new MonthlyAnalysisQuery(request.Month, null, null).FirstDay(today));
        if (await FindAsync(month, unit, cancellationToken) is { } existing)
        {
            return new FilingOutcome.AlreadyFiled(FilingView.From(existing));
        }
        var figures = await MonthlyAnalysis.ComputeAsync(db, scope, new MonthlyAnalysisQuery(month, null, null), today, policy,
            name => name, cancellationToken);
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var filing = AnalysisFiling.File(month, unit, request.Decisions!.Trim(), figures, actor.UserName, now);
        db.AnalysisFilings.Add(filing);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, details: new { analysisFiling = filing.Id, month, unit = unit.Code, level = unit.LevelWire }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index (month, level, unit) is the check when two filings race.
            db.ChangeTracker.Clear();
            if (await FindAsync(month, unit, cancellationToken) is { } raced)
            {
                return new FilingOutcome.AlreadyFiled(FilingView.From(raced));
            }
            throw;
        }
        return new FilingOutcome.Filed(FilingView.From(filing));
    }

    private Task<AnalysisFiling?> FindAsync(string month, FilingUnit unit, CancellationToken cancellationToken) =>
        db.AnalysisFilings.AsNoTracking().FirstOrDefaultAsync(f => f.Month == month && f.Level == unit.Level && f.UnitCode == unit.Code, cancellationToken);
}
