using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Gateway.Infrastructure;
using Xichou.Gateway.Security;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Gateway.Identity;

/// <summary>A new user as the administrator enters it (JSON field names of <c>POST /auth/users</c>).</summary>
public sealed record NewUser(
    string? UserName, string? DisplayName, string? Password, string? Role, string? TownshipCode = null, string? VillageCode = null);

/// <summary>A user as the administrator sees it: who, which role and place, and whether locked out.</summary>
public sealed record UserSummary(
    string UserName, string DisplayName, IReadOnlyList<string> Roles,
    string? TownshipCode, string? TownshipName, string? VillageCode, string? VillageName, DateTimeOffset? LockedOutUntil,
    bool Disabled = false);

/// <summary>What the audit log records of a new user: never the password.</summary>
public sealed record NewUserAudit(string UserName, string DisplayName, IReadOnlyList<string> Roles, string? TownshipCode, string? VillageCode);

public abstract record CreateUserOutcome
{
    public sealed record Created(XichouUser User) : CreateUserOutcome;

    /// <summary>Field errors keyed by the JSON field name, in Chinese and English.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : CreateUserOutcome;

    public sealed record Duplicate(string UserName) : CreateUserOutcome;
}

/// <summary>
/// Creating and listing users: one role each, and the township or village a scoped role is bound to. Every user created
/// is a line in the gateway's audit log, naming who created it (<see cref="Actor.System"/> for the seeding at start-up).
/// </summary>
public sealed partial class UserAdministration(GatewayDbContext db, UserManager<XichouUser> users, TimeProvider time, SecurityStamps stamps)
{
    public Task<CreateUserOutcome> CreateAsync(NewUser request, Actor actor, CancellationToken cancellationToken = default) =>
        CreateAsync(request, passwordHash: null, actor, cancellationToken);

    /// <summary>
    /// As <see cref="CreateAsync(NewUser, Actor, CancellationToken)"/>, the request's password checked against the same
    /// rules, but stored as <paramref name="passwordHash"/>, its hash made once by the caller: the demo users share one
    /// published password, and hashing it 21 times (100,000 PBKDF2 rounds each) took the gateway's first start 12 s on
    /// the two-core machine while the departments were seeding.
    /// </summary>
    public Task<CreateUserOutcome> CreateWithHashAsync(NewUser request, string passwordHash, Actor actor, CancellationToken cancellationToken = default) =>
        CreateAsync(request, passwordHash, actor, cancellationToken);

