using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;

namespace Xichou.UnitTests.Departments;

/// <summary>Sender, receiver and register keep copies of one referral; the same events bring every copy to the same state.</summary>
public class ReferralCopyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static Referral NewReferral() => Referral.Create(Guid.NewGuid(), "532623101-ABCDEFGH", "532623101", "532623101012", "三光村",
        ServiceNames.Monitoring, ServiceNames.Housing, riskId: null, "房屋鉴定为D级，请住建局帮扶", "village-sanguang", Now, new DateOnly(2027, 2, 26));

    [Fact]
    public void A_copy_built_from_any_event_has_the_whole_referral()
    {
        var sender = NewReferral();
        sender.Accept("housing", Now.AddHours(1));

        var observer = Referral.From(sender.ToSnapshot());

        Assert.Equal(sender.ToSnapshot(), observer.ToSnapshot());
    }

    [Fact]
    public void Events_arriving_out_of_order_leave_every_copy_delivered()
    {
        var receiver = NewReferral();
        var accepted = Snapshot(receiver, r => r.Accept("housing", Now.AddHours(1)));
        var delivered = Snapshot(receiver, r => r.Deliver("改造完成，复核为B级", 12000m, "housing", Now.AddDays(20)));

        var inOrder = Referral.From(NewSnapshotOf(receiver));
        inOrder.Apply(accepted);
        inOrder.Apply(delivered);
        var reversed = Referral.From(NewSnapshotOf(receiver));
        reversed.Apply(delivered);
        Assert.False(reversed.Apply(accepted));

        Assert.Equal(ReferralStatus.Delivered, inOrder.Status);
        Assert.Equal(inOrder.ToSnapshot() with { }, reversed.ToSnapshot());
    }

    [Fact]
    public void The_same_event_twice_changes_nothing_the_second_time()
    {
        var receiver = NewReferral();
        var accepted = Snapshot(receiver, r => r.Accept("housing", Now.AddHours(1)));
        var copy = Referral.From(NewSnapshotOf(receiver));

        Assert.True(copy.Apply(accepted));
        Assert.False(copy.Apply(accepted));
    }

    [Fact]
    public void A_withdrawal_that_crossed_the_receivers_delivery_gives_way_to_the_delivery()
    {
        var sender = NewReferral();
        var receiver = Referral.From(sender.ToSnapshot());
        sender.Withdraw("已由乡镇自行解决", "village-sanguang", Now.AddDays(2));
        receiver.Accept("housing", Now.AddDays(1));
        receiver.Deliver("改造完成", null, "housing", Now.AddDays(2));

        Assert.False(receiver.Apply(sender.ToSnapshot()));
        Assert.True(sender.Apply(receiver.ToSnapshot()));

        Assert.Equal(ReferralStatus.Delivered, sender.Status);
        Assert.Equal(receiver.ToSnapshot(), sender.ToSnapshot());
    }

    [Fact]
    public void An_escalation_reaches_the_senders_copy_without_moving_its_status_back()
    {
        var sender = NewReferral();
        var receiver = Referral.From(sender.ToSnapshot());
        receiver.Accept("housing", Now.AddHours(1));
        sender.Apply(receiver.ToSnapshot());
        var stale = receiver.ToSnapshot() with { Status = "requested" };

        receiver.EscalateTo(ReferralEscalation.DepartmentHead, Now.AddDays(90));
        sender.Apply(receiver.ToSnapshot());
        sender.Apply(stale);

        Assert.Equal(ReferralStatus.Accepted, sender.Status);
        Assert.Equal(ReferralEscalation.DepartmentHead, sender.Escalation);
    }

    [Fact]
    public void Escalation_only_moves_up_and_not_once_closed()
    {
        var referral = NewReferral();
        Assert.True(referral.EscalateTo(ReferralEscalation.DepartmentHead, Now));
        Assert.False(referral.EscalateTo(ReferralEscalation.DepartmentHead, Now));
        referral.Reject(RejectReason.Duplicate, null, "housing", Now);

        Assert.False(referral.EscalateTo(ReferralEscalation.CommandCentre, Now));
        Assert.Equal(ReferralEscalation.DepartmentHead, referral.Escalation);
    }

    private static ReferralSnapshot NewSnapshotOf(Referral referral) => referral.ToSnapshot() with
    {
        Status = "requested", AcceptedAt = null, AcceptedBy = null, Outcome = null, AmountYuan = null, ClosedAt = null, ClosedBy = null,
    };

    private static ReferralSnapshot Snapshot(Referral referral, Action<Referral> change)
    {
        change(referral);
        return referral.ToSnapshot();
    }
}
