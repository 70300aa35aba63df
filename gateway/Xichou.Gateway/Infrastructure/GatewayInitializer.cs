using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xichou.Gateway.Identity;
using Xichou.Gateway.Security;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Gateway.Infrastructure;

/// <summary>
/// Before the gateway takes requests: applies the user store's migrations, creates the roles, the demo users
/// (<c>Demo:Enabled</c>) and, on an empty store, the first administrator from <c>Auth:InitialAdmin</c>, each user audited
/// as created by "system". Each step is idempotent, so a restart or a second replica changes nothing.
/// </summary>
internal sealed partial class GatewayInitializer(
    IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, GatewayKeys keys, ILogger<GatewayInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.IsEphemeral)
        {
            LogEphemeralKeys();
        }
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["DataProtection:CertificatePath"]))
        {
            LogUnprotectedKeys();
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role))
            {
                continue;
            }
            try
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
            catch (DbUpdateException)
            {
                // Another replica starting at the same moment may have created it; if not, this is a real failure.
                db.ChangeTracker.Clear();
                if (!await roles.RoleExistsAsync(role))
                {
                    throw;
                }
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<XichouUser>>();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        if (configuration.GetValue<bool>("Demo:Enabled"))
        {
            var created = 0;
            // One hash for the one published password they share (its salt is its own, not the user's).
            var passwordHash = users.PasswordHasher.HashPassword(new XichouUser(), DemoUsers.Password);
            foreach (var demo in DemoUsers.All)
            {
                var demoOutcome = demo.Password == DemoUsers.Password
                    ? await administration.CreateWithHashAsync(demo, passwordHash, Actor.System, cancellationToken)
                    : await administration.CreateAsync(demo, Actor.System, cancellationToken);
                if (demoOutcome is CreateUserOutcome.Created)
                {
                    created++;
                }
            }
            LogDemoUsers(created, DemoUsers.All.Count);
        }

        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }
        var admin = scope.ServiceProvider.GetRequiredService<IOptions<InitialAdminOptions>>().Value;
        if (string.IsNullOrWhiteSpace(admin.UserName) || string.IsNullOrEmpty(admin.Password))
        {
            LogNoUsers();
            return;
        }
        var outcome = await administration.CreateAsync(
            new NewUser(admin.UserName, admin.DisplayName, admin.Password, Roles.Admin), Actor.System, cancellationToken);
        switch (outcome)
        {
            case CreateUserOutcome.Created:
                LogInitialAdmin(admin.UserName);
                break;
            case CreateUserOutcome.Invalid invalid:
                // A misconfigured first admin is a deployment error: say so at start rather than run with nobody able to sign in.
                throw new InvalidOperationException(
                    $"{InitialAdminOptions.SectionName} is not a valid user: "
                    + string.Join("; ", invalid.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))));
            case CreateUserOutcome.Duplicate:
                // Another replica created it first.
                break;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded && !result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateRoleName)))
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(LogLevel.Warning,
        "Auth:SigningKey and Auth:PublicKey are not set: tokens are signed with a key generated for this run, which no service started separately accepts. Run through the app host, or set both keys.")]
    private partial void LogEphemeralKeys();

    [LoggerMessage(LogLevel.Warning,
        "DataProtection:CertificatePath is not set: the login cookie and antiforgery keys are stored unencrypted in the gateway's database. Set it (a PFX with its private key) and DataProtection:CertificatePassword.")]
    private partial void LogUnprotectedKeys();

    [LoggerMessage(LogLevel.Information, "Demo users: {Created} created, {Total} in all (password for demonstrations only)")]
    private partial void LogDemoUsers(int created, int total);

    [LoggerMessage(LogLevel.Warning,
        "No user exists and Auth:InitialAdmin:UserName / Auth:InitialAdmin:Password are not set: nobody can sign in. Set them and restart to create the first administrator.")]
    private partial void LogNoUsers();

    [LoggerMessage(LogLevel.Information, "Created the first administrator {UserName} from Auth:InitialAdmin")]
    private partial void LogInitialAdmin(string userName);
}
