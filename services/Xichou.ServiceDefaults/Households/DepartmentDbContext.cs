using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Data;

namespace Xichou.ServiceDefaults.Households;

/// <summary>The base of a department service's DbContext: the outbox, the inbox and its copy of the register.</summary>
public abstract class DepartmentDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<KnownHousehold> Households => Set<KnownHousehold>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<KnownHousehold>(household =>
        {
            household.ToTable("Households");
            household.HasKey(h => h.Id);
            household.Property(h => h.Id).ValueGeneratedNever();
            household.Property(h => h.HouseholdCode).HasMaxLength(32);
            household.Property(h => h.TownshipCode).HasMaxLength(12);
            household.Property(h => h.VillageCode).HasMaxLength(12);
            household.Property(h => h.Village).HasMaxLength(64);
            household.Property(h => h.PairedCadre).HasMaxLength(64);
            household.Property(h => h.SurveyStatus).HasConversion<string>().HasMaxLength(16);
            household.Property(h => h.SurveyNote).HasMaxLength(500);
            household.Property(h => h.SurveyedBy).HasMaxLength(64);
            household.Property(h => h.HeadName).HasMaxLength(64);
            household.Property(h => h.HeadIdNumber).HasMaxLength(18);
            // Departments look households up by id and list them by place; the code's uniqueness is the register's to keep.
            household.HasIndex(h => new { h.TownshipCode, h.VillageCode });
        });
    }
}
