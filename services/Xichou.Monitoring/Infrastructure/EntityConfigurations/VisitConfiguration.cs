using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xichou.Monitoring.Model;

namespace Xichou.Monitoring.Infrastructure.EntityConfigurations;

/// <summary>A visit and its rigid expenses (owned, in VisitExpenses).</summary>
public sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Visitors).HasMaxLength(200);
        builder.Property(v => v.PerCapitaIncome).HasPrecision(12, 2);
        builder.Property(v => v.PreviousPerCapitaIncome).HasPrecision(12, 2);
        builder.Property(v => v.IncomeDropCause).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.PolicyVersion).HasMaxLength(64);
        builder.Property(v => v.Notes).HasMaxLength(1000);
        builder.Property(v => v.RecordedBy).HasMaxLength(64);
        builder.Ignore(v => v.Unmet);
        builder.HasIndex(v => new { v.HouseholdId, v.VisitedOn });
        builder.HasIndex(v => v.VisitedOn);
        builder.OwnsMany(v => v.Expenses, expense =>
        {
            expense.ToTable("VisitExpenses");
            expense.WithOwner().HasForeignKey("VisitId");
            expense.Property<int>("Id");
            expense.HasKey("Id");
            expense.Property(e => e.Cause).HasConversion<string>().HasMaxLength(16);
            expense.Property(e => e.Amount).HasPrecision(12, 2);
            expense.Property(e => e.Note).HasMaxLength(200);
        });
    }
}
