using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.Monitoring.Model.Analysis;

namespace Xichou.Monitoring.Infrastructure.EntityConfigurations;

public sealed class AnalysisFilingConfiguration : IEntityTypeConfiguration<AnalysisFiling>
{
    public void Configure(EntityTypeBuilder<AnalysisFiling> builder)
    {
        builder.ToTable("AnalysisFilings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Month).HasMaxLength(7);
        builder.Property(f => f.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.UnitCode).HasMaxLength(12);
        builder.Property(f => f.TownshipCode).HasMaxLength(12);
        builder.Property(f => f.Decisions).HasMaxLength(1000);
        builder.Property(f => f.FiledBy).HasMaxLength(64);
        // A unit files its month once.
        builder.HasIndex(f => new { f.Month, f.Level, f.UnitCode }).IsUnique();
        builder.HasIndex(f => new { f.Month, f.TownshipCode });
    }
}

public sealed class TownshipReminderConfiguration : IEntityTypeConfiguration<TownshipReminder>
{
    public void Configure(EntityTypeBuilder<TownshipReminder> builder)
    {
        builder.ToTable("TownshipReminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Month).HasMaxLength(7);
        builder.Property(r => r.TownshipCode).HasMaxLength(12);
        builder.Property(r => r.Message).HasMaxLength(500);
        builder.Property(r => r.SentBy).HasMaxLength(64);
        builder.HasIndex(r => new { r.TownshipCode, r.Month });
    }
}
