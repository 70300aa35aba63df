using MassTransit;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Ledger;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.Monitoring.Consumers;

/// <summary>
/// Puts a department's payment on the household ledger. Idempotent twice over: the inbox claims the message id, and the
/// payment's own id is the ledger line's key, so a payment published again under another message id is kept once.
/// </summary>
public sealed partial class HouseholdPaidConsumer(MonitoringDbContext db, TimeProvider time, ILogger<HouseholdPaidConsumer> logger)
    : IConsumer<HouseholdPaid>
{
    public const string InboxName = "household-paid";
    public const string QueueName = "monitoring-household-paid";

    public async Task Consume(ConsumeContext<HouseholdPaid> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var now = time.GetUtcNow();
        if (!await db.ClaimAsync(InboxName, context, now, ct))
        {
            return;
        }
        var known = await db.HouseholdPayments.AnyAsync(p => p.Id == message.PaymentId, ct);
        if (!known)
        {
            if (!await db.Households.AnyAsync(h => h.Id == message.HouseholdId, ct))
            {
                LogUnknownHousehold(message.PaymentId, message.Department, message.HouseholdId);
                await db.SaveChangesAsync(ct);
                return;
            }
            db.HouseholdPayments.Add(HouseholdPayment.From(message, now));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!known)
        {
            // The same payment under another message id was saved a moment ago: then it is on the ledger once.
            db.ChangeTracker.Clear();
            if (!await db.HouseholdPayments.AnyAsync(p => p.Id == message.PaymentId, ct))
            {
                throw;
            }
            await db.ClaimAsync(InboxName, context, now, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "HouseholdPaid {PaymentId} from {Department} names household {HouseholdId}, which is not on the register; not on the ledger.")]
    private partial void LogUnknownHousehold(Guid paymentId, string department, Guid householdId);
}
