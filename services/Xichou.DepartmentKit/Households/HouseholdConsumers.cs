using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.DepartmentKit.Households;

/// <summary>
/// Stores the department's copy of newly registered households. Messages are taken in batches so one transaction
/// (inbox rows and households together) serves many of them: on SQLite a commit, not a row, is what costs.
/// </summary>
public sealed class HouseholdRegisteredConsumer<TContext>(TContext db, HouseholdCopyGate gate, TimeProvider time) : IConsumer<Batch<HouseholdRegistered>>
    where TContext : DepartmentDbContext
{
    internal const string InboxName = "household-registered";

    public Task Consume(ConsumeContext<Batch<HouseholdRegistered>> context) => gate.ApplyAsync(db, () => ApplyAsync(context));

    private async Task ApplyAsync(ConsumeContext<Batch<HouseholdRegistered>> context)
    {
        var now = time.GetUtcNow();
        var fresh = await db.ClaimAsync(InboxName, context.Message, now, context.CancellationToken);
        if (fresh.Count == 0)
        {
            return;
        }

        // A household already known (its members or a snapshot came first, or it was registered again) is not added twice.
        var ids = fresh.Select(m => m.Message.HouseholdId).ToList();
        var known = (await db.Households.Where(h => ids.Contains(h.Id)).Select(h => h.Id).ToListAsync(context.CancellationToken))
            .ToHashSet();
        foreach (var message in fresh)
        {
            if (known.Add(message.Message.HouseholdId))
            {
                db.Households.Add(KnownHousehold.From(message.Message, now));
            }
        }
        await db.SaveRowsAsync(context.CancellationToken);
    }
}

