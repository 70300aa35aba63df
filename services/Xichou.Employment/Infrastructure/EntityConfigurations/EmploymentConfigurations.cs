using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.DepartmentKit.Households;
using Xichou.Employment.Model;

namespace Xichou.Employment.Infrastructure.EntityConfigurations;

// Member ids are the register's; no foreign key to the kit's Members table, which the register's member lists replace whole.

internal sealed class LabourerConfiguration : IEntityTypeConfiguration<Labourer>
{
    public void Configure(EntityTypeBuilder<Labourer> labourer)
    {
        labourer.ToTable("Labourers");
        labourer.HasKey(l => l.MemberId);
        labourer.Property(l => l.MemberId).ValueGeneratedNever();
        labourer.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        labourer.Property(l => l.Place).HasMaxLength(Labourer.MaxPlaceLength);
        labourer.Property(l => l.Employer).HasMaxLength(Labourer.MaxEmployerLength);
        labourer.Property(l => l.Reason).HasMaxLength(Labourer.MaxReasonLength);
        labourer.Property(l => l.MonthlyIncomeYuan).HasPrecision(12, 2);
        labourer.Property(l => l.UpdatedBy).HasMaxLength(64);
        labourer.Property(l => l.Revision).IsConcurrencyToken();
        labourer.HasOne<KnownHousehold>().WithMany().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        labourer.HasIndex(l => l.HouseholdId);
        labourer.HasIndex(l => l.Status);
    }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> training)
    {
        training.ToTable("Trainings");
        training.HasKey(t => t.Id);
        training.Property(t => t.Id).ValueGeneratedNever();
        training.Property(t => t.Course).HasMaxLength(Training.MaxCourseLength);
        training.Property(t => t.Provider).HasMaxLength(Training.MaxProviderLength);
        training.Property(t => t.Certificate).HasMaxLength(Training.MaxCertificateLength);
        training.Property(t => t.RecordedBy).HasMaxLength(64);
        training.HasOne<KnownHousehold>().WithMany().HasForeignKey(t => t.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        training.HasIndex(t => t.HouseholdId);
        training.HasIndex(t => t.MemberId);
    }
}

internal sealed class JobServiceConfiguration : IEntityTypeConfiguration<JobService>
{
    public void Configure(EntityTypeBuilder<JobService> service)
    {
        service.ToTable("JobServices");
        service.HasKey(s => s.Id);
        service.Property(s => s.Id).ValueGeneratedNever();
        service.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
        service.Property(s => s.Note).HasMaxLength(JobService.MaxNoteLength);
        service.Property(s => s.RecordedBy).HasMaxLength(64);
        service.HasOne<KnownHousehold>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        service.HasIndex(s => s.HouseholdId);
    }
}

internal sealed class MigrantCheckConfiguration : IEntityTypeConfiguration<MigrantCheck>
{
    public void Configure(EntityTypeBuilder<MigrantCheck> check)
    {
        check.ToTable("MigrantChecks");
        check.HasKey(c => c.Id);
        check.Property(c => c.Id).ValueGeneratedNever();
        check.Property(c => c.MonthlyIncomeYuan).HasPrecision(12, 2);
        check.Property(c => c.Note).HasMaxLength(MigrantCheck.MaxNoteLength);
        check.Property(c => c.RecordedBy).HasMaxLength(64);
        check.HasOne<KnownHousehold>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        check.HasIndex(c => c.HouseholdId);
        // 每月监测1次: one check per worker and month, also when two are recorded at once.
        check.HasIndex(c => new { c.MemberId, c.Month }).IsUnique();
        check.HasIndex(c => c.Month);
    }
}

internal sealed class EmploymentFindingConfiguration(bool sqlServer) : IEntityTypeConfiguration<EmploymentFinding>
{
    public void Configure(EntityTypeBuilder<EmploymentFinding> finding)
    {
        finding.ToTable("EmploymentFindings");
        finding.HasKey(f => f.Id);
        finding.Property(f => f.Id).ValueGeneratedNever();
        finding.Property(f => f.Description).HasMaxLength(500);
        finding.Property(f => f.Resolution).HasMaxLength(500);
        finding.Property(f => f.OpenedBy).HasMaxLength(64);
        finding.Property(f => f.ClearedBy).HasMaxLength(64);
        finding.HasOne<KnownHousehold>().WithMany().HasForeignKey(f => f.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        finding.HasIndex(f => f.HouseholdId);
        // One open finding per household: two writes that both find the household failing publish it once.
        finding.HasIndex(f => f.HouseholdId, "IX_EmploymentFindings_OneOpenPerHousehold").IsUnique()
            .HasFilter(sqlServer ? "[ClearedAt] IS NULL" : "\"ClearedAt\" IS NULL");
    }
}
