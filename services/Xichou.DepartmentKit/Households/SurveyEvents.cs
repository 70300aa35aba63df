using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.DepartmentKit.Households;

/// <summary>
/// A department's survey on the bus (<see cref="SurveyRecorded"/>), read from what one SaveChanges is about to write, so no
/// desk has to remember it: a household whose <see cref="KnownHousehold.SurveyStatus"/> changes, or whose survey was
/// recorded with finer facts (<see cref="KnownHousehold.RecordSurvey"/>'s measures, e.g. employment's trained and employed),
/// is published with its status and those facts. A department whose status is its one measure (housing's safe house,
/// water's safe water, education's schooling) has it filled in here (<see cref="StatusMeasures"/>).
/// </summary>
public static class SurveyEvents
{
    /// <summary>The measure a department's survey status alone answers, by department key.</summary>
    public static readonly IReadOnlyDictionary<string, string> StatusMeasures = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ServiceNames.Housing] = "housing-safe",
        [ServiceNames.Water] = "water-safe",
        [ServiceNames.Education] = "schooling",
    };

    /// <summary>Households whose survey is published by this save: <see cref="Published"/> forgets their facts once it is through.</summary>
    public sealed record Queued(List<OutboxMessage> Messages, List<KnownHousehold> Households);

    /// <summary>Adds the events of <paramref name="db"/>'s pending survey changes to its outbox, unsaved.</summary>
    public static Queued Queue(DepartmentDbContext db, TimeProvider time)
    {
        var queued = new Queued([], []);
        // Without the service (tools, a context of a test's own) there is no department to name.
        if (ServiceOf<Department>(db) is not { } department)
        {
            return queued;
        }
        var now = time.GetUtcNow();
        foreach (var entry in db.ChangeTracker.Entries<KnownHousehold>())
        {
            var household = entry.Entity;
            var changed = entry.State == EntityState.Modified && entry.Property(nameof(KnownHousehold.SurveyStatus)) is { IsModified: true } status
                && !Equals(status.OriginalValue, status.CurrentValue);
            if (entry.State is EntityState.Deleted or EntityState.Detached || (!changed && household.SurveyMeasures is null))
            {
                continue;
            }
            var message = OutboxMessage.From(Recorded(department.Key, household, now));
            db.OutboxMessages.Add(message);
            queued.Messages.Add(message);
            queued.Households.Add(household);
        }
        return queued;
    }

    /// <summary>The save went through: the facts were published with it.</summary>
    public static void Published(Queued queued)
    {
        foreach (var household in queued.Households)
        {
            household.SurveyPublished();
        }
    }

    /// <summary>The save failed: its events are left out, so a retry derives them again.</summary>
    public static void Forget(DepartmentDbContext db, Queued queued)
    {
        foreach (var message in queued.Messages)
        {
            db.Entry(message).State = EntityState.Detached;
        }
    }

    public static SurveyRecorded Recorded(string department, KnownHousehold household, DateTimeOffset now)
    {
        var measures = new Dictionary<string, bool>(household.SurveyMeasures ?? new Dictionary<string, bool>(), StringComparer.Ordinal);
        if (household.SurveyStatus != SurveyStatus.Pending && StatusMeasures.TryGetValue(department, out var measure))
        {
            measures.TryAdd(measure, household.SurveyStatus == SurveyStatus.Secured);
        }
        return new SurveyRecorded
        {
            HouseholdId = household.Id,
            TownshipCode = household.TownshipCode,
            Village = household.Village,
            VillageCode = household.VillageCode,
            Department = department,
            Status = WireName.Of(household.SurveyStatus),
            Measures = measures,
            OccurredAt = household.SurveyedAt ?? now,
        };
    }

    /// <summary>The service's clock; the system's where the context runs without the service.</summary>
    public static TimeProvider ClockOf(DbContext db) => ServiceOf<TimeProvider>(db) ?? TimeProvider.System;

    private static T? ServiceOf<T>(DbContext db) where T : class =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<T>();
}
