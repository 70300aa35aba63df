using System.Security.Claims;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Analysis;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Notices;

/// <summary>Which village's 公示 for which month: the village monitor's own village and this month by default.</summary>
public sealed record NoticeQuery(string? Village, string? Month);

public abstract record NoticeOutcome
{
    public sealed record Found(PublicNotice Notice) : NoticeOutcome;

    /// <summary>The village is outside the caller's jurisdiction.</summary>
    public sealed record NotFound : NoticeOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : NoticeOutcome;
}

/// <summary>公示: a village's households entering or leaving monitoring in a month, names as the caller may see them.</summary>
public sealed class PublicNoticeReader(MonitoringDbContext db, ServiceSecurity security, TimeProvider time)
{
    public async Task<NoticeOutcome> ReadAsync(NoticeQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        var request = Validate(query.Village, query.Month, scope, Beijing.Today(time), out var errors);
        if (request is null)
        {
            return new NoticeOutcome.Invalid(errors.ToDictionary());
        }
        var (villageCode, firstDay) = request.Value;
        if (!scope.Covers(Villages.TownshipOf(villageCode), villageCode))
        {
            return new NoticeOutcome.NotFound();
        }
        return new NoticeOutcome.Found(await PublicNotices.ForAsync(db, villageCode, firstDay, name => security.NameFor(user, name), cancellationToken));
    }

    /// <summary>The village (a village monitor's own by default) and the month (this month by default); null with errors if either is wrong.</summary>
    public static (string Village, DateOnly FirstDay)? Validate(string? village, string? month, Jurisdiction scope, DateOnly today,
        out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        var villageCode = string.IsNullOrWhiteSpace(village)
            ? scope.Level == JurisdictionLevel.Village ? scope.Code : null
            : village.Trim();
        if (villageCode is null)
        {
            errors.Add("village", "请选择村委会", "The village is required.");
        }
        else if (!Villages.IsKnown(villageCode))
        {
            errors.Add("village", "不是西畴县的村委会代码", "Not a village committee code of Xichou County.");
        }
        var firstDay = new DateOnly(today.Year, today.Month, 1);
        if (!string.IsNullOrWhiteSpace(month) && !MonthlyAnalysisQuery.TryParseMonth(month, out firstDay))
        {
            errors.Add("month", "月份格式应为 yyyy-MM，如 2026-11", "The month is yyyy-MM, e.g. 2026-11.");
        }
        return errors.IsEmpty ? (villageCode!, firstDay) : null;
    }
}