    private async Task<CreateUserOutcome> CreateAsync(NewUser request, string? passwordHash, Actor actor, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.IsEmpty)
        {
            // Every rule broken at once, not the first one only: the password rules before the user exists.
            var candidate = new XichouUser { UserName = request.UserName!.Trim() };
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, candidate, request.Password);
                AddErrors(errors, result);
            }
        }
        if (!errors.IsEmpty)
        {
            return new CreateUserOutcome.Invalid(errors.ToDictionary());
        }

        var userName = request.UserName!.Trim();
        var normalizedName = users.NormalizeName(userName);
        if (await users.FindByNameAsync(userName) is not null)
        {
            return new CreateUserOutcome.Duplicate(userName);
        }
        // The user, its role and its audit line in one transaction, so no user is ever left without a role or unaudited:
        // Identity's EF stores save through this same scoped context, so they join the transaction opened on it.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancellation =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            var user = new XichouUser
            {
                UserName = userName,
                DisplayName = request.DisplayName!.Trim(),
                TownshipCode = ZoneTownships.Store(request.TownshipCode),
                VillageCode = Blank(request.VillageCode) ? null : request.VillageCode!.Trim(),
            };
            IdentityResult created;
            try
            {
                if (passwordHash is null)
                {
                    created = await users.CreateAsync(user, request.Password!);
                }
                else
                {
                    user.PasswordHash = passwordHash;
                    created = await users.CreateAsync(user);
                }
            }
            catch (DbUpdateException)
            {
                // Created at the same moment by another request or replica: the unique index decided.
                if (await db.Users.AsNoTracking().AnyAsync(u => u.NormalizedUserName == normalizedName, cancellation))
                {
                    return new CreateUserOutcome.Duplicate(userName);
                }
                throw;
            }
            if (!created.Succeeded)
            {
                if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
                {
                    return new CreateUserOutcome.Duplicate(userName);
                }
                var identityErrors = new ValidationErrors();
                AddErrors(identityErrors, created);
                return (CreateUserOutcome)new CreateUserOutcome.Invalid(identityErrors.ToDictionary());
            }
            var role = await users.AddToRoleAsync(user, request.Role!);
            if (!role.Succeeded)
            {
                throw new InvalidOperationException($"Could not give {userName} the role {request.Role}: {string.Join("; ", role.Errors.Select(e => e.Description))}");
            }
            db.AuditLog.Add(AuditEntry.Record(actor, AuditActions.Create, time.GetUtcNow(),
                details: new NewUserAudit(userName, user.DisplayName, [request.Role!], user.TownshipCode, user.VillageCode)));
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            return new CreateUserOutcome.Created(user);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Users.AsNoTracking()
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.UserName,
                u.DisplayName,
                u.TownshipCode,
                u.VillageCode,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(link => link.UserId == u.Id)
                    .Join(db.Roles, link => link.RoleId, role => role.Id, (_, role) => role.Name!)
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return
        [
            .. rows.Select(u => new UserSummary(
                u.UserName!, u.DisplayName, [.. u.Roles.Order(StringComparer.Ordinal)],
                u.TownshipCode, ZoneTownships.Names(u.TownshipCode),
                u.VillageCode, u.VillageCode is null ? null : Villages.NameOf(u.VillageCode),
                u.LockoutEnd > now && u.LockoutEnd != Disabled ? u.LockoutEnd : null,
                u.LockoutEnd == Disabled)),
        ];
    }

    private static ValidationErrors Validate(NewUser request)
    {
        var errors = new ValidationErrors();
        if (Blank(request.UserName))
        {
            errors.Add("userName", "用户名不能为空", "User name is required.");
        }
        if (Blank(request.DisplayName))
        {
            errors.Add("displayName", "姓名不能为空", "Display name is required.");
        }
        else if (request.DisplayName!.Trim().Length > 64)
        {
            errors.Add("displayName", "姓名不能超过 64 个字符", "Display name must be at most 64 characters.");
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("password", "密码不能为空", "Password is required.");
        }
        if (Blank(request.Role))
        {
            errors.Add("role", "角色不能为空", "Role is required.");
            return errors;
        }
        if (!Roles.All.Contains(request.Role))
        {
            errors.Add("role", $"未知角色：{request.Role}", $"Unknown role '{request.Role}'; one of: {string.Join(", ", Roles.All)}.");
            return errors;
        }

        var township = request.TownshipCode?.Trim();
        var village = request.VillageCode?.Trim();
        switch (request.Role)
        {
            case Roles.ZoneCommander:
                // A battle zone is one or more townships, comma-separated.
                if (ZoneTownships.Split(township) is not { Count: > 0 } zone)
                {
                    errors.Add("townshipCode", "战区指挥长须指定战区的乡镇（多个用逗号分隔）",
                        "A zone commander needs the zone's township codes (comma-separated).");
                }
                else if (zone.FirstOrDefault(code => !Townships.IsKnown(code)) is { } unknown)
                {
                    errors.Add("townshipCode", $"未知乡镇代码：{unknown}", $"Unknown township code '{unknown}'.");
                }
                if (!Blank(village))
                {
                    errors.Add("villageCode", "战区指挥长不绑定村", "A zone commander is bound to townships, not a village.");
                }
                break;
            case Roles.TownshipStaff:
                if (Blank(township))
                {
                    errors.Add("townshipCode", "乡镇干部须指定乡镇", "A township-staff user needs a township code.");
                }
                else if (!Townships.IsKnown(township))
                {
                    errors.Add("townshipCode", $"未知乡镇代码：{township}", $"Unknown township code '{township}'.");
                }
                if (!Blank(village))
                {
                    errors.Add("villageCode", "乡镇干部不绑定村", "A township-staff user is bound to a township, not a village.");
                }
                break;
            case Roles.VillageMonitor:
                if (Blank(village))
                {
                    errors.Add("villageCode", "村级监测员须指定村", "A village monitor needs a village code.");
                }
                else if (!Villages.IsKnown(village))
                {
                    errors.Add("villageCode", $"未知村代码：{village}", $"Unknown village code '{village}'.");
                }
                if (!Blank(township))
                {
                    errors.Add("townshipCode", "村级监测员只绑定村（乡镇由村代码确定）", "A village monitor is bound to a village; its township follows from the village code.");
                }
                break;
            default:
                if (!Blank(township))
                {
                    errors.Add("townshipCode", $"角色 {Roles.DisplayName(request.Role!)} 不绑定乡镇", $"The role '{request.Role}' is not bound to a township.");
                }
                if (!Blank(village))
                {
                    errors.Add("villageCode", $"角色 {Roles.DisplayName(request.Role!)} 不绑定村", $"The role '{request.Role}' is not bound to a village.");
                }
                break;
        }
        return errors;
    }

    private static void AddErrors(ValidationErrors errors, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : error.Code.Contains("UserName", StringComparison.Ordinal) ? "userName"
                : "request";
            // BilingualIdentityErrors writes "中文 / English"; a message it does not translate gets a Chinese heading.
            var parts = error.Description.Split(" / ", 2);
            if (parts.Length == 2)
            {
                errors.Add(field, parts[0], parts[1]);
            }
            else
            {
                errors.Add(field, "无法创建用户", error.Description);
            }
        }
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
