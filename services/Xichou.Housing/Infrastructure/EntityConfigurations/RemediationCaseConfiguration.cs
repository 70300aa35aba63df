using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.DepartmentKit.Households;
using Xichou.Housing.Model;

namespace Xichou.Housing.Infrastructure.EntityConfigurations;

internal sealed class RemediationCaseConfiguration(bool sqlServer) : IEntityTypeConfiguration<RemediationCase>
{
    public void Configure(EntityTypeBuilder<RemediationCase> remediation)
    {
        remediation.ToTable("RemediationCases");
        remediation.HasKey(c => c.Id);
        remediation.Property(c => c.Id).ValueGeneratedNever();
        remediation.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        remediation.Property(c => c.OpeningGrade).HasConversion<string>().HasMaxLength(1);
        remediation.Property(c => c.FinalGrade).HasConversion<string>().HasMaxLength(1);
        remediation.Property(c => c.Route).HasConversion<string>().HasMaxLength(24);
        remediation.Property(c => c.ResponsiblePerson).HasMaxLength(RemediationCase.MaxResponsiblePersonLength);
        remediation.Property(c => c.Plan).HasMaxLength(RemediationCase.MaxPlanLength);
        remediation.Property(c => c.OpenedBy).HasMaxLength(64);
        remediation.Property(c => c.PlannedBy).HasMaxLength(64);
        remediation.Property(c => c.CompletedBy).HasMaxLength(64);
        remediation.Property(c => c.Revision).IsConcurrencyToken();
        remediation.HasOne<KnownHousehold>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        remediation.HasMany(c => c.Progress).WithOne().HasForeignKey(p => p.RemediationCaseId).OnDelete(DeleteBehavior.Cascade);
        remediation.HasIndex(c => c.HouseholdId);
        // 措施三 follows each unsafe house on its own (逐户): at most one open case per household, also when two unsafe
        // assessments of it are recorded at once.
        remediation.HasIndex(c => c.HouseholdId, "IX_RemediationCases_OneOpenPerHousehold").IsUnique()
            .HasFilter(sqlServer ? "[Status] = 'Open'" : "\"Status\" = 'Open'");
        remediation.HasIndex(c => new { c.Status, c.FoundOn });
    }
}

internal sealed class RemediationProgressConfiguration : IEntityTypeConfiguration<RemediationProgress>
{
    public void Configure(EntityTypeBuilder<RemediationProgress> progress)
    {
        progress.ToTable("RemediationProgress");
        progress.HasKey(p => p.Id);
        progress.Property(p => p.Id).ValueGeneratedOnAdd();
        progress.Property(p => p.Text).HasMaxLength(RemediationCase.MaxProgressLength);
        progress.Property(p => p.By).HasMaxLength(64);
    }
}
