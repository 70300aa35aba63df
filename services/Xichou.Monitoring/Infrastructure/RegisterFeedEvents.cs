using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Xichou.Contracts;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.Monitoring.Infrastructure;

/// <summary>
/// The register's feed for whoever follows it (the command centre), read from what one SaveChanges is about to write, so
/// no handler has to remember it: a risk reaching the register (<see cref="RiskRegistered"/>), a risk closing
/// (<see cref="RiskClosed"/>: verified by a visit, cleared by its department, or handled as a complaint), a visit
/// (<see cref="HouseholdVisited"/>), a household's pairing (<see cref="CadrePaired"/>), and a household's microcredit
/// (<see cref="SurveyRecorded"/> from the monitoring service with the measure "microcredit": 应贷尽贷, met once any of its
/// loans is disbursed; published when a need is recorded and when a loan is disbursed, the two changes that can move it). Each event carries the time of its own fact (the risk's opening, the visit's recording), so the
/// demo county, which stores three months of the past in one go, publishes that past as it happened: a risk stored with
/// escalations and a closing behind it is published as registered, escalated (<see cref="RiskEscalated"/>) and closed,
/// in that order. Escalations of a risk already on the register are not here: the escalator and the report-up publish
/// them where they make them.
/// </summary>
internal sealed class RegisterFeedEvents
{
    /// <summary>The measure key of 应贷尽贷 in <see cref="SurveyRecorded.Measures"/>.</summary>
    public const string MicrocreditMeasure = "microcredit";

    private readonly List<Risk> _registered = [];
    private readonly List<Risk> _closed = [];
    private readonly List<Visit> _visits = [];
    private readonly List<(Household Household, bool Added)> _paired = [];
    private readonly List<Loan> _loans = [];
    private readonly Dictionary<Guid, Household> _tracked = [];
    private readonly Dictionary<string, Cadre> _cadres = new(StringComparer.Ordinal);

    /// <summary>Reads the tracker once; the caller has detected changes.</summary>
    public static RegisterFeedEvents Collect(ChangeTracker tracker)
    {
        var feed = new RegisterFeedEvents();
        foreach (var entry in tracker.Entries())
        {
            switch (entry.Entity)
            {
                case Risk risk when entry.State == EntityState.Added:
                    feed._registered.Add(risk);
                    break;
                case Risk risk when entry.State == EntityState.Modified && ClosedNow(entry):
                    feed._closed.Add(risk);
                    break;
                case Visit visit when entry.State == EntityState.Added:
                    feed._visits.Add(visit);
                    break;
                case Household household:
                    feed._tracked[household.Id] = household;
                    if (entry.State == EntityState.Added ? household.PairedCadre is not null
                        : entry.State == EntityState.Modified && entry.Property(nameof(Household.PairedCadre)).IsModified
                            && !Equals(entry.Property(nameof(Household.PairedCadre)).OriginalValue, household.PairedCadre))
                    {
                        feed._paired.Add((household, entry.State == EntityState.Added));
                    }
                    break;
                case Cadre cadre when entry.State != EntityState.Deleted:
                    feed._cadres[cadre.UserName] = cadre;
                    break;
                // A need recorded, or a loan disbursed: the two changes that can change whether the need is met.
                case Loan loan when entry.State == EntityState.Added
                    || (entry.State == EntityState.Modified && loan.Status == LoanStatus.Disbursed && entry.Property(nameof(Loan.Status)).IsModified):
                    feed._loans.Add(loan);
                    break;
            }
        }
        return feed;
    }

    public bool IsEmpty => _registered.Count == 0 && _closed.Count == 0 && _visits.Count == 0 && _paired.Count == 0 && _loans.Count == 0;

