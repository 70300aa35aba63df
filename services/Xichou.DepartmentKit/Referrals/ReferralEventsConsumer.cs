using MassTransit;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>What a service keeps of the referrals it hears about: only its own (sent or received), or every one (the register).</summary>
public sealed record ReferralKeeping(string Service, bool KeepsAll)
{
    public bool Keeps(ReferralSnapshot referral) => KeepsAll || referral.FromService == Service || referral.ToDepartment == Service;
}

/// <summary>
/// Keeps this service's copy of every referral it is party to (or, for the register, of every referral) in step with the
/// other side's transitions: the receiver's copy starts from <see cref="ReferralRequested"/>, the sender's follows the
/// receiver's acceptance, delivery, rejection and escalation. Order-proof: each event carries the whole referral, and a
/// copy only moves forward (<see cref="Referral.Apply"/>).
/// </summary>
public sealed class ReferralEventsConsumer<TContext>(TContext db, ReferralKeeping keeping, TimeProvider time) :
    IConsumer<ReferralRequested>, IConsumer<ReferralAccepted>, IConsumer<ReferralDelivered>,
    IConsumer<ReferralRejected>, IConsumer<ReferralWithdrawn>, IConsumer<ReferralEscalated>
    where TContext : ServiceDbContext
{
    internal const string InboxName = "referrals";

    public Task Consume(ConsumeContext<ReferralRequested> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<ReferralAccepted> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<ReferralDelivered> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<ReferralRejected> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<ReferralWithdrawn> context) => ApplyAsync(context);

    public Task Consume(ConsumeContext<ReferralEscalated> context) => ApplyAsync(context);

    private async Task ApplyAsync<TEvent>(ConsumeContext<TEvent> context) where TEvent : ReferralEvent
    {
        var snapshot = context.Message.Referral;
        if (!keeping.Keeps(snapshot))
        {
            return;
        }
        var ct = context.CancellationToken;
        if (!await db.ClaimAsync(InboxName, context, time.GetUtcNow(), ct))
        {
            return;
        }
        var referrals = db.Set<Referral>();
        var copy = await referrals.FirstOrDefaultAsync(r => r.Id == snapshot.ReferralId, ct);
        if (copy is null)
        {
            referrals.Add(Referral.From(snapshot));
        }
        else
        {
            copy.Apply(snapshot);
        }
        // A concurrent change to the same copy (a user's transition) fails this SaveChanges; MassTransit retries it.
        await db.SaveChangesAsync(ct);
    }
}
