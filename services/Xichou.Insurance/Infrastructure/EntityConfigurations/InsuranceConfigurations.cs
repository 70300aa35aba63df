using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.DepartmentKit.Households;
using Xichou.Insurance.Model;

namespace Xichou.Insurance.Infrastructure.EntityConfigurations;

internal sealed class HospitalSubsidyConfiguration : IEntityTypeConfiguration<HospitalSubsidy>
{
    public void Configure(EntityTypeBuilder<HospitalSubsidy> subsidy)
    {
        subsidy.ToTable("HospitalSubsidies");
        subsidy.HasKey(s => s.Id);
        subsidy.Property(s => s.Id).ValueGeneratedNever();
        subsidy.Property(s => s.Hospital).HasMaxLength(HospitalSubsidy.MaxHospitalLength);
        subsidy.Property(s => s.TotalYuan).HasPrecision(12, 2);
        subsidy.Property(s => s.SelfPaidYuan).HasPrecision(12, 2);
        subsidy.Property(s => s.SubsidyYuan).HasPrecision(12, 2);
        subsidy.Property(s => s.GrantedBeforeYuan).HasPrecision(12, 2);
        subsidy.Property(s => s.RemainingAfterYuan).HasPrecision(12, 2);
        subsidy.Property(s => s.PolicyVersion).HasMaxLength(64);
        subsidy.Property(s => s.RecordedBy).HasMaxLength(64);
        subsidy.HasOne<KnownHousehold>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        subsidy.HasIndex(s => new { s.MemberId, s.Year });
        subsidy.HasIndex(s => s.HouseholdId);
    }
}

internal sealed class HospitalSubsidyYearConfiguration : IEntityTypeConfiguration<HospitalSubsidyYear>
{
    public void Configure(EntityTypeBuilder<HospitalSubsidyYear> year)
    {
        year.ToTable("HospitalSubsidyYears");
        // One running total per person and year: two first bills of a year inserting at once collide on the key.
        year.HasKey(y => new { y.MemberId, y.Year });
        year.Property(y => y.GrantedYuan).HasPrecision(12, 2);
        year.Property(y => y.Revision).IsConcurrencyToken();
        year.HasIndex(y => y.HouseholdId);
    }
}

internal sealed class MedicalEnrolmentConfiguration : IEntityTypeConfiguration<MedicalEnrolment>
{
    public void Configure(EntityTypeBuilder<MedicalEnrolment> enrolment)
    {
        enrolment.ToTable("MedicalEnrolments");
        enrolment.HasKey(e => new { e.MemberId, e.Year });
        enrolment.Property(e => e.Note).HasMaxLength(MedicalEnrolment.MaxNoteLength);
        enrolment.Property(e => e.RecordedBy).HasMaxLength(64);
        enrolment.HasIndex(e => new { e.HouseholdId, e.Year });
    }
}

internal sealed class CoverageFindingConfiguration(bool sqlServer) : IEntityTypeConfiguration<CoverageFinding>
{
    public void Configure(EntityTypeBuilder<CoverageFinding> finding)
    {
        finding.ToTable("CoverageFindings");
        finding.HasKey(f => f.Id);
        finding.Property(f => f.Id).ValueGeneratedNever();
        finding.Property(f => f.Description).HasMaxLength(500);
        finding.Property(f => f.ClearedBy).HasMaxLength(64);
        finding.HasOne<KnownHousehold>().WithMany().HasForeignKey(f => f.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        // One open gap per household and year on the register, also when two members' enrolments are recorded at once.
        finding.HasIndex(f => new { f.HouseholdId, f.Year }, "IX_CoverageFindings_OneOpenPerHouseholdYear").IsUnique()
            .HasFilter(sqlServer ? "[ClearedAt] IS NULL" : "\"ClearedAt\" IS NULL");
    }
}

internal sealed class PovertyInsuranceEnrolmentConfiguration : IEntityTypeConfiguration<PovertyInsuranceEnrolment>
{
    public void Configure(EntityTypeBuilder<PovertyInsuranceEnrolment> enrolment)
    {
        enrolment.ToTable("PovertyInsuranceEnrolments");
        enrolment.HasKey(e => new { e.HouseholdId, e.Year });
        enrolment.Ignore(e => e.PremiumYuan);
        enrolment.Property(e => e.PairingUnit).HasMaxLength(PovertyInsuranceEnrolment.MaxPairingUnitLength);
        enrolment.Property(e => e.PairingUnitShareYuan).HasPrecision(12, 2);
        enrolment.Property(e => e.CountyShareYuan).HasPrecision(12, 2);
        enrolment.Property(e => e.RecordedBy).HasMaxLength(64);
        enrolment.HasOne<KnownHousehold>().WithMany().HasForeignKey(e => e.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PreventionClaimConfiguration : IEntityTypeConfiguration<PreventionClaim>
{
    public void Configure(EntityTypeBuilder<PreventionClaim> claim)
    {
        claim.ToTable("PreventionClaims");
        claim.HasKey(c => c.Id);
        claim.Property(c => c.Id).ValueGeneratedNever();
        claim.Property(c => c.Kind).HasMaxLength(24);
        claim.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        claim.Property(c => c.Description).HasMaxLength(PreventionClaim.MaxTextLength);
        claim.Property(c => c.SourceDepartment).HasMaxLength(32);
        claim.Property(c => c.ReportedBy).HasMaxLength(64);
        claim.Property(c => c.AssessedYuan).HasPrecision(12, 2);
        claim.Property(c => c.AssessmentNote).HasMaxLength(PreventionClaim.MaxTextLength);
        claim.Property(c => c.AssessedBy).HasMaxLength(64);
        claim.Property(c => c.Voucher).HasMaxLength(OtherSupportPayment.MaxVoucherLength);
        claim.Property(c => c.PaidBy).HasMaxLength(64);
        claim.Property(c => c.RefusalReason).HasMaxLength(PreventionClaim.MaxTextLength);
        claim.Property(c => c.RefusedBy).HasMaxLength(64);
        claim.Property(c => c.Revision).IsConcurrencyToken();
        claim.HasOne<KnownHousehold>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        claim.HasIndex(c => c.HouseholdId);
        claim.HasIndex(c => c.Status);
        // A finding opens at most one claim, however often it is delivered.
        claim.HasIndex(c => c.SourceFindingId).IsUnique();
    }
}

internal sealed class OtherSupportPaymentConfiguration : IEntityTypeConfiguration<OtherSupportPayment>
{
    public void Configure(EntityTypeBuilder<OtherSupportPayment> payment)
    {
        payment.ToTable("OtherSupportPayments");
        payment.HasKey(p => p.Id);
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.Property(p => p.Kind).HasMaxLength(32);
        payment.Property(p => p.AmountYuan).HasPrecision(12, 2);
        payment.Property(p => p.Voucher).HasMaxLength(OtherSupportPayment.MaxVoucherLength);
        payment.Property(p => p.RecordedBy).HasMaxLength(64);
        payment.HasOne<KnownHousehold>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        payment.HasIndex(p => p.HouseholdId);
    }
}
