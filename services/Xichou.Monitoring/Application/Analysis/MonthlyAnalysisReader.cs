using System.Security.Claims;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Analysis;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Analysis;

/// <summary>The monthly analysis' query string, as the API and the page read it.</summary>
public sealed record MonthlyAnalysisParameters(string? Month, string? Township, string? Village)
{
    public MonthlyAnalysisQuery ToQuery() => new(Month, NullIfEmpty(Township), NullIfEmpty(Village));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public abstract record AnalysisOutcome
{
    /// <param name="Query">The query as read (township and village trimmed, empty as none).</param>
    /// <param name="Scope">The caller's jurisdiction the analysis was computed within.</param>
    public sealed record Computed(MonthlyAnalysis Analysis, MonthlyAnalysisQuery Query, Jurisdiction Scope) : AnalysisOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : AnalysisOutcome;
}

/// <summary>每月分析研判 for a month within the caller's jurisdiction, names as the caller may see them: the API, its export and the page.</summary>
public sealed class MonthlyAnalysisReader(MonitoringDbContext db, ServiceSecurity security, MonitoringPolicy policy, TimeProvider time)
{
    public async Task<AnalysisOutcome> ReadAsync(MonthlyAnalysisParameters parameters, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = parameters.ToQuery();
        var today = Beijing.Today(time);
        var errors = query.Validate(today);
        if (!errors.IsEmpty)
        {
            return new AnalysisOutcome.Invalid(errors.ToDictionary());
        }
        var scope = security.JurisdictionOf(user);
        var analysis = await MonthlyAnalysis.ComputeAsync(db, scope, query, today, policy, name => security.NameFor(user, name), cancellationToken);
        return new AnalysisOutcome.Computed(analysis, query, scope);
    }
}
