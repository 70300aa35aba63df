using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;

namespace Xichou.CommandCentre.Feed;

/// <summary>
/// Applies one event to the overview's projections. The same code serves the live consumers and the rebuild, so a replay
/// of the event table in its order gives the same tables. Each projection keeps the newest fact by the event's own time
/// (<c>OccurredAt</c>), so an event that overtakes another on the broker does not undo it.
/// </summary>
public static class Projector
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every contract the command centre follows, by the name kept in <see cref="FeedEvent.Type"/>.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Types = new[]
    {
        typeof(HouseholdRegistered), typeof(HouseholdDetailsChanged), typeof(HouseholdStatusChanged),
        typeof(RiskRegistered), typeof(RiskClosed), typeof(RiskIdentified), typeof(FindingCleared), typeof(RiskEscalated),
        typeof(HouseholdVisited), typeof(CadrePaired), typeof(SurveyRecorded), typeof(HouseholdPaid),
        typeof(ReferralRequested), typeof(ReferralAccepted), typeof(ReferralDelivered), typeof(ReferralRejected),
        typeof(ReferralWithdrawn), typeof(ReferralEscalated),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The measure a department's plain survey status stands for when it names no finer fact.</summary>
    public static string? DefaultMeasureOf(string department) => department switch
    {
        ServiceNames.Housing => Measures.HousingSafe,
        ServiceNames.Water => Measures.WaterSafe,
        ServiceNames.Employment => Measures.Employed,
        ServiceNames.Insurance => Measures.Medical,
        _ => null,
    };

    /// <summary>The service that published a message of this type (for <see cref="FeedEvent.Source"/>).</summary>
    public static string SourceOf(object message) => message switch
    {
        RiskIdentified m => m.Department,
        FindingCleared m => m.Department,
        SurveyRecorded m => m.Department,
        HouseholdPaid m => m.Department,
        ReferralRequested or ReferralWithdrawn => ((ReferralEvent)message).Referral.FromService,
        ReferralEvent m => m.Referral.ToDepartment,
        _ => ServiceNames.Monitoring,
    };

    public static FeedEvent Record(Guid messageId, IHouseholdEvent message, DateTimeOffset receivedAt) => new()
    {
        MessageId = messageId,
        Source = SourceOf(message),
        Type = message.GetType().Name,
        Body = JsonSerializer.Serialize(message, message.GetType(), Json),
        HouseholdId = message.HouseholdId,
        OccurredAt = message.OccurredAt,
        ReceivedAt = receivedAt,
    };

    public static IHouseholdEvent Read(FeedEvent stored) =>
        (IHouseholdEvent)(JsonSerializer.Deserialize(stored.Body, Types[stored.Type], Json)
            ?? throw new InvalidOperationException($"Event {stored.MessageId} has an empty body."));

    /// <param name="batch">The households of the events being applied together, loaded in one query (<see cref="ProjectionBatch"/>); without it each event looks its household up.</param>
    public static async Task ApplyAsync(CommandCentreDbContext db, Guid messageId, IHouseholdEvent message, CancellationToken ct, ProjectionBatch? batch = null)
    {
        var household = await HouseholdAsync(db, message, batch, ct);
        switch (message)
        {
            case HouseholdRegistered m:
                Details(household, m.HouseholdCode, m.HeadName, m.HeadIdNumber, m.OccurredAt);
                household.RegisteredAt ??= m.OccurredAt;
                if (household.Status is null)
                {
                    household.Status = "monitored";
                }
                break;
            case HouseholdDetailsChanged m:
                Details(household, m.HouseholdCode, m.HeadName, m.HeadIdNumber, m.OccurredAt);
                break;
            case HouseholdStatusChanged m:
                if (m.OccurredAt >= household.StatusAsOf)
                {
                    household.Status = m.Status;
                    household.StatusAsOf = m.OccurredAt;
                }
                break;
            case HouseholdVisited m:
                if (household.LastVisitOn is not { } last || m.VisitedOn > last)
                {
                    household.LastVisitOn = m.VisitedOn;
                }
                if (m.KeepsCycle && (household.LastCycleVisitOn is not { } cycle || m.VisitedOn >= cycle))
                {
                    household.LastCycleVisitOn = m.VisitedOn;
                    household.CycleDays = m.CycleDays;
                }
                break;
            case CadrePaired m:
                if (m.OccurredAt >= household.PairingAsOf)
                {
                    household.CadreId = m.CadreId;
                    household.CadreName = m.CadreId is null ? null : m.CadreName;
                    household.PairingAsOf = m.OccurredAt;
                }
                break;
            case SurveyRecorded m:
                await SurveyAsync(db, m, ct);
                break;
            case RiskRegistered m:
                await RiskRegisteredAsync(db, m, ct);
                break;
            case RiskIdentified m:
                await RiskIdentifiedAsync(db, m, ct);
                break;
            case RiskClosed m:
                if (await RiskAsync(db, m.RiskId, ct) is not { } closed)
                {
                    // The closure overtook the registration: the row is kept closed, and the registration fills it in.
                    closed = NewRisk(m.RiskId, null, false, m, household.VillageKey, "register", null, m.Category, "", m.Level);
                    db.RiskProjections.Add(closed);
                }
                if (closed.ClosedAt is null)
                {
                    closed.ClosedAt = m.OccurredAt;
                    closed.ClosedHow = m.How;
                    closed.Level = m.Level;
                }
                break;
            case FindingCleared m:
                if (await FindingAsync(db, m.RiskId, ct) is not { } cleared)
                {
                    cleared = NewRisk(m.RiskId, m.RiskId, true, m, household.VillageKey, "department", m.Department, m.Category, "", "village");
                    db.RiskProjections.Add(cleared);
                }
                if (cleared.ClosedAt is null)
                {
                    cleared.ClosedAt = m.OccurredAt;
                    cleared.ClosedHow = "cleared";
                }
                break;
            case RiskEscalated m:
                db.Escalations.Add(new EscalationRecord
                {
                    MessageId = messageId, RiskId = m.RiskId, HouseholdId = m.HouseholdId, TownshipCode = m.TownshipCode,
                    VillageKey = household.VillageKey, FromLevel = m.FromLevel, ToLevel = m.ToLevel, Automatic = m.Automatic, At = m.OccurredAt,
                });
                if (await RiskAsync(db, m.RiskId, ct) is { } escalated && escalated.ClosedAt is null && Rank(m.ToLevel) > Rank(escalated.Level))
                {
                    escalated.Level = m.ToLevel;
                }
                break;
            case HouseholdPaid m:
                if (await db.PaymentProjections.FindAsync([m.PaymentId], ct) is null)
                {
                    db.PaymentProjections.Add(new PaymentProjection
                    {
                        PaymentId = m.PaymentId, HouseholdId = m.HouseholdId, TownshipCode = m.TownshipCode, VillageKey = household.VillageKey,
                        Department = m.Department, Measure = m.Measure, KindName = m.KindName, AmountYuan = Money(m.AmountYuan), PaidOn = m.PaidOn,
                        CapName = m.CapName, CapYuan = m.CapYuan is { } cap ? Money(cap) : null,
                        HeadroomAfterYuan = m.HeadroomAfterYuan is { } headroom ? Money(headroom) : null, OccurredAt = m.OccurredAt,
                    });
                }
                break;
            case ReferralEvent m:
                await ReferralAsync(db, m, household.VillageKey, ct);
                break;
        }
    }

    public static decimal Money(decimal yuan) => Math.Round(yuan, 2, MidpointRounding.AwayFromZero);

    public static int Rank(string level) => level switch { "county" => 3, "township" => 2, _ => 1 };

    private static void Details(HouseholdProjection household, string code, string headName, string headIdNumber, DateTimeOffset at)
    {
        if (at >= household.DetailsAsOf)
        {
            household.HouseholdCode = code;
            household.HeadName = headName;
            household.HeadIdNumber = headIdNumber;
            household.DetailsAsOf = at;
        }
    }

    /// <summary>The household's row, created from the place any event carries; the newest place wins.</summary>
    private static async Task<HouseholdProjection> HouseholdAsync(CommandCentreDbContext db, IHouseholdEvent message, ProjectionBatch? batch, CancellationToken ct)
    {
        var villageCode = message switch
        {
            HouseholdRegistered m => m.VillageCode, HouseholdDetailsChanged m => m.VillageCode, HouseholdStatusChanged m => m.VillageCode,
            RiskRegistered m => m.VillageCode, RiskClosed m => m.VillageCode, RiskIdentified m => m.VillageCode, FindingCleared m => m.VillageCode,
            RiskEscalated m => m.VillageCode, HouseholdVisited m => m.VillageCode, CadrePaired m => m.VillageCode,
            SurveyRecorded m => m.VillageCode, HouseholdPaid m => m.VillageCode, ReferralEvent m => m.Referral.VillageCode,
            _ => null,
        };
        var household = batch is not null
            ? batch.Household(message.HouseholdId)
            : await db.HouseholdProjections.FindAsync([message.HouseholdId], ct);
        if (household is null)
        {
            household = new HouseholdProjection { Id = message.HouseholdId, DetailsAsOf = DateTimeOffset.MinValue, StatusAsOf = DateTimeOffset.MinValue, PairingAsOf = DateTimeOffset.MinValue };
            db.HouseholdProjections.Add(household);
            batch?.Added(household);
        }
        // Details are the register's word on the place; other events fill it in only while it is unknown.
        if (household.TownshipCode.Length == 0 || message is HouseholdRegistered or HouseholdDetailsChanged && message.OccurredAt >= household.DetailsAsOf)
        {
            household.TownshipCode = message.TownshipCode;
            household.Village = message.Village;
            household.VillageKey = string.IsNullOrWhiteSpace(villageCode) ? message.Village : villageCode;
        }
        return household;
    }

    private static async Task SurveyAsync(CommandCentreDbContext db, SurveyRecorded m, CancellationToken ct)
    {
        var facts = new Dictionary<string, bool>(m.Measures, StringComparer.Ordinal);
        if (DefaultMeasureOf(m.Department) is { } measure && !facts.ContainsKey(measure) && m.Status != "pending")
        {
            facts[measure] = m.Status == "secured";
        }
        foreach (var (key, met) in facts)
        {
            var fact = await db.MeasureFacts.FindAsync([m.HouseholdId, key], ct);
            if (fact is null)
            {
                db.MeasureFacts.Add(new MeasureFact { HouseholdId = m.HouseholdId, Measure = key, Department = m.Department, Met = met, AsOf = m.OccurredAt });
            }
            else if (m.OccurredAt >= fact.AsOf)
            {
                fact.Met = met;
                fact.Department = m.Department;
                fact.AsOf = m.OccurredAt;
            }
        }
    }

    private static async Task<RiskProjection?> RiskAsync(CommandCentreDbContext db, Guid riskId, CancellationToken ct) =>
        await db.RiskProjections.FindAsync([riskId], ct);

    private static async Task<RiskProjection?> FindingAsync(CommandCentreDbContext db, Guid findingId, CancellationToken ct) =>
        db.RiskProjections.Local.FirstOrDefault(r => r.FindingId == findingId && db.Entry(r).State != EntityState.Deleted)
        ?? await db.RiskProjections.FirstOrDefaultAsync(r => r.FindingId == findingId, ct);

    private static async Task RiskRegisteredAsync(CommandCentreDbContext db, RiskRegistered m, CancellationToken ct)
    {
        if (await RiskAsync(db, m.RiskId, ct) is { } known)
        {
            // Heard of first by its closure or escalation: the registration brings what those did not carry.
            known.FindingId ??= m.FindingId;
            known.Source = m.Source;
            known.Department = m.Department;
            known.Severity = m.Severity;
            known.EscalationDueOn ??= m.EscalationDueOn;
            if (m.OccurredAt < known.OpenedAt)
            {
                known.OpenedAt = m.OccurredAt;
            }
            return;
        }
        var risk = new RiskProjection
        {
            RiskId = m.RiskId, FindingId = m.FindingId, HouseholdId = m.HouseholdId, TownshipCode = m.TownshipCode,
            VillageKey = string.IsNullOrWhiteSpace(m.VillageCode) ? m.Village : m.VillageCode, Source = m.Source, Department = m.Department,
            Category = m.Category, Severity = m.Severity, Level = m.Level, EscalationDueOn = m.EscalationDueOn, OpenedAt = m.OccurredAt,
        };
        // The department's finding came first: the register's row takes its place, keeping a clearance already heard of.
        if (m.FindingId is { } findingId && await FindingAsync(db, findingId, ct) is { Provisional: true } provisional)
        {
            risk.ClosedAt = provisional.ClosedAt;
            risk.ClosedHow = provisional.ClosedHow;
            risk.OpenedAt = provisional.OpenedAt < m.OccurredAt ? provisional.OpenedAt : m.OccurredAt;
            db.RiskProjections.Remove(provisional);
        }
        db.RiskProjections.Add(risk);
    }

    private static RiskProjection NewRisk(Guid riskId, Guid? findingId, bool provisional, IHouseholdEvent m, string villageKey, string source, string? department,
        string category, string severity, string level) => new()
    {
        RiskId = riskId, FindingId = findingId, Provisional = provisional, HouseholdId = m.HouseholdId, TownshipCode = m.TownshipCode,
        VillageKey = villageKey, Source = source, Department = department, Category = category, Severity = severity, Level = level,
        OpenedAt = m.OccurredAt,
    };

    private static async Task RiskIdentifiedAsync(CommandCentreDbContext db, RiskIdentified m, CancellationToken ct)
    {
        if (await FindingAsync(db, m.RiskId, ct) is not null)
        {
            return;
        }
        db.RiskProjections.Add(new RiskProjection
        {
            RiskId = m.RiskId, FindingId = m.RiskId, Provisional = true, HouseholdId = m.HouseholdId, TownshipCode = m.TownshipCode,
            VillageKey = string.IsNullOrWhiteSpace(m.VillageCode) ? m.Village : m.VillageCode, Source = "department", Department = m.Department,
            Category = m.Category, Severity = m.Severity, Level = "village", OpenedAt = m.OccurredAt,
        });
    }

    private static async Task ReferralAsync(CommandCentreDbContext db, ReferralEvent m, string villageKey, CancellationToken ct)
    {
        var snapshot = m.Referral;
        var referral = await db.ReferralProjections.FindAsync([snapshot.ReferralId], ct);
        if (referral is null)
        {
            referral = new ReferralProjection { ReferralId = snapshot.ReferralId, AsOf = DateTimeOffset.MinValue };
            db.ReferralProjections.Add(referral);
        }
        if (m.OccurredAt < referral.AsOf)
        {
            return;
        }
        referral.HouseholdId = snapshot.HouseholdId;
        referral.TownshipCode = snapshot.TownshipCode;
        referral.VillageKey = string.IsNullOrWhiteSpace(snapshot.VillageCode) ? villageKey : snapshot.VillageCode;
        referral.FromService = snapshot.FromService;
        referral.Department = snapshot.ToDepartment;
        referral.RiskId = snapshot.RiskId;
        referral.Status = snapshot.Status;
        referral.DueOn = snapshot.DueOn;
        referral.RequestedAt = snapshot.RequestedAt;
        referral.AcceptedAt = snapshot.AcceptedAt;
        referral.ClosedAt = snapshot.ClosedAt;
        referral.DeliveredAt = snapshot.Status == "delivered" ? snapshot.ClosedAt ?? m.OccurredAt : null;
        referral.Escalation = snapshot.Escalation;
        referral.EscalatedAt = snapshot.EscalatedAt;
        referral.AsOf = m.OccurredAt;
    }
}

