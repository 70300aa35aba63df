using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.Monitoring.Model;

namespace Xichou.Monitoring.Infrastructure.EntityConfigurations;

/// <summary>The register's aggregate: a household, its members and its status history (退出监测, 风险消除, back on).</summary>
/// <param name="sqlServer">Whether the provider is SQL Server (the filtered index is written in its dialect).</param>
public sealed class HouseholdConfiguration(bool sqlServer)
    : IEntityTypeConfiguration<Household>, IEntityTypeConfiguration<Member>, IEntityTypeConfiguration<HouseholdStatusChange>
{
    public void Apply(ModelBuilder modelBuilder) => modelBuilder
        .ApplyConfiguration<Household>(this)
        .ApplyConfiguration<Member>(this)
        .ApplyConfiguration<HouseholdStatusChange>(this);

    public void Configure(EntityTypeBuilder<Household> builder)
    {
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Code).HasMaxLength(32);
        builder.Property(h => h.TownshipCode).HasMaxLength(12);
        builder.Property(h => h.VillageCode).HasMaxLength(12);
        builder.Property(h => h.Village).HasMaxLength(64);
        builder.Property(h => h.PairedCadre).HasMaxLength(64);
        builder.Property(h => h.HeadName).HasMaxLength(64);
        builder.Property(h => h.HeadIdNumber).HasMaxLength(18);
        builder.HasIndex(h => h.Code).IsUnique();
        builder.HasIndex(h => h.HeadIdNumber).IsUnique();
        builder.HasIndex(h => new { h.TownshipCode, h.VillageCode });
        builder.HasIndex(h => h.VillageCode);
        // 每人挂钩1户: a cadre is paired with one household.
        builder.HasIndex(h => h.PairedCadre).IsUnique().HasFilter(
            sqlServer ? "[PairedCadre] IS NOT NULL" : "\"PairedCadre\" IS NOT NULL");
        builder.Property(h => h.VillagerGroup).HasMaxLength(32);
        builder.Property(h => h.PerCapitaIncome).HasPrecision(12, 2);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(h => new { h.Status, h.LastVisitOn });
        builder.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId);
        builder.HasMany(h => h.StatusChanges).WithOne().HasForeignKey(c => c.HouseholdId);
    }

    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Name).HasMaxLength(64);
        builder.Property(m => m.IdNumber).HasMaxLength(18);
        // One person, one household: a second household with the same member is a 409 naming the first.
        builder.HasIndex(m => m.IdNumber).IsUnique();
        builder.HasIndex(m => new { m.HouseholdId, m.Position });
        builder.Property(m => m.Relation).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Sex).HasConversion<string>().HasMaxLength(8);
        builder.Property(m => m.LabourCapacity).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.SchoolStage).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.HealthState).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Phone).HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<HouseholdStatusChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(200);
        builder.Property(c => c.ChangedBy).HasMaxLength(64);
        builder.HasIndex(c => c.On);
    }
}
