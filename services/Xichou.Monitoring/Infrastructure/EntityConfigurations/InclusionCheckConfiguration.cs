using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.Monitoring.Model.Support;

namespace Xichou.Monitoring.Infrastructure.EntityConfigurations;

public sealed class InclusionCheckConfiguration : IEntityTypeConfiguration<InclusionCheck>
{
    public void Configure(EntityTypeBuilder<InclusionCheck> builder)
    {
        builder.ToTable("InclusionChecks");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.TownshipCode).HasMaxLength(12);
        builder.Property(c => c.VillageCode).HasMaxLength(12);
        builder.Property(c => c.PersonName).HasMaxLength(64);
        builder.Property(c => c.Content).HasMaxLength(1000);
        builder.Property(c => c.CallerPhone).HasMaxLength(20);
        builder.Property(c => c.RecordedBy).HasMaxLength(64);
        builder.Property(c => c.Decision).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(200);
        builder.Property(c => c.DecidedBy).HasMaxLength(64);
        builder.HasIndex(c => new { c.TownshipCode, c.VillageCode });
        builder.HasIndex(c => c.Decision);
    }
}
