using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Xichou.ServiceDefaults.Auditing;

/// <summary>
/// The <c>AuditLog</c> table, one shape for every database that keeps one: each service's (through
/// <see cref="Data.ServiceDbContext"/>) and the gateway's, so one search serves them all.
/// </summary>
public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.UserName).HasMaxLength(64);
        builder.Property(e => e.Roles).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(16);
        builder.Property(e => e.Field).HasMaxLength(32);
        builder.Property(e => e.Reason).HasMaxLength(256);
        builder.Property(e => e.TraceId).HasMaxLength(32);
        builder.HasIndex(e => e.HouseholdId);
        builder.HasIndex(e => new { e.UserName, e.At });
        builder.HasIndex(e => e.At);
    }
}
