using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.Agriculture.Model;
using Xichou.DepartmentKit.Findings;
using Xichou.DepartmentKit.Households;

namespace Xichou.Agriculture.Infrastructure.EntityConfigurations;

internal sealed class LinkageConfiguration : IEntityTypeConfiguration<Linkage>
{
    public void Configure(EntityTypeBuilder<Linkage> linkage)
    {
        linkage.ToTable("Linkages");
        linkage.HasKey(l => l.Id);
        linkage.Property(l => l.Id).ValueGeneratedNever();
        linkage.Property(l => l.PartnerName).HasMaxLength(Linkage.MaxPartnerNameLength);
        linkage.Property(l => l.PartnerKind).HasConversion<string>().HasMaxLength(24);
        linkage.Property(l => l.RecordedBy).HasMaxLength(64);
        linkage.Ignore(l => l.Benefits);
        linkage.HasOne<KnownHousehold>().WithMany().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        linkage.HasIndex(l => l.HouseholdId);
    }
}

internal sealed class HouseholdIndustryConfiguration : IEntityTypeConfiguration<HouseholdIndustry>
{
    public void Configure(EntityTypeBuilder<HouseholdIndustry> industry)
    {
        industry.ToTable("HouseholdIndustries");
        industry.HasKey(i => i.Id);
        industry.Property(i => i.Id).ValueGeneratedOnAdd();
        industry.Property(i => i.Industry).HasMaxLength(IndustryApplication.MaxIndustryLength);
        industry.Property(i => i.Scale).HasPrecision(18, 2);
        industry.Property(i => i.Unit).HasMaxLength(8);
        industry.Property(i => i.RecordedBy).HasMaxLength(64);
        industry.HasOne<KnownHousehold>().WithMany().HasForeignKey(i => i.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        industry.HasIndex(i => new { i.HouseholdId, i.Industry });
    }
}

internal sealed class InsurancePolicyConfiguration : IEntityTypeConfiguration<InsurancePolicy>
{
    public void Configure(EntityTypeBuilder<InsurancePolicy> policy)
    {
        policy.ToTable("InsurancePolicies");
        policy.HasKey(p => p.Id);
        policy.Property(p => p.Id).ValueGeneratedNever();
        policy.Property(p => p.Industry).HasMaxLength(IndustryApplication.MaxIndustryLength);
        policy.Property(p => p.Scale).HasPrecision(18, 2);
        policy.Property(p => p.Unit).HasMaxLength(8);
        policy.Property(p => p.Insurer).HasMaxLength(InsurancePolicy.MaxInsurerLength);
        policy.Property(p => p.PolicyNumber).HasMaxLength(InsurancePolicy.MaxPolicyNumberLength);
        policy.Property(p => p.RecordedBy).HasMaxLength(64);
        policy.HasOne<KnownHousehold>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        policy.HasIndex(p => p.HouseholdId);
    }
}

internal sealed class LossClaimConfiguration : IEntityTypeConfiguration<LossClaim>
{
    public void Configure(EntityTypeBuilder<LossClaim> claim)
    {
        claim.ToTable("LossClaims");
        claim.HasKey(c => c.Id);
        claim.Property(c => c.Id).ValueGeneratedNever();
        claim.Property(c => c.Cause).HasMaxLength(LossClaim.MaxCauseLength);
        claim.Property(c => c.AmountYuan).HasPrecision(18, 2);
        claim.Property(c => c.RecordedBy).HasMaxLength(64);
        claim.HasOne<InsurancePolicy>().WithMany().HasForeignKey(c => c.InsurancePolicyId).OnDelete(DeleteBehavior.Restrict);
        claim.HasIndex(c => c.HouseholdId);
    }
}

internal sealed class AgricultureFindingConfiguration(bool sqlServer) : IEntityTypeConfiguration<AgricultureFinding>
{
    public void Configure(EntityTypeBuilder<AgricultureFinding> finding)
    {
        finding.ToTable("AgricultureFindings");
        finding.HasKey(f => f.Id);
        finding.Property(f => f.Id).ValueGeneratedNever();
        finding.Property(f => f.Category).HasMaxLength(Findings.MaxCategoryLength);
        finding.Property(f => f.Subject).HasMaxLength(IndustryApplication.MaxIndustryLength);
        finding.Property(f => f.Description).HasMaxLength(Findings.MaxDescriptionLength);
        finding.Property(f => f.ClearedBy).HasMaxLength(64);
        finding.Property(f => f.Resolution).HasMaxLength(Findings.MaxDescriptionLength);
        finding.HasOne<KnownHousehold>().WithMany().HasForeignKey(f => f.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // One open finding per household, category and subject, also when two changes of the household land at once: the
        // register gets each fact once.
        finding.HasIndex(f => new { f.HouseholdId, f.Category, f.Subject }, "IX_AgricultureFindings_OneOpen").IsUnique()
            .HasFilter(sqlServer ? "[ClearedAt] IS NULL" : "\"ClearedAt\" IS NULL");
    }
}
