using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.CommandCentre.Feed;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;

namespace Xichou.CommandCentre.Overview;

/// <summary>
/// Everything the overview counts, per village (a cell): counts that add up, so a township, a commander's zone or the
/// county is the sum of its cells, and the samples of days the funnel's medians are taken over.
/// </summary>
public sealed class Cell(string township, string villageKey, string villageName)
{
    public string Township { get; } = township;
    public string VillageKey { get; } = villageKey;
    public string VillageName { get; set; } = villageName;
    public int Households { get; set; }
    public Dictionary<string, int> ByStatus { get; } = new(StringComparer.Ordinal);
    public int Monitored { get; set; }
    public Dictionary<string, int> MeasureMet { get; } = new(StringComparer.Ordinal);
    public int OverdueVisits { get; set; }
    public Dictionary<string, int> OpenRisksByCategory { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> OpenRisksByLevel { get; } = new(StringComparer.Ordinal);
    public int OpenRisks { get; set; }
    public Dictionary<string, int> OverdueReferrals { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Breaches { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Department, string Measure), PaymentSum> Payments { get; } = [];
    public int[] Funnel { get; } = new int[5];
    public List<double>[] FunnelDays { get; } = [[], [], [], []];
    public Dictionary<string, int> NewRisks { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> ClosedRisks { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Escalations { get; } = new(StringComparer.Ordinal);

    /// <summary>Department → (referrals gone past their deadline this year: still open, delivered late).</summary>
    public Dictionary<string, (int Open, int Late)> LateReferralsThisYear { get; } = new(StringComparer.Ordinal);
    public int AutomaticEscalationsThisYear { get; set; }

    public static void Add(Dictionary<string, int> counts, string key, int by = 1) =>
        counts[key] = counts.GetValueOrDefault(key) + by;
}

public sealed class PaymentSum
{
    public decimal PaidYuan { get; set; }
    public HashSet<Guid> Households { get; } = [];
    public HashSet<Guid> AtCap { get; } = [];
}

/// <summary>The county's cells at one version of the projections, on one Beijing date.</summary>
public sealed record OverviewData(long Version, DateOnly Today, DateTimeOffset ComputedAt, IReadOnlyList<Cell> Cells, IReadOnlySet<string> Served)
{
    /// <summary>Days a household may go unvisited when no visit has told the cycle yet (每半月).</summary>
    public const int DefaultCycleDays = 15;

    public IEnumerable<Cell> In(OverviewScope scope, string? township = null, string? village = null) =>
        Cells.Where(c => scope.Covers(c.Township) && (township is null || c.Township == township) && (village is null || c.VillageKey == village));

    public static async Task<OverviewData> ComputeAsync(CommandCentreDbContext db, long version, DateTimeOffset now, CancellationToken ct)
    {
        var today = Beijing.DateOf(now);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var cells = new Dictionary<(string, string), Cell>();
        Cell CellOf(string township, string villageKey, string? name = null)
        {
            if (!cells.TryGetValue((township, villageKey), out var cell))
            {
                cell = new Cell(township, villageKey, name ?? (Villages.IsKnown(villageKey) ? Villages.NameOf(villageKey) : villageKey));
                cells[(township, villageKey)] = cell;
            }
            return cell;
        }

        var served = new HashSet<string>(StringComparer.Ordinal);
        var households = await db.HouseholdProjections.AsNoTracking()
            .Select(h => new { h.Id, h.TownshipCode, h.VillageKey, h.Village, h.Status, h.RegisteredAt, h.LastCycleVisitOn, h.CycleDays, h.LastVisitOn, Paired = h.CadreId != null, h.PairingAsOf })
            .ToListAsync(ct);
        var facts = (await db.MeasureFacts.AsNoTracking().Select(f => new { f.HouseholdId, f.Measure, f.Met }).ToListAsync(ct));
        foreach (var measure in facts.Select(f => f.Measure).Distinct())
        {
            served.Add(measure);
        }
        var met = facts.Where(f => f.Met).ToLookup(f => f.HouseholdId, f => f.Measure);
        var place = new Dictionary<Guid, Cell>();
        foreach (var h in households)
        {
            var cell = CellOf(h.TownshipCode, h.VillageKey, Villages.IsKnown(h.VillageKey) ? null : h.Village);
            place[h.Id] = cell;
            if (h.LastVisitOn is not null)
            {
                served.Add(Measures.Visited);
            }
            if (h.PairingAsOf > DateTimeOffset.MinValue)
            {
                served.Add(Measures.Paired);
            }
            if (h.Status is null)
            {
                continue; // heard of through another event only: not on the register's count yet
            }
            cell.Households++;
            Cell.Add(cell.ByStatus, h.Status);
            if (h.Status != "monitored")
            {
                continue;
            }
            cell.Monitored++;
            var cycle = h.CycleDays ?? DefaultCycleDays;
            var since = h.LastCycleVisitOn is { } visited ? today.DayNumber - visited.DayNumber
                : h.RegisteredAt is { } registered ? today.DayNumber - Beijing.DateOf(registered).DayNumber : 0;
            if (h.LastCycleVisitOn is not null && since <= cycle)
            {
                Cell.Add(cell.MeasureMet, Measures.Visited);
            }
            if (since > cycle)
            {
                cell.OverdueVisits++;
            }
            if (h.Paired)
            {
                Cell.Add(cell.MeasureMet, Measures.Paired);
            }
            foreach (var measure in met[h.Id])
            {
                Cell.Add(cell.MeasureMet, measure);
            }
        }

        var payments = await db.PaymentProjections.AsNoTracking()
            .Select(p => new { p.HouseholdId, p.TownshipCode, p.VillageKey, p.Department, p.Measure, p.AmountYuan, p.HeadroomAfterYuan, p.CapYuan })
            .ToListAsync(ct);
        var paidMonitored = new HashSet<Guid>();
        foreach (var p in payments)
        {
            served.Add(Measures.Subsidies);
            var cell = place.GetValueOrDefault(p.HouseholdId) ?? CellOf(p.TownshipCode, p.VillageKey);
            if (!cell.Payments.TryGetValue((p.Department, p.Measure), out var sum))
            {
                cell.Payments[(p.Department, p.Measure)] = sum = new PaymentSum();
            }
            sum.PaidYuan += p.AmountYuan;
            sum.Households.Add(p.HouseholdId);
            if (p.CapYuan is not null && p.HeadroomAfterYuan is <= 0m)
            {
                sum.AtCap.Add(p.HouseholdId);
            }
            paidMonitored.Add(p.HouseholdId);
        }
        foreach (var h in households.Where(h => h.Status == "monitored" && paidMonitored.Contains(h.Id)))
        {
            Cell.Add(place[h.Id].MeasureMet, Measures.Subsidies);
        }

        var referrals = await db.ReferralProjections.AsNoTracking()
            .Select(r => new { r.HouseholdId, r.TownshipCode, r.VillageKey, r.Department, r.RiskId, r.Status, r.DueOn, r.RequestedAt, r.AcceptedAt, r.DeliveredAt })
            .ToListAsync(ct);
        foreach (var r in referrals)
        {
            var cell = place.GetValueOrDefault(r.HouseholdId) ?? CellOf(r.TownshipCode, r.VillageKey);
            var open = r.Status is "requested" or "accepted";
            var overdue = open && r.DueOn < today;
            var late = r.DeliveredAt is { } delivered && Beijing.DateOf(delivered) > r.DueOn;
            if (overdue)
            {
                Cell.Add(cell.OverdueReferrals, r.Department);
            }
            if (overdue || late)
            {
                Cell.Add(cell.Breaches, r.Department);
                if (r.DueOn >= yearStart)
                {
                    var (o, l) = cell.LateReferralsThisYear.GetValueOrDefault(r.Department);
                    cell.LateReferralsThisYear[r.Department] = overdue ? (o + 1, l) : (o, l + 1);
                }
            }
        }
        var referralsByRisk = referrals.Where(r => r.RiskId is not null).ToLookup(r => r.RiskId!.Value);

        var risks = await db.RiskProjections.AsNoTracking()
            .Select(r => new { r.RiskId, r.FindingId, r.HouseholdId, r.TownshipCode, r.VillageKey, r.Category, r.Level, r.OpenedAt, r.ClosedAt })
            .ToListAsync(ct);
        foreach (var risk in risks)
        {
            var cell = place.GetValueOrDefault(risk.HouseholdId) ?? CellOf(risk.TownshipCode, risk.VillageKey);
            Cell.Add(cell.NewRisks, Month(risk.OpenedAt));
            if (risk.ClosedAt is { } closedAt)
            {
                Cell.Add(cell.ClosedRisks, Month(closedAt));
            }
            else
            {
                cell.OpenRisks++;
                Cell.Add(cell.OpenRisksByCategory, risk.Category);
                Cell.Add(cell.OpenRisksByLevel, risk.Level);
            }
            var linked = referralsByRisk[risk.RiskId]
                .Concat(risk.FindingId is { } finding && finding != risk.RiskId ? referralsByRisk[finding] : []).ToList();
            cell.Funnel[0]++;
            if (linked.Count == 0)
            {
                continue;
            }
            cell.Funnel[1]++;
            var requested = linked.Min(r => r.RequestedAt);
            cell.FunnelDays[0].Add(Days(risk.OpenedAt, requested));
            var accepted = linked.Where(r => r.AcceptedAt is not null).Select(r => r.AcceptedAt!.Value).DefaultIfEmpty().Min();
            if (accepted == default)
            {
                continue;
            }
            cell.Funnel[2]++;
            cell.FunnelDays[1].Add(Days(requested, accepted));
            var delivered = linked.Where(r => r.DeliveredAt is not null).Select(r => r.DeliveredAt!.Value).DefaultIfEmpty().Min();
            if (delivered == default)
            {
                continue;
            }
            cell.Funnel[3]++;
            cell.FunnelDays[2].Add(Days(accepted, delivered));
            if (risk.ClosedAt is { } closed)
            {
                cell.Funnel[4]++;
                cell.FunnelDays[3].Add(Days(delivered, closed));
            }
        }

        var escalations = await db.Escalations.AsNoTracking()
            .Select(e => new { e.HouseholdId, e.TownshipCode, e.VillageKey, e.Automatic, e.At }).ToListAsync(ct);
        foreach (var e in escalations)
        {
            var cell = place.GetValueOrDefault(e.HouseholdId) ?? CellOf(e.TownshipCode, e.VillageKey);
            Cell.Add(cell.Escalations, Month(e.At));
            if (e.Automatic && Beijing.DateOf(e.At) >= yearStart)
            {
                cell.AutomaticEscalationsThisYear++;
            }
        }
        return new OverviewData(version, today, now, [.. cells.Values], served);
    }

    public static string Month(DateTimeOffset at) => Beijing.MonthText(Beijing.DateOf(at) is var d ? new DateOnly(d.Year, d.Month, 1) : default);

    /// <summary>Days between two moments, to one decimal, never negative.</summary>
    public static double Days(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, Math.Round((to - from).TotalDays, 1, MidpointRounding.AwayFromZero));
}

/// <summary>
/// Keeps the county's cells for the projections' current version and today: a request reads them and sums its scope, so
/// serving the overview costs no database work until an event changes something (or the date turns). Recomputing the cells
/// reads every projection (about 1.4 s at 100,000 households on the 2-core machine), so once a computation has taken longer
/// than <c>CommandCentre:ServeStaleAfterMilliseconds</c> (300 ms), a request after a change gets the cells it has at once
/// while one computation runs in the background; <see cref="NextRefresh"/> completes when it is done, so the live stream
/// sends the new numbers then. A small county (and every test) is computed on the request, as before.
/// </summary>
public sealed partial class OverviewCache(IServiceScopeFactory scopes, OverviewSignal signal, TimeProvider time, IConfiguration configuration,
    ILogger<OverviewCache> logger) : IDisposable
{
    private readonly SemaphoreSlim _computing = new(1, 1);
    private readonly Lock _lock = new();
    private readonly TimeSpan _serveStaleAfter =
        TimeSpan.FromMilliseconds(Math.Max(0, configuration.GetValue("CommandCentre:ServeStaleAfterMilliseconds", 300.0)));
    private TaskCompletionSource _refreshed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private OverviewData? _current;
    private TimeSpan _lastTook;
    private int _refreshing;

    /// <summary>Completes when the cells are next recomputed.</summary>
    public Task NextRefresh
    {
        get
        {
            lock (_lock)
            {
                return _refreshed.Task;
            }
        }
    }

    public async Task<OverviewData> GetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_current is { } fresh && fresh.Version == signal.Version && fresh.Today == Beijing.DateOf(now))
        {
            return fresh;
        }
        if (_current is { } stale && stale.Today == Beijing.DateOf(now) && _serveStaleAfter > TimeSpan.Zero && _lastTook > _serveStaleAfter)
        {
            if (Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
            {
                _ = Task.Run(RefreshInBackgroundAsync, CancellationToken.None);
            }
            return stale;
        }
        return await ComputeAsync(ct);
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await ComputeAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            RefreshFailed(logger, exception);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task<OverviewData> ComputeAsync(CancellationToken ct)
    {
        await _computing.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            if (_current is { } again && again.Version == signal.Version && again.Today == Beijing.DateOf(now))
            {
                return again;
            }
            var version = signal.Version;
            var started = time.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommandCentreDbContext>();
            _current = await OverviewData.ComputeAsync(db, version, now, ct);
            _lastTook = time.GetElapsedTime(started);
            TaskCompletionSource refreshed;
            lock (_lock)
            {
                refreshed = _refreshed;
                _refreshed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            refreshed.TrySetResult();
            return _current;
        }
        finally
        {
            _computing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The overview's cells could not be recomputed in the background")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);

    public void Dispose() => _computing.Dispose();
}
