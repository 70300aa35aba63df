using MassTransit;
using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;

namespace Xichou.ServiceDefaults.Messaging;

/// <summary>
/// The inbox makes consumers idempotent: a consumer claims the messages it has not applied yet and the
/// claim (an <see cref="InboxMessage"/> row) is saved in the same SaveChanges as what it applies. A
/// redelivered message finds its row and changes nothing; two concurrent deliveries of one message
/// collide on the key and the loser is retried, then finds the row.
/// </summary>
public static class Inbox
{
    public static async Task<IReadOnlyList<ConsumeContext<T>>> ClaimAsync<T>(
        this ServiceDbContext db,
        string consumer,
        IEnumerable<ConsumeContext<T>> messages,
        DateTimeOffset now,
        CancellationToken cancellationToken) where T : class
    {
        var byId = new Dictionary<Guid, ConsumeContext<T>>();
        foreach (var message in messages)
        {
            var id = message.MessageId
                ?? throw new InvalidOperationException($"A {typeof(T).Name} message arrived without a message id.");
            byId.TryAdd(id, message);
        }
        var ids = byId.Keys.ToList();
        var seen = await db.InboxMessages
            .Where(m => m.Consumer == consumer && ids.Contains(m.MessageId))
            .Select(m => m.MessageId)
            .ToListAsync(cancellationToken);
        foreach (var id in seen)
        {
            byId.Remove(id);
        }
        foreach (var id in byId.Keys)
        {
            db.InboxMessages.Add(new InboxMessage { MessageId = id, Consumer = consumer, ProcessedAt = now });
        }
        return [.. byId.Values];
    }

    /// <summary>Claims one message: false when this consumer has already applied it.</summary>
    public static async Task<bool> ClaimAsync<T>(
        this ServiceDbContext db, string consumer, ConsumeContext<T> message, DateTimeOffset now, CancellationToken cancellationToken)
        where T : class =>
        (await db.ClaimAsync(consumer, [message], now, cancellationToken)).Count == 1;
}