/// <summary>The register's newer details of a household (head, size, place); a household the copy missed is added.</summary>
public sealed class HouseholdDetailsChangedConsumer<TContext>(TContext db, HouseholdCopyGate gate, TimeProvider time) : IConsumer<HouseholdDetailsChanged>
    where TContext : DepartmentDbContext
{
    internal const string InboxName = "household-details-changed";

    public Task Consume(ConsumeContext<HouseholdDetailsChanged> context) => gate.ApplyAsync(db, () => ApplyAsync(context));

    private async Task ApplyAsync(ConsumeContext<HouseholdDetailsChanged> context)
    {
        var message = context.Message;
        var now = time.GetUtcNow();
        if (!await db.ClaimAsync(InboxName, context, now, context.CancellationToken))
        {
            return;
        }
        var household = await db.Households.FirstOrDefaultAsync(h => h.Id == message.HouseholdId, context.CancellationToken);
        if (household is null)
        {
            db.Households.Add(KnownHousehold.New(message.HouseholdId, message.HouseholdCode, message.TownshipCode, message.VillageCode,
                message.Village, message.HeadName, message.HeadIdNumber, message.MemberCount, message.OccurredAt, now));
        }
        else
        {
            household.UpdateDetails(message.HouseholdCode, message.TownshipCode, message.VillageCode, message.Village, message.HeadName,
                message.HeadIdNumber, message.MemberCount, message.OccurredAt);
        }
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>The register's status of a household (monitored, risk eliminated, exited).</summary>
public sealed partial class HouseholdStatusChangedConsumer<TContext>(TContext db, TimeProvider time, ILogger<HouseholdStatusChangedConsumer<TContext>> logger)
    : IConsumer<HouseholdStatusChanged>
    where TContext : DepartmentDbContext
{
    internal const string InboxName = "household-status-changed";

    public async Task Consume(ConsumeContext<HouseholdStatusChanged> context)
    {
        var message = context.Message;
        var now = time.GetUtcNow();
        if (!await db.ClaimAsync(InboxName, context, now, context.CancellationToken))
        {
            return;
        }
        var household = await db.Households.FirstOrDefaultAsync(h => h.Id == message.HouseholdId, context.CancellationToken);
        if (household is null)
        {
            // Not registered here yet: the status arrives again with the registration's snapshot (POST /api/households/resync).
            throw new UnknownHouseholdException(message.HouseholdId);
        }
        if (WireName.Parse<RegisterStatus>(message.Status) is not { } status)
        {
            LogUnknownStatus(message.Status, message.HouseholdId);
        }
        else
        {
            household.ChangeStatus(status, message.On, message.Reason, message.OccurredAt);
        }
        await db.SaveChangesAsync(context.CancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "HouseholdStatusChanged for {HouseholdId} has an unknown status '{Status}'; ignored.")]
    private partial void LogUnknownStatus(string status, Guid householdId);
}

/// <summary>
/// The members this department is told about, replacing what it held unless it already holds a newer list; a household
/// not held yet is added from the basics the message carries (a department told about members hears of registrations this
/// way). Batched: on SQLite a commit, not a row, is what costs.
/// </summary>
public sealed class HouseholdMembersSharedConsumer<TContext>(TContext db, HouseholdCopyGate gate, Department department, TimeProvider time)
    : IConsumer<Batch<HouseholdMembersShared>>
    where TContext : DepartmentDbContext
{
    internal const string InboxName = "household-members-shared";

    public Task Consume(ConsumeContext<Batch<HouseholdMembersShared>> context) => gate.ApplyAsync(db, () => ApplyAsync(context));

    private async Task ApplyAsync(ConsumeContext<Batch<HouseholdMembersShared>> context)
    {
        var now = time.GetUtcNow();
        var fresh = (await db.ClaimAsync(InboxName, context.Message, now, context.CancellationToken))
            .Select(m => m.Message).Where(m => m.Department == department.Key)
            .SelectMany(m => m.Households).ToList();
        var ids = fresh.Select(h => h.HouseholdId).Distinct().ToList();
        var known = await db.Households.Include(h => h.Members).Where(h => ids.Contains(h.Id))
            .ToDictionaryAsync(h => h.Id, context.CancellationToken);
        // Oldest first, so within one batch the newest list of a household is the one kept.
        foreach (var shared in fresh.OrderBy(h => h.OccurredAt))
        {
            if (!known.TryGetValue(shared.HouseholdId, out var household))
            {
                household = KnownHousehold.New(shared.HouseholdId, shared.HouseholdCode, shared.TownshipCode, shared.VillageCode,
                    shared.Village, shared.HeadName, shared.HeadIdNumber, shared.MemberCount, shared.RegisteredAt, now);
                db.Households.Add(household);
                known[household.Id] = household;
            }
            HouseholdCopy.ReplaceMembers(db, household, shared.Members, shared.OccurredAt);
        }
        await db.SaveRowsAsync(context.CancellationToken);
    }
}

/// <summary>A household as the register holds it now, in answer to this department's resync: added or brought up to date, never doubled.</summary>
public sealed class HouseholdSnapshotConsumer<TContext>(TContext db, HouseholdCopyGate gate, Department department, TimeProvider time) : IConsumer<Batch<HouseholdSnapshot>>
    where TContext : DepartmentDbContext
{
    internal const string InboxName = "household-snapshot";

    public Task Consume(ConsumeContext<Batch<HouseholdSnapshot>> context) => gate.ApplyAsync(db, () => ApplyAsync(context));

    private async Task ApplyAsync(ConsumeContext<Batch<HouseholdSnapshot>> context)
    {
        var now = time.GetUtcNow();
        var fresh = (await db.ClaimAsync(InboxName, context.Message, now, context.CancellationToken))
            .Where(m => m.Message.Department == department.Key).ToList();
        var ids = fresh.Select(m => m.Message.HouseholdId).ToList();
        var known = await db.Households.Include(h => h.Members).Where(h => ids.Contains(h.Id))
            .ToDictionaryAsync(h => h.Id, context.CancellationToken);
        foreach (var snapshot in fresh.Select(m => m.Message))
        {
            if (!known.TryGetValue(snapshot.HouseholdId, out var household))
            {
                household = KnownHousehold.New(snapshot.HouseholdId, snapshot.HouseholdCode, snapshot.TownshipCode, snapshot.VillageCode,
                    snapshot.Village, snapshot.HeadName, snapshot.HeadIdNumber, snapshot.MemberCount, snapshot.RegisteredAt, now);
                household.DetailsAsOf = DateTimeOffset.MinValue;
                db.Households.Add(household);
                known[household.Id] = household;
            }
            household.UpdateDetails(snapshot.HouseholdCode, snapshot.TownshipCode, snapshot.VillageCode, snapshot.Village, snapshot.HeadName,
                snapshot.HeadIdNumber, snapshot.MemberCount, snapshot.OccurredAt);
            if (WireName.Parse<RegisterStatus>(snapshot.Status) is { } status)
            {
                household.ChangeStatus(status, snapshot.StatusOn, null, snapshot.OccurredAt);
            }
            HouseholdCopy.ReplaceMembers(db, household, snapshot.Members, snapshot.OccurredAt);
        }
        await db.SaveRowsAsync(context.CancellationToken);
    }
}

/// <summary>The copy's rules, shared by the consumers.</summary>
public static class HouseholdCopy
{

    /// <summary>Replaces the members the copy holds with <paramref name="members"/> unless it holds a list as new already.</summary>
    public static bool ReplaceMembers(DepartmentDbContext db, KnownHousehold household, IReadOnlyList<SharedMember> members, DateTimeOffset asOf)
    {
        if (household.MembersAsOf is { } current && asOf <= current)
        {
            return false;
        }
        foreach (var gone in household.Members.ToList())
        {
            household.Members.Remove(gone);
            db.Members.Remove(gone);
        }
        foreach (var member in members)
        {
            var kept = KnownMember.From(household.Id, member);
            household.Members.Add(kept);
            db.Members.Add(kept);
        }
        household.MembersAsOf = asOf;
        return true;
    }
}

/// <summary>
/// A household reaches a department by several queues (its registration, its members, a snapshot), so two consumers could
/// both find it missing and both insert it; the second would fail on the key and redo its whole batch. Within a process
/// the consumers that add households take turns here (their commits take turns at the write gate anyway); across replicas
/// the loser runs once more from a clean tracker, finds the household and updates it.
/// </summary>
public sealed class HouseholdCopyGate : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task ApplyAsync(DepartmentDbContext db, Func<Task> apply)
    {
        await _turn.WaitAsync();
        try
        {
            try
            {
                await apply();
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                await apply();
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}

/// <summary>An event about a household the copy does not hold yet: retried, as its registration is usually a moment behind.</summary>
public sealed class UnknownHouseholdException(Guid householdId)
    : Exception($"Household {householdId} is not in this department's copy of the register yet.");
