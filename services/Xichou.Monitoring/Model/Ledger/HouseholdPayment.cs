using Xichou.Contracts;

namespace Xichou.Monitoring.Model.Ledger;

/// <summary>
/// One payment a department made to a household, as its <see cref="HouseholdPaid"/> event said: a line of the household
/// ledger (every yuan, per household and year). The register never edits it; a department corrects a payment by paying
/// or reversing under a new payment id.
/// </summary>
public sealed class HouseholdPayment
{
    private HouseholdPayment()
    {
    }

    /// <summary>The paying department's own id of the payment: the ledger holds it once however often it is delivered.</summary>
    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public Guid? MemberId { get; private set; }

    public string Department { get; private set; } = "";

    public string Measure { get; private set; } = "";

    public string Kind { get; private set; } = "";

    public string KindName { get; private set; } = "";

    public decimal AmountYuan { get; private set; }

    public DateOnly PaidOn { get; private set; }

    /// <summary>The ledger year: <see cref="PaidOn"/>'s, kept as a column so a year is one index range.</summary>
    public int Year { get; private set; }

    public string? Voucher { get; private set; }

    public string? CapName { get; private set; }

    public decimal? CapYuan { get; private set; }

    public decimal? HeadroomAfterYuan { get; private set; }

    public string PolicyVersion { get; private set; } = "";

    /// <summary>When the department recorded the payment (the event's time): orders a cap's payments.</summary>
    public DateTimeOffset PaidAt { get; private set; }

    /// <summary>When the register received it.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    public static HouseholdPayment From(HouseholdPaid paid, DateTimeOffset receivedAt) => new()
    {
        Id = paid.PaymentId,
        HouseholdId = paid.HouseholdId,
        MemberId = paid.MemberId,
        Department = paid.Department,
        Measure = paid.Measure,
        Kind = paid.Kind,
        KindName = paid.KindName,
        AmountYuan = paid.AmountYuan,
        PaidOn = paid.PaidOn,
        Year = paid.PaidOn.Year,
        Voucher = paid.Voucher,
        CapName = paid.CapName,
        CapYuan = paid.CapYuan,
        HeadroomAfterYuan = paid.HeadroomAfterYuan,
        PolicyVersion = paid.PolicyVersion,
        PaidAt = paid.OccurredAt,
        ReceivedAt = receivedAt,
    };
}
