using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Xichou.DepartmentKit.Households;

internal sealed class KnownHouseholdConfiguration : IEntityTypeConfiguration<KnownHousehold>
{
    public void Configure(EntityTypeBuilder<KnownHousehold> household)
    {
        household.ToTable("Households");
        household.HasKey(h => h.Id);
        household.Property(h => h.Id).ValueGeneratedNever();
        household.Property(h => h.HouseholdCode).HasMaxLength(32);
        household.Property(h => h.TownshipCode).HasMaxLength(12);
        household.Property(h => h.VillageCode).HasMaxLength(12);
        household.Property(h => h.Village).HasMaxLength(64);
        household.Property(h => h.PairedCadre).HasMaxLength(64);
        household.Property(h => h.SurveyStatus).HasConversion<string>().HasMaxLength(16);
        // The facts of a survey just recorded live until the save publishes them (SurveyEvents); they are not a column.
        household.Ignore(h => h.SurveyMeasures);
        household.Property(h => h.SurveyNote).HasMaxLength(KnownHousehold.MaxSurveyNoteLength);
        household.Property(h => h.SurveyedBy).HasMaxLength(64);
        household.Property(h => h.HeadName).HasMaxLength(64);
        household.Property(h => h.HeadIdNumber).HasMaxLength(18);
        household.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        household.Property(h => h.StatusReason).HasMaxLength(200);
        household.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId);
        // Departments look households up by id and list them by place; the code's uniqueness is the register's to keep.
        household.HasIndex(h => new { h.TownshipCode, h.VillageCode });
    }
}

internal sealed class KnownMemberConfiguration : IEntityTypeConfiguration<KnownMember>
{
    public void Configure(EntityTypeBuilder<KnownMember> member)
    {
        member.ToTable("Members");
        member.HasKey(m => m.Id);
        member.Property(m => m.Id).ValueGeneratedNever();
        member.Property(m => m.Name).HasMaxLength(64);
        member.Property(m => m.Relation).HasMaxLength(16);
        member.Property(m => m.Sex).HasMaxLength(8);
        member.Property(m => m.IdNumber).HasMaxLength(18);
        member.Property(m => m.LabourCapacity).HasMaxLength(16);
        member.Property(m => m.SchoolStage).HasMaxLength(16);
        member.Property(m => m.HealthState).HasMaxLength(16);
        member.HasIndex(m => m.HouseholdId);
    }
}
