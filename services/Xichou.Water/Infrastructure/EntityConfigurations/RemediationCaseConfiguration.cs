using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.DepartmentKit.Households;
using Xichou.Water.Model.Remediations;

namespace Xichou.Water.Infrastructure.EntityConfigurations;

internal sealed class RemediationCaseConfiguration : IEntityTypeConfiguration<RemediationCase>
{
    public void Configure(EntityTypeBuilder<RemediationCase> remediation)
    {
        remediation.ToTable("Remediations");
        remediation.HasKey(r => r.Id);
        remediation.Property(r => r.Id).ValueGeneratedNever();
        remediation.Property(r => r.Measure).HasMaxLength(RemediationCase.MaxMeasureLength);
        remediation.Property(r => r.ResponsiblePerson).HasMaxLength(RemediationCase.MaxResponsiblePersonLength);
        remediation.Property(r => r.SupplyPoint).HasMaxLength(RemediationCase.MaxSupplyPointLength);
        remediation.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        remediation.Property(r => r.OpenedBy).HasMaxLength(64);
        remediation.Property(r => r.CompletedBy).HasMaxLength(64);
        remediation.Property(r => r.Revision).IsConcurrencyToken();
        remediation.HasMany(r => r.Households).WithOne().HasForeignKey(h => h.RemediationId);
        remediation.HasIndex(r => r.Status);
    }
}

internal sealed class RemediationHouseholdConfiguration : IEntityTypeConfiguration<RemediationHousehold>
{
    public void Configure(EntityTypeBuilder<RemediationHousehold> household)
    {
        household.ToTable("RemediationHouseholds");
        household.HasKey(h => new { h.RemediationId, h.HouseholdId });
        household.HasOne<KnownHousehold>().WithMany().HasForeignKey(h => h.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        household.HasIndex(h => h.HouseholdId);
    }
}
