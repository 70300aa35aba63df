using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Data;

namespace Xichou.DepartmentKit.Payments;

/// <summary>What a department paid, as its own record knows it; <see cref="Payments.Publish"/> puts it on the household ledger.</summary>
public sealed record Payment(
    Guid PaymentId, string Measure, string Kind, string KindName, decimal AmountYuan, DateOnly PaidOn, string PolicyVersion)
{
    /// <summary>The member the money is for (a student, a patient); null for the household.</summary>
    public Guid? MemberId { get; init; }

    public string? Voucher { get; init; }

    /// <summary>The cap it counts against (Chinese name, yuan, what is left after this payment); null when uncapped.</summary>
    public PaymentCap? Cap { get; init; }
}

/// <summary>A cap a payment counts against: its Chinese name, its amount and what is left under it after the payment.</summary>
public sealed record PaymentCap(string Name, decimal CapYuan, decimal HeadroomAfterYuan);

/// <summary>
/// A department's payment to a household published as <see cref="HouseholdPaid"/> through the outbox, in the same
/// SaveChanges as the department's own record of it: the household ledger (every yuan per household and year) is fed
/// by these alone.
/// </summary>
public static class Payments
{
    public static HouseholdPaid Publish(ServiceDbContext db, Department department, KnownHousehold household, Payment payment, DateTimeOffset at)
    {
        if (payment.AmountYuan <= 0 || decimal.Round(payment.AmountYuan, 2) != payment.AmountYuan)
        {
            throw new ArgumentOutOfRangeException(nameof(payment), payment.AmountYuan, "A payment is a positive amount in yuan with at most two places.");
        }
        var paid = new HouseholdPaid
        {
            PaymentId = payment.PaymentId,
            HouseholdId = household.Id,
            TownshipCode = household.TownshipCode,
            Village = household.Village,
            VillageCode = household.VillageCode,
            MemberId = payment.MemberId,
            Department = department.Key,
            Measure = payment.Measure,
            Kind = payment.Kind,
            KindName = payment.KindName,
            AmountYuan = payment.AmountYuan,
            PaidOn = payment.PaidOn,
            Voucher = payment.Voucher,
            CapName = payment.Cap?.Name,
            CapYuan = payment.Cap?.CapYuan,
            HeadroomAfterYuan = payment.Cap?.HeadroomAfterYuan,
            PolicyVersion = payment.PolicyVersion,
            OccurredAt = at,
        };
        db.AddIntegrationEvent(paid);
        return paid;
    }
}