/// <summary>The measures of the Ten Measures the overview counts coverage of, by the keys events carry.</summary>
public static class Measures
{
    public const string Visited = "visited";
    public const string Paired = "paired";
    public const string HousingSafe = "housing-safe";
    public const string WaterSafe = "water-safe";
    public const string Trained = "trained";
    public const string Employed = "employed";
    public const string Medical = "medical";
    public const string PovertyPrevention = "poverty-prevention";
    public const string Microcredit = "microcredit";
    public const string Subsidies = "subsidies";

    /// <summary>Key, Chinese name, the measure of the policy it serves, the department that reports it.</summary>
    public static readonly IReadOnlyList<(string Key, string Name, string Policy, string Department)> All =
    [
        (Visited, "本周期已走访", "措施一", ServiceNames.Monitoring),
        (Paired, "已结对帮扶", "措施二", ServiceNames.Monitoring),
        (HousingSafe, "住房安全", "措施三", ServiceNames.Housing),
        (WaterSafe, "饮水安全", "措施十", ServiceNames.Water),
        (Trained, "至少培训一名劳动力", "措施五", ServiceNames.Employment),
        (Employed, "至少一人就业", "措施五", ServiceNames.Employment),
        (Medical, "基本医疗和大病保险", "措施八", ServiceNames.Insurance),
        (PovertyPrevention, "防贫保险", "措施九", ServiceNames.Insurance),
        (Microcredit, "小额信贷应贷尽贷", "措施七", ServiceNames.Monitoring),
        (Subsidies, "补贴资助已发放", "措施四、六、八", "departments"),
    ];

