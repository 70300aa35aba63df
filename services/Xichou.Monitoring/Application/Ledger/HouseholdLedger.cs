using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Ledger;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Ledger;

/// <summary>Which household's ledger, for which year (the current Beijing year when none is given).</summary>
public sealed record HouseholdLedgerRequest(Guid HouseholdId, string? Year);

/// <summary>Which year's payments of the caller's jurisdiction, optionally narrowed to a township or a village.</summary>
public sealed record PaymentLedgerRequest(string? Year, string? Township, string? Village);

/// <summary>A line of the household ledger: one payment, with the cap it counts against and what was left under it after.</summary>
public sealed record LedgerPaymentView(
    Guid PaymentId, DateOnly PaidOn, string Department, string DepartmentName, string Measure, string Kind, string KindName,
    Guid? MemberId, string? MemberName, decimal AmountYuan, string? Voucher, string? CapName, decimal? CapYuan,
    decimal? HeadroomAfterYuan, string PolicyVersion);

/// <summary>
/// A cap the household's (or one member's) payments count against: what was paid under it in the year and what is left
/// under it now, as the paying department computed it with its latest payment.
/// </summary>
public sealed record LedgerCapView(
    string Department, string CapName, Guid? MemberId, string? MemberName, decimal CapYuan, decimal PaidThisYearYuan, decimal HeadroomYuan);

/// <summary>What one department paid the household in the year.</summary>
public sealed record LedgerDepartmentTotal(string Department, string DepartmentName, int Payments, decimal AmountYuan);

/// <summary>Every yuan any department paid one household in one year (资金台账).</summary>
public sealed record HouseholdLedgerView(
    Guid HouseholdId, string HouseholdCode, string TownshipCode, string Village, string HeadName, int Year, IReadOnlyList<int> Years,
    decimal TotalYuan, IReadOnlyList<LedgerDepartmentTotal> ByDepartment, IReadOnlyList<LedgerCapView> Caps,
    IReadOnlyList<LedgerPaymentView> Payments);

/// <summary>A payment of the year-end review: the household it went to, and the line as the household ledger shows it.</summary>
public sealed record ScopedPaymentView(string HouseholdCode, string TownshipCode, string Village, string HeadName, LedgerPaymentView Payment);

/// <summary>The answer of a ledger read.</summary>
public abstract record LedgerOutcome<T>
{
    private LedgerOutcome()
    {
    }

    public sealed record Found(T Value) : LedgerOutcome<T>;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : LedgerOutcome<T>;

    public sealed record NotFound : LedgerOutcome<T>;
}

/// <summary>
/// Reads the household ledger: the payments every department reported (<see cref="HouseholdPaid"/>) for a household
/// and year, with totals by department and each cap's headroom. Scoped to the caller's jurisdiction; member and head
/// names as the caller may see them. Used by the API and by the household page alike.
/// </summary>
public sealed class HouseholdLedgerReader(MonitoringDbContext db, ServiceSecurity security, TimeProvider time)
{
    /// <summary>The first year the 2021 measures paid anything under; earlier years are a typing mistake.</summary>
    public const int FirstYear = 2021;

