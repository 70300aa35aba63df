using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Gateway.Infrastructure;

public static class GatewayDatabaseExtensions
{
    /// <summary>
    /// The user store, as the services do it: SQLite file <c>gateway.db</c> under <c>Database:DataDirectory</c> by
    /// default, SQL Server (<c>ConnectionStrings:gateway-db</c>) with <c>Database:Provider=SqlServer</c>, each provider
    /// with its own migration set; migrated and seeded at start-up by <see cref="GatewayInitializer"/>.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayDatabase(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = DatabaseExtensions.ConnectionStringFor(
            builder.Configuration, options, ServiceNames.Gateway, builder.Environment.ContentRootPath);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            builder.Services.AddDbContext<GatewayDbContext, SqliteGatewayDbContext>(db => db
                .UseSqlite(connectionString)
                .AddInterceptors(new SqliteConnectionSetup()));
        }
        else
        {
            builder.Services.AddDbContext<GatewayDbContext, SqlServerGatewayDbContext>(db => db
                .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
        }
        // Registered first, so the schema exists before data protection's own hosted service loads the key ring.
        builder.Services.AddHostedService<GatewayInitializer>();
        // Cookie and antiforgery keys live beside the users, so sign-ins survive a restart and every replica reads them.
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(ServiceNames.Gateway)
            .PersistKeysToDbContext<GatewayDbContext>();
        // Keys encrypted at rest with a certificate's public key (DataProtection:CertificatePath, a PFX with its private
        // key, and DataProtection:CertificatePassword): a copy of the database alone cannot forge a login cookie.
        var certificatePath = builder.Configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, builder.Configuration["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"DataProtection:CertificatePath ({certificatePath}) has no private key: the gateway could not read its own keys back.");
            }
            dataProtection.ProtectKeysWithCertificate(certificate);
            // Keys written under an earlier certificate stay readable while it is listed here as well.
            var previous = builder.Configuration.GetSection("DataProtection:PreviousCertificatePaths").Get<string[]>() ?? [];
            dataProtection.UnprotectKeysWithAnyCertificate([
                certificate,
                .. previous.Select(path => X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet)),
            ]);
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<GatewayDbContext>($"{ServiceNames.Gateway}-db");
        return builder;
    }
}
