using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Xichou.Contracts;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.Monitoring.Infrastructure;

/// <summary>
/// The household's life on the bus, read from what one SaveChanges is about to write to the register, so no handler has
/// to remember it: a registered household's members sent to each department whose share selects any; a changed head,
/// place or member list published as <see cref="HouseholdDetailsChanged"/> and the changed members sent again; a new
/// status published as <see cref="HouseholdStatusChanged"/>. <see cref="HouseholdRegistered"/> stays with the
/// registration, which raises it. Registrations need no query here (their members are all in the change tracker); an
/// edit needs one, for the members stored before it.
/// </summary>
internal sealed class HouseholdChangeEvents
{
    /// <summary>The services told about members: those whose <see cref="MemberShare"/> is not empty.</summary>
    private static readonly IReadOnlyList<Department> Sharing = [.. Departments.All.Where(d => !d.MemberShare.IsEmpty)];

    private static readonly string[] DetailProperties =
        [nameof(Household.Code), nameof(Household.HeadName), nameof(Household.HeadIdNumber), nameof(Household.TownshipCode),
            nameof(Household.VillageCode), nameof(Household.Village)];

    private readonly List<Household> _registered = [];
    private readonly Dictionary<Guid, EntityEntry> _tracked = [];
    private readonly Dictionary<Guid, List<EntityEntry>> _memberChanges = [];
    private readonly HashSet<Guid> _detailsChanged = [];
    private readonly List<EntityEntry> _statusChanged = [];

    /// <summary>Reads the tracker once; the caller has detected changes.</summary>
    public static HouseholdChangeEvents Collect(ChangeTracker tracker)
    {
        var changes = new HouseholdChangeEvents();
        foreach (var entry in tracker.Entries())
        {
            switch (entry.Entity)
            {
                case Household household:
                    changes._tracked[household.Id] = entry;
                    if (entry.State == EntityState.Added)
                    {
                        changes._registered.Add(household);
                    }
                    else if (entry.State == EntityState.Modified)
                    {
                        if (DetailProperties.Any(p => entry.Property(p).IsModified))
                        {
                            changes._detailsChanged.Add(household.Id);
                        }
                        if (entry.Property(nameof(Household.Status)).IsModified)
                        {
                            changes._statusChanged.Add(entry);
                        }
                    }
                    break;
                case Member member when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    if (!changes._memberChanges.TryGetValue(member.HouseholdId, out var entries))
                    {
                        changes._memberChanges[member.HouseholdId] = entries = [];
                    }
                    entries.Add(entry);
                    break;
            }
        }
        changes.Edited = [.. changes._memberChanges.Keys.Where(id => !changes.IsRegisteredNow(id)).Union(changes._detailsChanged)];
        return changes;
    }

    public bool IsEmpty => _registered.Count == 0 && _memberChanges.Count == 0 && _detailsChanged.Count == 0 && _statusChanged.Count == 0;

    /// <summary>Households already on the register whose edit needs the members stored before it.</summary>
    public List<Guid> Edited { get; private set; } = [];

    /// <summary>Of <see cref="Edited"/>, those the context does not track: their place and head come from the database.</summary>
    public List<Guid> Untracked => [.. Edited.Where(id => !_tracked.ContainsKey(id))];

    /// <summary>Adds the events to <paramref name="db"/>'s outbox, unsaved, and returns their rows.</summary>
    /// <param name="stored">The stored members of the <see cref="Edited"/> households, as they are before this save.</param>
    /// <param name="untracked">The <see cref="Untracked"/> households, from the database.</param>
    public List<OutboxMessage> Queue(MonitoringDbContext db, List<Member> stored, List<Household> untracked, TimeProvider time)
    {
        var storedOf = stored.GroupBy(m => m.HouseholdId).ToDictionary(g => g.Key, g => g.ToList());
        var untrackedById = untracked.ToDictionary(h => h.Id);
        var now = time.GetUtcNow();
        var today = Beijing.DateOf(now);
        var queued = new List<OutboxMessage>();
        void Add(OutboxMessage message)
        {
            db.OutboxMessages.Add(message);
            queued.Add(message);
        }
        var shared = Sharing.ToDictionary(d => d.Key, _ => new List<SharedHousehold>(), StringComparer.Ordinal);

        foreach (var household in _registered)
        {
            // A department told about members hears of the registration this way alone (it does not take HouseholdRegistered),
            // so it is sent even when it selects nobody yet.
            foreach (var (department, members) in ShareMembers(household, [], household.Members, today, now, registration: true))
            {
                shared[department].Add(members);
            }
            if (household.Status != HouseholdStatus.Monitored)
            {
                // Only the demo county registers a household with a past already on it.
                Add(OutboxMessage.From(StatusChanged(household, HouseholdStatus.Monitored, now)));
            }
        }
        foreach (var id in Edited)
        {
            var household = _tracked.TryGetValue(id, out var entry) ? (Household)entry.Entity : untrackedById.GetValueOrDefault(id);
            if (household is null)
            {
                continue;
            }
            var before = storedOf.GetValueOrDefault(id) ?? [];
            var after = After(before, _memberChanges.GetValueOrDefault(id));
            Add(OutboxMessage.From(DetailsChanged(household, after.Count, now)));
            if (_memberChanges.ContainsKey(id))
            {
                foreach (var (department, members) in ShareMembers(household, before, after, today, now))
                {
                    shared[department].Add(members);
                }
            }
        }
        foreach (var entry in _statusChanged)
        {
            var household = (Household)entry.Entity;
            var previous = entry.Property(nameof(Household.Status)).OriginalValue is HouseholdStatus original ? original : HouseholdStatus.Monitored;
            if (previous != household.Status)
            {
                Add(OutboxMessage.From(StatusChanged(household, previous, now)));
            }
        }
        // One message per department for the whole save, not one per household.
        foreach (var department in Sharing)
        {
            foreach (var chunk in shared[department.Key].Chunk(HouseholdMembersShared.MaxHouseholds))
            {
                Add(OutboxMessage.From(new HouseholdMembersShared { Department = department.Key, Households = chunk, OccurredAt = now },
                    destination: department.MembersQueue));
            }
        }
        return queued;
    }

