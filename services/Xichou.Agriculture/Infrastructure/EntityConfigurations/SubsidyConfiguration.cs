using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.Agriculture.Model;
using Xichou.DepartmentKit.Households;

namespace Xichou.Agriculture.Infrastructure.EntityConfigurations;

internal sealed class IndustryApplicationConfiguration : IEntityTypeConfiguration<IndustryApplication>
{
    public void Configure(EntityTypeBuilder<IndustryApplication> application)
    {
        application.ToTable("IndustryApplications");
        application.HasKey(a => a.Id);
        application.Property(a => a.Id).ValueGeneratedNever();
        application.Property(a => a.Industry).HasMaxLength(IndustryApplication.MaxIndustryLength);
        application.Property(a => a.Plan).HasMaxLength(IndustryApplication.MaxPlanLength);
        application.Property(a => a.CostYuan).HasPrecision(18, 2);
        application.Property(a => a.ShareOfCostYuan).HasPrecision(18, 2);
        application.Property(a => a.SubsidyYuan).HasPrecision(18, 2);
        application.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        application.Property(a => a.AppliedBy).HasMaxLength(64);
        application.Property(a => a.ApprovedBy).HasMaxLength(64);
        application.Property(a => a.ApprovalNote).HasMaxLength(IndustryApplication.MaxNoteLength);
        application.Property(a => a.Voucher).HasMaxLength(IndustryApplication.MaxVoucherLength);
        application.Property(a => a.PaidBy).HasMaxLength(64);
        application.Property(a => a.RefusalReason).HasMaxLength(IndustryApplication.MaxReasonLength);
        application.Property(a => a.RefusedBy).HasMaxLength(64);
        application.Property(a => a.Revision).IsConcurrencyToken();
        application.HasOne<KnownHousehold>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        application.HasIndex(a => a.HouseholdId);
        application.HasIndex(a => new { a.Status, a.AppliedOn });
    }
}

internal sealed class SubsidyAccountConfiguration : IEntityTypeConfiguration<SubsidyAccount>
{
    public void Configure(EntityTypeBuilder<SubsidyAccount> account)
    {
        account.ToTable("SubsidyAccounts");
        account.HasKey(a => a.HouseholdId);
        account.Property(a => a.HouseholdId).ValueGeneratedNever();
        account.Property(a => a.CommittedYuan).HasPrecision(18, 2);
        account.Property(a => a.PaidYuan).HasPrecision(18, 2);
        account.Property(a => a.Revision).IsConcurrencyToken();
        account.HasOne<KnownHousehold>().WithOne().HasForeignKey<SubsidyAccount>(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}
