using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Analysis;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Analysis;

/// <summary>Who has filed a month's analysis and who has not, and the county's reminders, inside the caller's jurisdiction.</summary>
public sealed class MonthlyDuties(MonitoringDbContext db, ServiceSecurity security, TimeProvider time)
{
    /// <summary>A month to file or remind for: yyyy-MM, required, not after the current month.</summary>
    public static ValidationErrors ValidateMonth(string? month, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(month))
        {
            var errors = new ValidationErrors();
            errors.Add("month", "月份必填，格式为 yyyy-MM", "The month is required, as yyyy-MM.");
            return errors;
        }
        return new MonthlyAnalysisQuery(month, null, null).Validate(today);
    }

    /// <summary>The month asked for (yyyy-MM) or the current one; null with errors when it is not a month or in the future.</summary>
    public (string? Month, ValidationErrors Errors) MonthOf(string? month)
    {
        var today = Beijing.Today(time);
        var errors = new MonthlyAnalysisQuery(month, null, null).Validate(today);
        return (errors.IsEmpty ? Beijing.MonthText(new MonthlyAnalysisQuery(month, null, null).FirstDay(today)) : null, errors);
    }

    public async Task<MonthlyFilingStatus> StatusAsync(ClaimsPrincipal user, string month, CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        var units = FilingUnit.Within(scope);
        var townships = units.Select(u => u.TownshipCode).Distinct().ToList();
        var filings = await db.AnalysisFilings.AsNoTracking()
            .Where(f => f.Month == month && townships.Contains(f.TownshipCode))
            .ToListAsync(cancellationToken);
        var byUnit = filings.ToDictionary(f => (f.Level, f.UnitCode));
        var rows = units.Select(u => byUnit.TryGetValue((u.Level, u.Code), out var filing)
                ? new FilingUnitStatus(u.LevelWire, u.LevelName, u.Code, u.Name, u.TownshipCode, true, FilingView.From(filing))
                : new FilingUnitStatus(u.LevelWire, u.LevelName, u.Code, u.Name, u.TownshipCode, false, null))
            .ToList();
        var reminders = await RemindersAsync(user, month, cancellationToken);
        return new MonthlyFilingStatus(month, scope.DisplayName, rows.Count(r => r.Filed), rows.Count(r => !r.Filed), rows, reminders);
    }

    /// <summary>The county's reminders to the townships inside the caller's jurisdiction (a village sees its township's), newest first.</summary>
    public async Task<List<ReminderView>> RemindersAsync(ClaimsPrincipal user, string? month, CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        var reminders = db.TownshipReminders.AsNoTracking();
        reminders = scope.Level switch
        {
            JurisdictionLevel.County => reminders,
            JurisdictionLevel.Township => reminders.Where(r => r.TownshipCode == scope.Code),
            JurisdictionLevel.Village => reminders.Where(r => r.TownshipCode == Villages.TownshipOf(scope.Code!)),
            _ => reminders.Where(_ => false),
        };
        if (month is not null)
        {
            reminders = reminders.Where(r => r.Month == month);
        }
        // Version-7 ids follow the time sent: newest first, in SQL.
        return [.. (await reminders.OrderByDescending(r => r.Id).Take(50).ToListAsync(cancellationToken)).Select(ReminderView.From)];
    }

    /// <summary>The (level, code) of every unit of <paramref name="township"/> that has filed <paramref name="month"/>.</summary>
    public static async Task<HashSet<(FilingLevel, string)>> FiledCodesAsync(MonitoringDbContext db, string month, string township,
        CancellationToken cancellationToken) =>
        [.. (await db.AnalysisFilings.AsNoTracking().Where(f => f.Month == month && f.TownshipCode == township)
            .Select(f => new { f.Level, f.UnitCode }).ToListAsync(cancellationToken)).Select(f => (f.Level, f.UnitCode))];
}
