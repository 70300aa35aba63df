using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Xichou.DepartmentKit.Referrals;

/// <summary>The referrals table, the same in every service that keeps referrals (a department's context, the register's).</summary>
public sealed class ReferralConfiguration(bool sqlServer) : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("Referrals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.HouseholdCode).HasMaxLength(32);
        builder.Property(r => r.TownshipCode).HasMaxLength(12);
        builder.Property(r => r.VillageCode).HasMaxLength(12);
        builder.Property(r => r.Village).HasMaxLength(64);
        builder.Property(r => r.FromService).HasMaxLength(32);
        builder.Property(r => r.ToDepartment).HasMaxLength(32);
        builder.Property(r => r.Request).HasMaxLength(ReferralDesk.MaxTextLength);
        builder.Property(r => r.RequestedBy).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Escalation).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.AcceptedBy).HasMaxLength(64);
        builder.Property(r => r.Outcome).HasMaxLength(ReferralDesk.MaxTextLength);
        builder.Property(r => r.AmountYuan).HasPrecision(12, 2);
        builder.Property(r => r.RejectReason).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Note).HasMaxLength(ReferralDesk.MaxTextLength);
        builder.Property(r => r.ClosedBy).HasMaxLength(64);
        // Every change bumps the revision: a user's transition, an event from another service and the deadline sweep of
        // another replica cannot overwrite one another; the later one fails and is retried or refused.
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasIndex(r => r.HouseholdId);
        builder.HasIndex(r => r.RiskId).HasFilter(sqlServer ? "[RiskId] IS NOT NULL" : "\"RiskId\" IS NOT NULL");
        // The inbox and the deadline sweep: open referrals to a department, oldest due first.
        builder.HasIndex(r => new { r.ToDepartment, r.Status, r.DueOn });
        builder.HasIndex(r => new { r.FromService, r.Status });
    }
}
