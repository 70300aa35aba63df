using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Xichou.DepartmentKit.Households;
using Xichou.Education.Model;

namespace Xichou.Education.Infrastructure.EntityConfigurations;

/// <summary>A stage stored as the register spells it (juniorSecondary), so the two read alike in the database.</summary>
internal sealed class SchoolStageConverter() : ValueConverter<SchoolStage, string>(
    stage => SchoolStages.WireOf(stage), text => SchoolStages.Parse(text) ?? SchoolStage.NotInSchool);

internal sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> student)
    {
        student.ToTable("Students");
        student.HasKey(s => s.Id);
        student.Property(s => s.Id).ValueGeneratedNever();
        student.Property(s => s.Stage).HasConversion(new SchoolStageConverter()).HasMaxLength(16);
        student.Property(s => s.School).HasMaxLength(Student.MaxSchoolLength);
        student.Property(s => s.Grade).HasMaxLength(Student.MaxGradeLength);
        student.Property(s => s.Note).HasMaxLength(Student.MaxNoteLength);
        student.Property(s => s.SurveyedBy).HasMaxLength(64);
        student.Property(s => s.Revision).IsConcurrencyToken();
        // No key to the kit's members: the register replaces a household's member rows whenever its members change.
        student.HasOne<KnownHousehold>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        student.HasIndex(s => s.HouseholdId);
        student.HasIndex(s => s.DropoutFindingId);
    }
}

internal sealed class EducationSubsidyConfiguration : IEntityTypeConfiguration<EducationSubsidy>
{
    public const string OnePerStudentAndPeriod = "IX_EducationSubsidies_StudentId_Period";

    public void Configure(EntityTypeBuilder<EducationSubsidy> subsidy)
    {
        subsidy.ToTable("EducationSubsidies");
        subsidy.HasKey(s => s.Id);
        subsidy.Property(s => s.Id).ValueGeneratedNever();
        subsidy.Property(s => s.Period).HasMaxLength(16);
        subsidy.Property(s => s.Stage).HasConversion(new SchoolStageConverter()).HasMaxLength(16);
        subsidy.Property(s => s.Kind).HasMaxLength(32);
        subsidy.Property(s => s.AmountYuan).HasPrecision(18, 2);
        subsidy.Property(s => s.GrantedBy).HasMaxLength(64);
        subsidy.Property(s => s.PolicyVersion).HasMaxLength(64);
        subsidy.HasOne<KnownHousehold>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // 措施六 pays a student once per period, also when two grants are posted at once.
        subsidy.HasIndex(s => new { s.StudentId, s.Period }, OnePerStudentAndPeriod).IsUnique();
        subsidy.HasIndex(s => new { s.Period, s.HouseholdId });
    }
}