    /// <summary>The feed of <paramref name="db"/>'s pending changes, added to its outbox unsaved; their rows are returned.</summary>
    public static List<OutboxMessage> Queue(MonitoringDbContext db, TimeProvider time)
    {
        var feed = Collect(db.ChangeTracker);
        return feed.IsEmpty ? [] : feed.Queue(db, feed.Places(db, null).GetAwaiter().GetResult(), feed.Cadres(db, null).GetAwaiter().GetResult(),
            feed.Loans(db, null).GetAwaiter().GetResult(), PoliciesOf(db), time);
    }

    /// <inheritdoc cref="Queue(MonitoringDbContext, TimeProvider)"/>
    public static async Task<List<OutboxMessage>> QueueAsync(MonitoringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var feed = Collect(db.ChangeTracker);
        return feed.IsEmpty ? [] : feed.Queue(db, await feed.Places(db, cancellationToken), await feed.Cadres(db, cancellationToken),
            await feed.Loans(db, cancellationToken), PoliciesOf(db), time);
    }

    /// <summary>Adds the events to <paramref name="db"/>'s outbox, unsaved, and returns their rows.</summary>
    /// <param name="places">Where each household concerned is (tracked ones and those read from the database).</param>
    /// <param name="cadres">The cadres named by the pairings, by user name.</param>
    /// <param name="storedLoans">The stored loans of the households whose loans change, other than those tracked.</param>
    public List<OutboxMessage> Queue(MonitoringDbContext db, IReadOnlyDictionary<Guid, Place> places, IReadOnlyDictionary<string, Cadre> cadres,
        IReadOnlyList<(Guid HouseholdId, LoanStatus Status)> storedLoans, MonitoringPolicies policies, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var queued = new List<OutboxMessage>();
        void Add<TEvent>(TEvent message) where TEvent : class
        {
            var row = OutboxMessage.From(message);
            db.OutboxMessages.Add(row);
            queued.Add(row);
        }

        foreach (var (household, added) in _paired)
        {
            if (places.TryGetValue(household.Id, out var place) && Paired(household, place, cadres, added ? household.RegisteredAt : now) is { } paired)
            {
                Add(paired);
            }
        }
        foreach (var visit in _visits)
        {
            if (places.TryGetValue(visit.HouseholdId, out var place))
            {
                Add(Visited(visit, place, policies));
            }
        }
        foreach (var risk in _registered)
        {
            if (!places.TryGetValue(risk.HouseholdId, out var place))
            {
                continue;
            }
            Add(Registered(risk, place, policies));
            // Only the demo county stores a risk with a past: its escalations and its closing are published after it.
            foreach (var escalation in risk.Escalations.OrderBy(e => e.At))
            {
                Add(Escalated(risk, escalation, place));
            }
            if (risk.Status == RiskStatus.Closed)
            {
                Add(Closed(risk, place, now));
            }
        }
        foreach (var risk in _closed)
        {
            if (places.TryGetValue(risk.HouseholdId, out var place))
            {
                Add(Closed(risk, place, now));
            }
        }
        foreach (var household in _loans.GroupBy(l => l.HouseholdId))
        {
            if (places.TryGetValue(household.Key, out var place))
            {
                var statuses = household.Select(l => l.Status).Concat(storedLoans.Where(l => l.HouseholdId == household.Key).Select(l => l.Status));
                Add(Microcredit(household.Key, place, statuses, household.Max(l => l.StatusChangedAt)));
            }
        }
        return queued;
    }

    /// <summary>Where a household is, as every event of the feed says it.</summary>
    public sealed record Place(string TownshipCode, string Village, string? VillageCode);

    public static Place PlaceOf(Household household) => new(household.TownshipCode, household.Village, household.VillageCode);

