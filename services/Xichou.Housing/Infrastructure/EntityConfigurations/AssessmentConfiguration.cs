using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.DepartmentKit.Households;
using Xichou.Housing.Application;
using Xichou.Housing.Model;

namespace Xichou.Housing.Infrastructure.EntityConfigurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> assessment)
    {
        assessment.ToTable("Assessments");
        assessment.HasKey(a => a.Id);
        assessment.Property(a => a.Id).ValueGeneratedNever();
        assessment.Property(a => a.Grade).HasConversion<string>().HasMaxLength(1);
        assessment.Property(a => a.Assessor).HasMaxLength(HousingValidation.MaxAssessorLength);
        assessment.Property(a => a.Note).HasMaxLength(HousingValidation.MaxNoteLength);
        assessment.Property(a => a.RecordedBy).HasMaxLength(64);
        assessment.HasOne<KnownHousehold>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        assessment.HasOne<RemediationCase>().WithMany().HasForeignKey(a => a.RemediationCaseId).OnDelete(DeleteBehavior.Restrict);
        assessment.HasIndex(a => a.HouseholdId);
    }
}
