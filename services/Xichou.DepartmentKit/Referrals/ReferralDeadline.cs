using Xichou.Contracts;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>The rules of a referral's deadline, as plain functions of the policy and the working calendar.</summary>
public static class ReferralDeadline
{
    /// <summary>The due date of a referral to <paramref name="department"/> made on Beijing day <paramref name="requestedOn"/>.</summary>
    public static DateOnly DueOn(string department, DateOnly requestedOn, ReferralPolicy policy, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(requestedOn, policy.WorkingDaysFor(department));

    /// <summary>The referral is due by the end of its due day (Beijing): the first instant after it.</summary>
    public static DateTimeOffset DeadlineOf(DateOnly dueOn) => Beijing.StartOf(dueOn.AddDays(1));

    /// <summary>Red once past the end of the due day; amber once <see cref="ReferralPolicy.AmberShare"/> of the time has gone.</summary>
    public static DeadlineLight LightOf(DateTimeOffset requestedAt, DateOnly dueOn, DateTimeOffset now, ReferralPolicy policy)
    {
        var deadline = DeadlineOf(dueOn);
        if (now >= deadline)
        {
            return DeadlineLight.Red;
        }
        var allowed = (deadline - requestedAt).Ticks;
        var used = (now - requestedAt).Ticks;
        return allowed > 0 && (decimal)used / allowed >= policy.AmberShare ? DeadlineLight.Amber : DeadlineLight.Green;
    }

    /// <summary>
    /// Where an open referral due on <paramref name="dueOn"/> belongs at <paramref name="now"/>: nobody extra before it is
    /// due, the department's head the day after its due day, the command centre once
    /// <see cref="ReferralPolicy.CommandCentreAfterWorkingDays"/> more working days have passed.
    /// </summary>
    public static ReferralEscalation EscalationAt(DateOnly dueOn, DateTimeOffset now, ReferralPolicy policy, WorkingCalendar calendar)
    {
        var today = Beijing.DateOf(now);
        if (today <= dueOn)
        {
            return ReferralEscalation.None;
        }
        return today > calendar.AddWorkingDays(dueOn, policy.CommandCentreAfterWorkingDays)
            ? ReferralEscalation.CommandCentre
            : ReferralEscalation.DepartmentHead;
    }

    public static string NameOf(DeadlineLight light) => light switch
    {
        DeadlineLight.Red => "已超期",
        DeadlineLight.Amber => "临期",
        _ => "正常",
    };
}
