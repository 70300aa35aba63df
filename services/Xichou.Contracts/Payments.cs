namespace Xichou.Contracts;

/// <summary>
/// A department paid a household (or one of its members) money under a measure: an industry subsidy, an education
/// subsidy, a hospital self-pay subsidy, an insurance claim, other support. Every paying department publishes it through
/// the department kit in the same save as its own record of the payment; the household ledger (every yuan, per household
/// and year) is built from these alone.
/// </summary>
public sealed record HouseholdPaid : IHouseholdEvent
{
    /// <summary>The department's own id for the payment: the ledger holds it once however often it is delivered.</summary>
    public required Guid PaymentId { get; init; }

    public required Guid HouseholdId { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }

    /// <summary>The member the money is for (a student, a patient), when it is for one person; null for the household.</summary>
    public Guid? MemberId { get; init; }

    /// <summary>The paying service (<see cref="ServiceNames"/>).</summary>
    public required string Department { get; init; }

    /// <summary>The measure of the 2021 measures it is paid under: "4", "6", "8", "9.1", "9.2".</summary>
    public required string Measure { get; init; }

    /// <summary>What was paid, on the wire (industry-subsidy, education-subsidy, hospital-subsidy, insurance-claim, other-support, …).</summary>
    public required string Kind { get; init; }

    /// <summary>What was paid, in Chinese, as the policy names it (产业发展补助, 学前教育资助, 住院自付费用补助, 耕地地力补贴, …).</summary>
    public required string KindName { get; init; }

    /// <summary>Yuan, two places, positive.</summary>
    public required decimal AmountYuan { get; init; }

    /// <summary>The day the money was paid (Beijing); the ledger's year is this day's year.</summary>
    public required DateOnly PaidOn { get; init; }

    /// <summary>The payment voucher's number, when there is one.</summary>
    public string? Voucher { get; init; }

    /// <summary>The cap this payment counts against, in Chinese (e.g. 产业发展补助每户累计3000元); null when uncapped.</summary>
    public string? CapName { get; init; }

    /// <summary>The cap in yuan; null when uncapped.</summary>
    public decimal? CapYuan { get; init; }

    /// <summary>What is left under the cap after this payment, in yuan; null when uncapped.</summary>
    public decimal? HeadroomAfterYuan { get; init; }

    /// <summary>The version of the department's policy that fixed the amount.</summary>
    public required string PolicyVersion { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}
