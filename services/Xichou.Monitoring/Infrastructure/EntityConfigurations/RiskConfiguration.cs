using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.Monitoring.Model;

namespace Xichou.Monitoring.Infrastructure.EntityConfigurations;

/// <summary>The risk register's aggregate: a risk, its measures (措施台账) and its escalations.</summary>
/// <param name="sqlServer">Whether the provider is SQL Server (the filtered index is written in its dialect).</param>
public sealed class RiskConfiguration(bool sqlServer)
    : IEntityTypeConfiguration<Risk>, IEntityTypeConfiguration<RiskMeasure>, IEntityTypeConfiguration<RiskEscalation>
{
    public void Apply(ModelBuilder modelBuilder) => modelBuilder
        .ApplyConfiguration<Risk>(this)
        .ApplyConfiguration<RiskMeasure>(this)
        .ApplyConfiguration<RiskEscalation>(this);

    public void Configure(EntityTypeBuilder<Risk> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Cause).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Need).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Severity).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Rule).HasMaxLength(64);
        builder.Property(r => r.Explanation).HasMaxLength(500);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.OpenedBy).HasMaxLength(64);
        builder.Property(r => r.VerifiedBy).HasMaxLength(64);
        builder.Property(r => r.Resolution).HasMaxLength(500);
        builder.Property(r => r.PolicyVersion).HasMaxLength(64);
        // Two replicas' escalators read the same overdue risk: only the first UPDATE of LevelSince wins.
        builder.Property(r => r.LevelSince).IsConcurrencyToken();
        builder.HasIndex(r => new { r.HouseholdId, r.Status });
        builder.HasIndex(r => new { r.Status, r.Level, r.LevelSince });
        // A department's finding (or a complaint) delivered twice is registered once; a visit may open several risks.
        builder.HasIndex(r => new { r.Source, r.SourceId }).IsUnique().HasFilter(
            sqlServer
                ? "[SourceId] IS NOT NULL AND [Source] IN ('Department', 'Hotline')"
                : "\"SourceId\" IS NOT NULL AND \"Source\" IN ('Department', 'Hotline')");
        builder.HasMany(r => r.Measures).WithOne().HasForeignKey(m => m.RiskId);
        builder.HasMany(r => r.Escalations).WithOne().HasForeignKey(e => e.RiskId);
    }

    public void Configure(EntityTypeBuilder<RiskMeasure> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.By).HasMaxLength(64);
        builder.Property(m => m.Text).HasMaxLength(500);
    }

    public void Configure(EntityTypeBuilder<RiskEscalation> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.By).HasMaxLength(64);
        builder.Property(e => e.Reason).HasMaxLength(200);
        builder.HasIndex(e => e.At);
    }
}
