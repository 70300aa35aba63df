using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xichou.Gateway.Identity;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Gateway.Infrastructure;

/// <summary>The gateway's own database: ASP.NET Core Identity's users, roles and their links, and who changed them.</summary>
public class GatewayDbContext(DbContextOptions options) : IdentityDbContext<XichouUser>(options), IDataProtectionKeyContext
{
    /// <summary>The gateway's data-protection keys (login cookie, antiforgery), shared by its replicas.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The gateway's audit log (审计日志): every user-administration write, in the services' table shape.</summary>
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<XichouUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(64);
            user.Property(u => u.TownshipCode).HasMaxLength(ZoneTownships.MaxStoredLength);
            user.Property(u => u.VillageCode).HasMaxLength(12);
        });
        builder.ApplyConfiguration(new AuditEntryConfiguration());
    }
}

/// <summary>The SQLite provider's context, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options);

/// <summary>The SQL Server provider's context, with its own migration set in Migrations/SqlServer.</summary>
public sealed class SqlServerGatewayDbContext(DbContextOptions<SqlServerGatewayDbContext> options) : GatewayDbContext(options);

internal sealed class SqliteGatewayDesignTimeFactory : SqliteDesignTimeFactory<SqliteGatewayDbContext>;

internal sealed class SqlServerGatewayDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerGatewayDbContext>;
