using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Ledger;

namespace Xichou.Monitoring.Infrastructure.EntityConfigurations;

internal sealed class HouseholdPaymentConfiguration : IEntityTypeConfiguration<HouseholdPayment>
{
    public void Configure(EntityTypeBuilder<HouseholdPayment> payment)
    {
        payment.ToTable("HouseholdPayments");
        payment.HasKey(p => p.Id);
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.Property(p => p.Department).HasMaxLength(32);
        payment.Property(p => p.Measure).HasMaxLength(8);
        payment.Property(p => p.Kind).HasMaxLength(48);
        payment.Property(p => p.KindName).HasMaxLength(64);
        payment.Property(p => p.AmountYuan).HasPrecision(12, 2);
        payment.Property(p => p.Voucher).HasMaxLength(64);
        payment.Property(p => p.CapName).HasMaxLength(64);
        payment.Property(p => p.CapYuan).HasPrecision(12, 2);
        payment.Property(p => p.HeadroomAfterYuan).HasPrecision(12, 2);
        payment.Property(p => p.PolicyVersion).HasMaxLength(64);
        payment.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        payment.HasIndex(p => new { p.HouseholdId, p.Year });
        payment.HasIndex(p => p.Year);
    }
}