    public static RiskRegistered Registered(Risk risk, Place place, MonitoringPolicies policies)
    {
        // As it reached the register: at the level that first owned it, with that level's clock from the opening.
        var level = risk.Escalations.Count > 0 ? risk.Escalations.MinBy(e => e.At)!.From : risk.Level;
        return new RiskRegistered
        {
            RiskId = risk.Id,
            FindingId = risk.Source == RiskSource.Department ? risk.SourceId : null,
            HouseholdId = risk.HouseholdId,
            TownshipCode = place.TownshipCode,
            Village = place.Village,
            VillageCode = place.VillageCode,
            Source = WireName.Of(risk.Source),
            Department = risk.Source == RiskSource.Department ? risk.OpenedBy : null,
            Category = WireName.Of(risk.Category),
            Severity = WireName.Of(risk.Severity),
            Level = WireName.Of(level),
            EscalationDueOn = level == RiskLevel.County ? null : Beijing.DateOf(EscalationClock.DueAt(risk.OpenedAt, policies)),
            OccurredAt = risk.OpenedAt,
        };
    }

    public static RiskClosed Closed(Risk risk, Place place, DateTimeOffset now) => new()
    {
        RiskId = risk.Id,
        HouseholdId = risk.HouseholdId,
        TownshipCode = place.TownshipCode,
        Village = place.Village,
        VillageCode = place.VillageCode,
        Category = WireName.Of(risk.Category),
        Level = WireName.Of(risk.Level),
        How = HowClosed(risk),
        ClosedBy = risk.VerifiedBy ?? "",
        OccurredAt = risk.ClosedAt ?? now,
    };

    /// <summary>verified (a verification visit met the exit rule), cleared (the department's re-check), handled (a complaint's own handling).</summary>
    public static string HowClosed(Risk risk) =>
        risk.VerificationVisitId is not null ? "verified"
        : risk.Source == RiskSource.Department || risk.Resolution is not null ? "cleared"
        : "handled";

    public static HouseholdVisited Visited(Visit visit, Place place, MonitoringPolicies policies) => new()
    {
        VisitId = visit.Id,
        HouseholdId = visit.HouseholdId,
        TownshipCode = place.TownshipCode,
        Village = place.Village,
        VillageCode = place.VillageCode,
        VisitedOn = visit.VisitedOn,
        KeepsCycle = visit.Kind.KeepsTheCycle(),
        // The version that judged the visit, which is the one in force on its date.
        CycleDays = policies.Named(visit.PolicyVersion, visit.VisitedOn).VisitCycleDays,
        OccurredAt = visit.RecordedAt,
    };

    /// <summary>The pairing now; null for a cadre user name with no cadre on the register (nothing to name).</summary>
    public static CadrePaired? Paired(Household household, Place place, IReadOnlyDictionary<string, Cadre> cadres, DateTimeOffset at)
    {
        Cadre? cadre = null;
        if (household.PairedCadre is { } userName && !cadres.TryGetValue(userName, out cadre))
        {
            return null;
        }
        return new CadrePaired
        {
            HouseholdId = household.Id,
            TownshipCode = place.TownshipCode,
            Village = place.Village,
            VillageCode = place.VillageCode,
            CadreId = cadre?.Id,
            CadreName = cadre?.Name,
            OccurredAt = at,
        };
    }

    /// <summary>应贷尽贷 for one household with a loan need: met once any of its loans is disbursed, whatever became of the others.</summary>
    public static SurveyRecorded Microcredit(Guid householdId, Place place, IEnumerable<LoanStatus> loans, DateTimeOffset at)
    {
        var met = loans.Any(s => s == LoanStatus.Disbursed);
        return new SurveyRecorded
        {
            HouseholdId = householdId,
            TownshipCode = place.TownshipCode,
            Village = place.Village,
            VillageCode = place.VillageCode,
            Department = ServiceNames.Monitoring,
            Status = met ? "secured" : "problem",
            Measures = new Dictionary<string, bool> { [MicrocreditMeasure] = met },
            OccurredAt = at,
        };
    }

