using Xichou.Contracts;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>
/// How long a department has to deliver what is referred to it, and what happens past that (转办时限). The ten measures
/// set no deadline, so every number here is a platform default (POLICY.md), versioned with an effective date; it is one
/// platform-wide record (<c>Policy:Referrals</c>, the same on every service) so that a sender and the receiving
/// department compute the same due date. Each department serves its own deadline in its <c>/api/policy</c>.
/// </summary>
public sealed record ReferralPolicy
{
    public const string SectionName = "Policy:Referrals";

    public static readonly ReferralPolicy Default = new();

    public string Version { get; init; } = "平台默认（2026）";

    public DateOnly EffectiveFrom { get; init; } = new(2026, 1, 1);

    public string Source { get; init; } = "平台默认：2021年十条措施未规定转办时限";

    /// <summary>
    /// Working days from the day of the referral to its due date, by receiving department, where configuration sets them;
    /// otherwise the department's default in the catalogue (<see cref="Department.ReferralWorkingDays"/>: a house is
    /// rebuilt in months, a subsidy is paid in weeks).
    /// </summary>
    public Dictionary<string, int> WorkingDays { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Used for a department neither the table nor the catalogue gives a deadline.</summary>
    public int DefaultWorkingDays { get; init; } = 20;

    /// <summary>A referral turns amber (黄灯) once this share of its time has gone; red (红灯) once it is past due.</summary>
    public decimal AmberShare { get; init; } = 0.75m;

    /// <summary>
    /// Past due, an open referral goes to the receiving department's head; this many working days later, still open, it
    /// goes to the county command centre.
    /// </summary>
    public int CommandCentreAfterWorkingDays { get; init; } = 5;

    public int WorkingDaysFor(string department) =>
        WorkingDays.TryGetValue(department, out var days) ? days
        : Departments.Find(department) is { ReferralWorkingDays: > 0 } known ? known.ReferralWorkingDays
        : DefaultWorkingDays;
}