    public static bool IsKnown(string? key) => All.Any(m => m.Key == key);
}

/// <summary>
/// The household projections of a batch of events, loaded in one query before the batch is applied: a batch of new
/// registrations would otherwise cost a look-up per event that finds nothing.
/// </summary>
public sealed class ProjectionBatch
{
    private readonly Dictionary<Guid, HouseholdProjection> _households;
    private readonly HashSet<Guid> _covered;

    private ProjectionBatch(Dictionary<Guid, HouseholdProjection> households, HashSet<Guid> covered) =>
        (_households, _covered) = (households, covered);

    public static async Task<ProjectionBatch> LoadAsync(CommandCentreDbContext db, IEnumerable<IHouseholdEvent> events, CancellationToken ct)
    {
        var ids = events.Select(e => e.HouseholdId).ToHashSet();
        var list = ids.ToList();
        var households = await db.HouseholdProjections.Where(h => list.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        return new ProjectionBatch(households, ids);
    }

    /// <summary>The household's row if it exists; a household outside the batch is an error of the caller's.</summary>
    internal HouseholdProjection? Household(Guid id) => _covered.Contains(id)
        ? _households.GetValueOrDefault(id)
        : throw new InvalidOperationException($"Household {id} is not in this projection batch.");

    internal void Added(HouseholdProjection household) => _households[household.Id] = household;
}
