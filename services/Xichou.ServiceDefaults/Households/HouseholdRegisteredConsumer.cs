using MassTransit;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.ServiceDefaults.Households;

/// <summary>
/// Stores the department's copy of newly registered households. Messages are taken in batches so one
/// transaction (inbox rows and households together) serves many of them: on SQLite a commit, not a row,
/// is what costs.
/// </summary>
public sealed class HouseholdRegisteredConsumer<TContext>(TContext db, TimeProvider time) : IConsumer<Batch<HouseholdRegistered>>
    where TContext : DepartmentDbContext
{
    internal const string InboxName = "household-registered";

    public async Task Consume(ConsumeContext<Batch<HouseholdRegistered>> context)
    {
        var now = time.GetUtcNow();
        var fresh = await db.ClaimAsync(InboxName, context.Message, now, context.CancellationToken);
        if (fresh.Count == 0)
        {
            return;
        }

        // A household already known (registered again under another message id) is not added twice.
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
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
