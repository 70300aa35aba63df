using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Infrastructure;

public class MonitoringDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Household> Households => Set<Household>();

    /// <summary>Households on the register within <paramref name="jurisdiction"/>, per township code.</summary>
    public Task<Dictionary<string, int>> CountByTownshipAsync(Jurisdiction jurisdiction, CancellationToken cancellationToken = default) =>
        Households.AsNoTracking().Within(jurisdiction)
            .GroupBy(h => h.TownshipCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Household>(household =>
        {
            household.HasKey(h => h.Id);
            household.Property(h => h.Id).ValueGeneratedNever();
            household.Property(h => h.Code).HasMaxLength(32);
            household.Property(h => h.TownshipCode).HasMaxLength(12);
            household.Property(h => h.VillageCode).HasMaxLength(12);
            household.Property(h => h.Village).HasMaxLength(64);
            household.Property(h => h.PairedCadre).HasMaxLength(64);
            household.Property(h => h.HeadName).HasMaxLength(64);
            household.Property(h => h.HeadIdNumber).HasMaxLength(18);
            household.HasIndex(h => h.Code).IsUnique();
            household.HasIndex(h => h.HeadIdNumber).IsUnique();
            household.HasIndex(h => new { h.TownshipCode, h.VillageCode });
            household.HasIndex(h => h.VillageCode);
            household.HasIndex(h => h.PairedCadre);
        });
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteMonitoringDbContext(DbContextOptions<SqliteMonitoringDbContext> options) : MonitoringDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerMonitoringDbContext(DbContextOptions<SqlServerMonitoringDbContext> options) : MonitoringDbContext(options);

internal sealed class SqliteMonitoringDesignTimeFactory : SqliteDesignTimeFactory<SqliteMonitoringDbContext>;

internal sealed class SqlServerMonitoringDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerMonitoringDbContext>;
