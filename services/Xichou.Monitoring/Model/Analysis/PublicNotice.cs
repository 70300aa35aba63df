using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;

namespace Xichou.Monitoring.Model.Analysis;

/// <summary>
/// One line of the 公示: only what the national rule lets a public notice show — household code, head's name, villager
/// group, entering or leaving, date and reason. Never an ID number, phone, bank account or health state.
/// </summary>
public sealed record NoticeRow(string HouseholdCode, string HeadName, string? VillagerGroup, string Change, DateOnly On, string Reason);

public sealed record PublicNotice(string VillageCode, string Village, string TownshipName, string Month, IReadOnlyList<NoticeRow> Entering,
    IReadOnlyList<NoticeRow> Leaving);

public static class PublicNotices
{
    public const string EnteringReason = "新识别纳入监测";

    /// <summary>
    /// The households of one village that entered monitoring (registered, or returned to monitored) or left it (risk
    /// eliminated, exited) in the month. The caller has checked the village is inside the user's jurisdiction.
    /// </summary>
    public static async Task<PublicNotice> ForAsync(MonitoringDbContext db, string villageCode, DateOnly firstDay,
        Func<string, string> nameFor, CancellationToken cancellationToken = default)
    {
        var lastDay = firstDay.AddMonths(1).AddDays(-1);
        var households = db.Households.AsNoTracking().Where(h => h.VillageCode == villageCode);
        // Registration instants are compared in memory (SQLite keeps DateTimeOffset as text).
        var registered = (await households
                .Select(h => new { h.Id, h.Code, h.HeadName, h.VillagerGroup, h.RegisteredAt })
                .ToListAsync(cancellationToken))
            .Where(h => Beijing.DateOf(h.RegisteredAt) >= firstDay && Beijing.DateOf(h.RegisteredAt) <= lastDay)
            .Select(h => new NoticeRow(h.Code, nameFor(h.HeadName), h.VillagerGroup, "纳入监测", Beijing.DateOf(h.RegisteredAt), EnteringReason));
        var changes = await db.StatusChanges.AsNoTracking()
            .Where(c => c.On >= firstDay && c.On <= lastDay)
            .Join(households, c => c.HouseholdId, h => h.Id, (c, h) => new { h.Code, h.HeadName, h.VillagerGroup, c.On, c.From, c.To, c.Reason })
            .ToListAsync(cancellationToken);
        var rows = registered
            .Concat(changes.Select(c => new NoticeRow(c.Code, nameFor(c.HeadName), c.VillagerGroup, ChangeName(c.To), c.On, c.Reason)))
            .OrderBy(r => r.On).ThenBy(r => r.HouseholdCode, StringComparer.Ordinal)
            .ToList();
        return new PublicNotice(villageCode, Villages.NameOf(villageCode), Townships.NameOf(Villages.TownshipOf(villageCode)),
            Beijing.MonthText(firstDay),
            [.. rows.Where(r => r.Change == "纳入监测")],
            [.. rows.Where(r => r.Change != "纳入监测")]);
    }

    public static string ChangeName(HouseholdStatus to) => to switch
    {
        HouseholdStatus.Monitored => "纳入监测",
        HouseholdStatus.RiskEliminated => "风险消除",
        _ => "退出监测",
    };
}
