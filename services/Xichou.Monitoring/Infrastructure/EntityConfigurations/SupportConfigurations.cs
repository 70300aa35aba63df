using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.Monitoring.Model;

namespace Xichou.Monitoring.Infrastructure.EntityConfigurations;

/// <summary>A cadre on the pairing list (双绑, 措施二); the pairing itself is the household's PairedCadre.</summary>
public sealed class CadreConfiguration : IEntityTypeConfiguration<Cadre>
{
    public void Configure(EntityTypeBuilder<Cadre> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.UserName).HasMaxLength(64);
        builder.HasIndex(c => c.UserName).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(64);
        builder.Property(c => c.WorkUnit).HasMaxLength(100);
        builder.Property(c => c.Rank).HasConversion<string>().HasMaxLength(16);
    }
}

/// <summary>A household's microcredit need and its way through (扶贫小额信贷, 措施七).</summary>
public sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Purpose).HasMaxLength(200);
        builder.Property(l => l.Amount).HasPrecision(12, 2);
        builder.Property(l => l.Lender).HasConversion<string>().HasMaxLength(24);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.DeclineReason).HasMaxLength(200);
        builder.HasIndex(l => new { l.HouseholdId, l.Status });
    }
}

/// <summary>A hotline complaint (举报电话) about a household on the register; the risk it opened is on the register.</summary>
public sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Content).HasMaxLength(1000);
        builder.Property(c => c.CallerPhone).HasMaxLength(20);
        builder.Property(c => c.RecordedBy).HasMaxLength(64);
        builder.HasIndex(c => c.HouseholdId);
    }
}