    public async Task<LedgerOutcome<HouseholdLedgerView>> ReadAsync(HouseholdLedgerRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var year = ParseYear(request.Year, errors);
        if (!errors.IsEmpty)
        {
            return new LedgerOutcome<HouseholdLedgerView>.Invalid(errors.ToDictionary());
        }
        var household = await db.Households.AsNoTracking().Within(security.JurisdictionOf(user))
            .Where(h => h.Id == request.HouseholdId)
            .Select(h => new { h.Id, h.Code, h.TownshipCode, h.Village, h.HeadName })
            .FirstOrDefaultAsync(ct);
        if (household is null)
        {
            return new LedgerOutcome<HouseholdLedgerView>.NotFound();
        }
        var all = await db.HouseholdPayments.AsNoTracking().Where(p => p.HouseholdId == household.Id && p.Year <= year).ToListAsync(ct);
        var names = await MemberNamesAsync(all, user, ct);
        var payments = all.Where(p => p.Year == year).OrderBy(p => p.PaidOn).ThenBy(p => p.PaidAt).ToList();
        var years = await db.HouseholdPayments.AsNoTracking().Where(p => p.HouseholdId == household.Id)
            .Select(p => p.Year).Distinct().ToListAsync(ct);
        return new LedgerOutcome<HouseholdLedgerView>.Found(new HouseholdLedgerView(
            household.Id, household.Code, household.TownshipCode, household.Village, security.NameFor(user, household.HeadName), year,
            [.. years.Append(year).Distinct().OrderDescending()],
            payments.Sum(p => p.AmountYuan),
            [.. payments.GroupBy(p => p.Department).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new LedgerDepartmentTotal(g.Key, DepartmentName(g.Key), g.Count(), g.Sum(p => p.AmountYuan)))],
            CapsOf(all, year, names),
            [.. payments.Select(p => ViewOf(p, names))]));
    }

    /// <summary>Every payment of a year in the caller's jurisdiction (the year-end review's sheet), by township, village, household.</summary>
    public async Task<LedgerOutcome<IReadOnlyList<ScopedPaymentView>>> ReadScopeAsync(PaymentLedgerRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var year = ParseYear(request.Year, errors);
        var township = string.IsNullOrWhiteSpace(request.Township) ? null : request.Township.Trim();
        var village = string.IsNullOrWhiteSpace(request.Village) ? null : request.Village.Trim();
        if (township is not null && !Townships.IsKnown(township))
        {
            errors.Add("township", "不是西畴县的乡镇代码", "Not a township code of Xichou County.");
        }
        if (village is not null && !Villages.IsKnown(village))
        {
            errors.Add("village", "不是西畴县的村委会代码", "Not a village committee code of Xichou County.");
        }
        if (!errors.IsEmpty)
        {
            return new LedgerOutcome<IReadOnlyList<ScopedPaymentView>>.Invalid(errors.ToDictionary());
        }
        var households = db.Households.AsNoTracking().Within(security.JurisdictionOf(user));
        if (township is not null)
        {
            households = households.Where(h => h.TownshipCode == township);
        }
        if (village is not null)
        {
            households = households.Where(h => h.VillageCode == village);
        }
        var rows = await db.HouseholdPayments.AsNoTracking().Where(p => p.Year == year)
            .Join(households, p => p.HouseholdId, h => h.Id, (p, h) => new { Payment = p, h.Code, h.TownshipCode, h.Village, h.HeadName })
            .ToListAsync(ct);
        var names = await MemberNamesAsync([.. rows.Select(r => r.Payment)], user, ct);
        return new LedgerOutcome<IReadOnlyList<ScopedPaymentView>>.Found([.. rows
            .OrderBy(r => r.TownshipCode, StringComparer.Ordinal).ThenBy(r => r.Village, StringComparer.Ordinal)
            .ThenBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Payment.PaidOn).ThenBy(r => r.Payment.PaidAt)
            .Select(r => new ScopedPaymentView(r.Code, r.TownshipCode, r.Village, security.NameFor(user, r.HeadName), ViewOf(r.Payment, names)))]);
    }

    private int ParseYear(string? text, ValidationErrors errors)
    {
        var thisYear = Beijing.Today(time).Year;
        if (string.IsNullOrWhiteSpace(text))
        {
            return thisYear;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < FirstYear || year > thisYear)
        {
            errors.Add("year", $"年度应为 {FirstYear} 至 {thisYear} 之间的四位年份", $"The year is a four-digit year from {FirstYear} to {thisYear}.");
        }
        return year;
    }

    /// <summary>
    /// Each cap once per department and member: what was paid under it in <paramref name="year"/>, and the headroom the
    /// paying department reported with its latest payment up to that year (a household cap such as industry's runs across
    /// years; a per-person yearly cap starts again each year, which the department's figure already says).
    /// </summary>
    private static List<LedgerCapView> CapsOf(List<HouseholdPayment> upToYear, int year, IReadOnlyDictionary<Guid, string> names) =>
    [
        .. upToYear.Where(p => p.CapName is not null && p.CapYuan is not null && p.HeadroomAfterYuan is not null)
            .GroupBy(p => (p.Department, CapName: p.CapName!, p.MemberId))
            .Where(g => g.Any(p => p.Year == year))
            .Select(g =>
            {
                var latest = g.OrderBy(p => p.PaidOn).ThenBy(p => p.PaidAt).Last();
                return new LedgerCapView(g.Key.Department, g.Key.CapName, g.Key.MemberId, NameOf(g.Key.MemberId, names), latest.CapYuan!.Value,
                    g.Where(p => p.Year == year).Sum(p => p.AmountYuan), latest.HeadroomAfterYuan!.Value);
            })
            .OrderBy(c => c.Department, StringComparer.Ordinal).ThenBy(c => c.CapName, StringComparer.Ordinal).ThenBy(c => c.MemberName, StringComparer.Ordinal),
    ];

    private async Task<IReadOnlyDictionary<Guid, string>> MemberNamesAsync(List<HouseholdPayment> payments, ClaimsPrincipal user, CancellationToken ct)
    {
        var ids = payments.Select(p => p.MemberId).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }
        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Name }).ToListAsync(ct);
        return members.ToDictionary(m => m.Id, m => security.NameFor(user, m.Name));
    }

    private static string? NameOf(Guid? memberId, IReadOnlyDictionary<Guid, string> names) =>
        memberId is { } id ? names.GetValueOrDefault(id, "（成员已不在册）") : null;

    private static LedgerPaymentView ViewOf(HouseholdPayment p, IReadOnlyDictionary<Guid, string> names) => new(
        p.Id, p.PaidOn, p.Department, DepartmentName(p.Department), p.Measure, p.Kind, p.KindName, p.MemberId, NameOf(p.MemberId, names),
        p.AmountYuan, p.Voucher, p.CapName, p.CapYuan, p.HeadroomAfterYuan, p.PolicyVersion);

    /// <summary>The paying bureau (县农科局, 县医保局 …), as the county names who paid.</summary>
    public static string DepartmentName(string key) => Departments.Find(key)?.Bureau ?? key;
}
