using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Analysis;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Analysis;

/// <summary>The county's reminder: which month, which township, and optionally its own words (else one naming who has not filed).</summary>
public sealed record RemindTownshipRequest(string? Month, string? TownshipCode, string? Message);

public sealed record RemindTownship(RemindTownshipRequest Request, ClaimsPrincipal User);

public abstract record ReminderOutcome
{
    public sealed record Sent(ReminderView Reminder) : ReminderOutcome;

    /// <summary>Only the county reminds townships.</summary>
    public sealed record Forbidden : ReminderOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : ReminderOutcome;
}

/// <summary>及时提醒乡镇: the county reminds a township of a month's analysis; recorded, audited, shown to the township.</summary>
public sealed class RemindTownshipHandler(MonitoringDbContext db, ServiceSecurity security, TimeProvider time)
{
    public const int MaxMessageLength = 500;

    public async Task<ReminderOutcome> HandleAsync(RemindTownship command, CancellationToken cancellationToken)
    {
        var (request, user) = command;
        var scope = security.JurisdictionOf(user);
        if (!Access.MonitoringAccess.MayRemindTownships(scope))
        {
            return new ReminderOutcome.Forbidden();
        }
        var errors = MonthlyDuties.ValidateMonth(request.Month, Beijing.Today(time));
        var township = request.TownshipCode?.Trim();
        if (string.IsNullOrEmpty(township))
        {
            errors.Add("townshipCode", "乡镇必填", "The township is required.");
        }
        else if (!Townships.IsKnown(township))
        {
            errors.Add("townshipCode", "不是西畴县的乡镇代码", "Not a township code of Xichou County.");
        }
        if (request.Message is { } text && text.Trim().Length > MaxMessageLength)
        {
            errors.Add("message", $"提醒内容不能超过{MaxMessageLength}个字", $"The message is at most {MaxMessageLength} characters.");
        }
        if (!errors.IsEmpty)
        {
            return new ReminderOutcome.Invalid(errors.ToDictionary());
        }
        var today = Beijing.Today(time);
        var month = Beijing.MonthText(new MonthlyAnalysisQuery(request.Month, null, null).FirstDay(today));
        var units = FilingUnit.Within(new Jurisdiction(JurisdictionLevel.Township, township));
        var filed = await MonthlyDuties.FiledCodesAsync(db, month, township!, cancellationToken);
        var unfiled = units.Where(u => !filed.Contains((u.Level, u.Code))).ToList();
        var message = string.IsNullOrWhiteSpace(request.Message)
            ? unfiled.Count == 0
                ? $"请核对{month}月分析研判。"
                : $"请及时完成{month}月分析研判，尚未填报：{string.Join("、", unfiled.Select(u => u.Level == FilingLevel.Township ? "乡镇本级" : Villages.NameOf(u.Code)))}。"
            : request.Message.Trim();
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var reminder = TownshipReminder.Send(month, township!, message, unfiled.Count, actor.UserName, now);
        db.TownshipReminders.Add(reminder);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, details: new { townshipReminder = reminder.Id, month, township, unfiled = unfiled.Count }));
        await db.SaveChangesAsync(cancellationToken);
        return new ReminderOutcome.Sent(ReminderView.From(reminder));
    }
}