    public static RiskEscalated Escalated(Risk risk, RiskEscalation escalation, Place place) => new()
    {
        RiskId = risk.Id,
        HouseholdId = risk.HouseholdId,
        TownshipCode = place.TownshipCode,
        Village = place.Village,
        VillageCode = place.VillageCode,
        FromLevel = WireName.Of(escalation.From),
        ToLevel = WireName.Of(escalation.To),
        Automatic = escalation.Automatic,
        Category = WireName.Of(risk.Category),
        OccurredAt = escalation.At,
    };

    private static bool ClosedNow(EntityEntry entry)
    {
        var status = entry.Property(nameof(Risk.Status));
        return status.IsModified && status.OriginalValue is RiskStatus.Open && status.CurrentValue is RiskStatus.Closed;
    }

    /// <summary>The places of every household concerned: tracked ones as they are, the rest in one query (none when all are tracked).</summary>
    private async Task<Dictionary<Guid, Place>> Places(MonitoringDbContext db, CancellationToken? cancellationToken)
    {
        var places = new Dictionary<Guid, Place>();
        var wanted = _registered.Select(r => r.HouseholdId).Concat(_closed.Select(r => r.HouseholdId)).Concat(_visits.Select(v => v.HouseholdId))
            .Concat(_paired.Select(p => p.Household.Id)).Concat(_loans.Select(l => l.HouseholdId)).ToHashSet();
        var missing = new List<Guid>();
        foreach (var id in wanted)
        {
            if (_tracked.TryGetValue(id, out var household))
            {
                places[id] = PlaceOf(household);
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            var query = db.Households.AsNoTracking().Where(h => missing.Contains(h.Id)).Select(h => new { h.Id, h.TownshipCode, h.Village, h.VillageCode });
            var stored = cancellationToken is { } ct ? await query.ToListAsync(ct) : [.. query];
            foreach (var h in stored)
            {
                places[h.Id] = new Place(h.TownshipCode, h.Village, h.VillageCode);
            }
        }
        return places;
    }

    /// <summary>The cadres the pairings name: tracked ones, the rest in one query.</summary>
    private async Task<Dictionary<string, Cadre>> Cadres(MonitoringDbContext db, CancellationToken? cancellationToken)
    {
        var cadres = new Dictionary<string, Cadre>(_cadres, StringComparer.Ordinal);
        var missing = _paired.Select(p => p.Household.PairedCadre).OfType<string>().Where(n => !cadres.ContainsKey(n)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var query = db.Cadres.AsNoTracking().Where(c => missing.Contains(c.UserName));
            var stored = cancellationToken is { } ct ? await query.ToListAsync(ct) : [.. query];
            foreach (var cadre in stored)
            {
                cadres[cadre.UserName] = cadre;
            }
        }
        return cadres;
    }

    /// <summary>The stored loans of households whose loans change, other than the tracked ones (none for a household registered now).</summary>
    private async Task<List<(Guid HouseholdId, LoanStatus Status)>> Loans(MonitoringDbContext db, CancellationToken? cancellationToken)
    {
        var households = _loans.Select(l => l.HouseholdId).Where(id => !IsAddedNow(db, id)).Distinct().ToList();
        if (households.Count == 0)
        {
            return [];
        }
        var tracked = _loans.Select(l => l.Id).ToList();
        var query = db.Loans.AsNoTracking().Where(l => households.Contains(l.HouseholdId) && !tracked.Contains(l.Id))
            .Select(l => new { l.HouseholdId, l.Status });
        var stored = cancellationToken is { } ct ? await query.ToListAsync(ct) : [.. query];
        return stored.ConvertAll(l => (l.HouseholdId, l.Status));
    }

    private bool IsAddedNow(MonitoringDbContext db, Guid householdId) =>
        _tracked.TryGetValue(householdId, out var household) && db.Entry(household).State == EntityState.Added;

    /// <summary>The service's policy versions; the 2021 measures alone where the context runs without the service (tools, tests of its own).</summary>
    private static MonitoringPolicies PoliciesOf(MonitoringDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<MonitoringPolicies>()
        ?? MonitoringPolicies.Default;
}
