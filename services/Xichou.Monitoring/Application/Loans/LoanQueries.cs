using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Support;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Loans;

/// <summary>Which loans to list: by status (a wire name) and township, both optional.</summary>
public sealed record LoanListQuery(string? Status, string? Township);

public abstract record LoanListOutcome
{
    public sealed record Listed(List<LoanView> Loans) : LoanListOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : LoanListOutcome;
}

/// <summary>扶贫小额信贷 (措施七) as the loan desk and the API read it: the loans newest first, and 应贷尽贷 per township.</summary>
public sealed class LoanQueries(MonitoringDbContext db, ServiceSecurity security)
{
    public const int MaxLoans = 500;

    public async Task<LoanListOutcome> ListAsync(LoanListQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        LoanStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!SupportNames.TryParseStatus(query.Status, out var parsed))
            {
                var errors = new ValidationErrors();
                errors.Add("status", $"状态须为 {string.Join('、', SupportNames.StatusWires)}", $"The status is one of {string.Join(", ", SupportNames.StatusWires)}.");
                return new LoanListOutcome.Invalid(errors.ToDictionary());
            }
            wanted = parsed;
        }
        var households = db.Households.AsNoTracking().Within(security.JurisdictionOf(user));
        if (!string.IsNullOrWhiteSpace(query.Township))
        {
            households = households.Where(h => h.TownshipCode == query.Township);
        }
        var loans = db.Loans.AsNoTracking();
        if (wanted is { } s)
        {
            loans = loans.Where(l => l.Status == s);
        }
        // The newest first, in SQL (on SQLite the instants are UTC text, which orders as they do).
        var rows = await (
            from loan in loans
            join household in households on loan.HouseholdId equals household.Id
            orderby loan.StatusChangedAt descending, loan.Id descending
            select new { loan, household }).Take(MaxLoans).ToListAsync(cancellationToken);
        return new LoanListOutcome.Listed([.. rows.Select(r => LoanView.From(r.loan, r.household, user, security))]);
    }

    public async Task<LoanCoverageReport> CoverageAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        var households = db.Households.AsNoTracking().Within(scope);
        var loans = await (
            from loan in db.Loans.AsNoTracking()
            join household in households on loan.HouseholdId equals household.Id
            select new { household.TownshipCode, loan.HouseholdId, loan.Status }).ToListAsync(cancellationToken);
        var townships = scope.Level switch
        {
            JurisdictionLevel.County => Townships.ByCode.Keys.ToList(),
            JurisdictionLevel.Township => [scope.Code!],
            _ => loans.Select(l => l.TownshipCode).Distinct().ToList(),
        };
        return LoanCoverage.Compute(townships, loans.Select(l => (l.TownshipCode, l.HouseholdId, l.Status)));
    }
}

public sealed record LoanView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string TownshipName, string Village, string HeadName, string Purpose, decimal Amount,
    string? Lender, string? LenderName, string Status, string StatusName, string? DeclineReason, DateTimeOffset RecordedAt, DateTimeOffset StatusChangedAt)
{
    public static LoanView From(Loan loan, Household household, ClaimsPrincipal user, ServiceSecurity security) => new(
        loan.Id, household.Id, household.Code, Townships.NameOf(household.TownshipCode), household.Village, security.NameFor(user, household.HeadName),
        loan.Purpose, loan.Amount,
        loan.Lender is { } lender ? SupportNames.Wire(lender) : null, loan.Lender is { } named ? SupportNames.Chinese(named) : null,
        SupportNames.Wire(loan.Status), SupportNames.Chinese(loan.Status), loan.DeclineReason, loan.RecordedAt, loan.StatusChangedAt);
}