    /// <summary>A member as the register holds it, every field; <see cref="MemberShare.Apply"/> cuts it per department.</summary>
    public static SharedMember Share(Member member) => new()
    {
        MemberId = member.Id,
        Name = member.Name,
        Relation = WireName.Of(member.Relation),
        Sex = WireName.Of(member.Sex),
        BirthDate = member.BirthDate,
        IdNumber = member.IdNumber,
        LabourCapacity = WireName.Of(member.LabourCapacity),
        SchoolStage = WireName.Of(member.SchoolStage),
        HealthState = WireName.Of(member.HealthState),
    };

    /// <summary>
    /// What each department whose selection changed is sent: its members after the change. A department that selected
    /// nobody before and selects nobody now hears nothing; one whose last selected member left is sent the empty list.
    /// </summary>
    private static IEnumerable<(string Department, SharedHousehold Household)> ShareMembers(
        Household household, List<Member> before, List<Member> after, DateOnly today, DateTimeOffset now, bool registration = false)
    {
        var all = after.OrderBy(m => m.Position).Select(Share).ToList();
        var previously = before.Count == 0 ? [] : before.OrderBy(m => m.Position).Select(Share).ToList();
        foreach (var department in Sharing)
        {
            var selected = department.MemberShare.Apply(all, today);
            if (!registration && selected.SequenceEqual(department.MemberShare.Apply(previously, today)))
            {
                continue;
            }
            yield return (department.Key, new SharedHousehold
            {
                HouseholdId = household.Id,
                HouseholdCode = household.Code,
                TownshipCode = household.TownshipCode,
                Village = household.Village,
                VillageCode = household.VillageCode,
                HeadName = household.HeadName,
                HeadIdNumber = IdNumber.Mask(household.HeadIdNumber),
                RegisteredAt = household.RegisteredAt,
                MemberCount = after.Count,
                Members = selected,
                OccurredAt = now,
            });
        }
    }

    /// <summary>The members once this SaveChanges is through: those stored, with the tracked additions, edits and removals.</summary>
    private static List<Member> After(List<Member> stored, List<EntityEntry>? changes)
    {
        var after = stored.ToDictionary(m => m.Id);
        foreach (var entry in changes ?? [])
        {
            var member = (Member)entry.Entity;
            if (entry.State == EntityState.Deleted)
            {
                after.Remove(member.Id);
            }
            else
            {
                after[member.Id] = member;
            }
        }
        return [.. after.Values];
    }

    private bool IsRegisteredNow(Guid householdId) =>
        _tracked.TryGetValue(householdId, out var entry) && entry.State == EntityState.Added;

    private static HouseholdDetailsChanged DetailsChanged(Household household, int memberCount, DateTimeOffset now) => new()
    {
        HouseholdId = household.Id,
        HouseholdCode = household.Code,
        TownshipCode = household.TownshipCode,
        Village = household.Village,
        VillageCode = household.VillageCode,
        HeadName = household.HeadName,
        HeadIdNumber = IdNumber.Mask(household.HeadIdNumber),
        MemberCount = memberCount,
        OccurredAt = now,
    };

    private static HouseholdStatusChanged StatusChanged(Household household, HouseholdStatus previous, DateTimeOffset now) => new()
    {
        HouseholdId = household.Id,
        TownshipCode = household.TownshipCode,
        Village = household.Village,
        VillageCode = household.VillageCode,
        Status = WireName.Of(household.Status),
        PreviousStatus = WireName.Of(previous),
        On = household.StatusChangedOn,
        // ChangeStatus appends the change it makes: the last one is this one, whether or not the history was loaded.
        Reason = household.StatusChanges.LastOrDefault(c => c.To == household.Status)?.Reason ?? "",
        OccurredAt = now,
    };
}
