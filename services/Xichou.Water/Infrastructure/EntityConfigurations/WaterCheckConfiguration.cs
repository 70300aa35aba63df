using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.DepartmentKit.Households;
using Xichou.Water.Model.Checks;
using Xichou.Water.Model.Remediations;

namespace Xichou.Water.Infrastructure.EntityConfigurations;

internal sealed class WaterCheckConfiguration : IEntityTypeConfiguration<WaterCheck>
{
    public void Configure(EntityTypeBuilder<WaterCheck> check)
    {
        check.ToTable("WaterChecks");
        check.HasKey(c => c.Id);
        check.Property(c => c.Id).ValueGeneratedNever();
        check.Property(c => c.LitresPerPersonPerDay).HasPrecision(9, 2);
        check.Property(c => c.FailingItem).HasMaxLength(CheckValidation.MaxFailingItemLength);
        check.Property(c => c.HorizontalMetres).HasPrecision(9, 2);
        check.Property(c => c.VerticalMetres).HasPrecision(9, 2);
        check.Property(c => c.MinLitresPerPersonPerDay).HasPrecision(9, 2);
        check.Property(c => c.RecordedBy).HasMaxLength(64);
        check.Ignore(c => c.Measurements);
        check.HasOne<KnownHousehold>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        check.HasOne<RemediationCase>().WithMany().HasForeignKey(c => c.RemediationId).OnDelete(DeleteBehavior.Restrict);
        // A household's history, and its latest check (the greatest day, then the last recorded).
        check.HasIndex(c => new { c.HouseholdId, c.CheckedOn, c.RecordedAt });
        check.OwnsMany(c => c.Failures, failure =>
        {
            failure.ToTable("WaterCheckFailures");
            failure.WithOwner().HasForeignKey("CheckId");
            failure.Property<int>("Id");
            failure.HasKey("Id");
            failure.Property(f => f.Indicator).HasConversion<string>().HasMaxLength(16);
            failure.Property(f => f.Explanation).HasMaxLength(CheckFailure.MaxExplanationLength);
        });
    }
}
