using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Gateway.Identity;

/// <summary>A new role and place for a user (body of <c>PUT /auth/users/{userName}/role</c>).</summary>
public sealed record RoleChange(string? Role, string? TownshipCode = null, string? VillageCode = null);

/// <summary>A new password set by an administrator (body of <c>POST /auth/users/{userName}/password</c>).</summary>
public sealed record PasswordReset(string? Password);

/// <summary>What the audit log records of a change to an account: what changed, from what to what; never a password.</summary>
public sealed record AccountChangeAudit(string UserName, string Change, object? Before = null, object? After = null);

/// <summary>The account changes an administrator can make, each an audit line.</summary>
public static class AccountChangeKinds
{
    public const string Disable = "disable";
    public const string Enable = "enable";
    public const string Unlock = "unlock";
    public const string Password = "password";
    public const string Role = "role";
}

public abstract record AccountOutcome
{
    public sealed record Done(UserSummary User) : AccountOutcome;

    public sealed record NotFound(string UserName) : AccountOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : AccountOutcome;

    /// <summary>The change does not apply to the account as it is (e.g. unlocking a disabled account, disabling oneself).</summary>
    public sealed record Conflict(string Title) : AccountOutcome;
}

public sealed partial class UserAdministration
{
    /// <summary>
    /// A disabled account is locked out until the end of time (Identity's own convention), so every sign-in check
    /// already refuses it; its security stamp changes, so its cookies and API tokens stop working at the next request.
    /// </summary>
    public static readonly DateTimeOffset Disabled = DateTimeOffset.MaxValue;

    public Task<AccountOutcome> DisableAsync(string userName, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, actor, AccountChangeKinds.Disable, async user =>
        {
            if (string.Equals(user.UserName, actor.UserName, StringComparison.OrdinalIgnoreCase))
            {
                return new AccountOutcome.Conflict(Bilingual.Message("不能停用自己的账户", "You cannot disable your own account."));
            }
            await Check(users.SetLockoutEnabledAsync(user, true));
            await Check(users.SetLockoutEndDateAsync(user, Disabled));
            await Check(users.UpdateSecurityStampAsync(user));
            return null;
        }, cancellationToken);

    public Task<AccountOutcome> EnableAsync(string userName, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, actor, AccountChangeKinds.Enable, async user =>
        {
            await Check(users.SetLockoutEndDateAsync(user, null));
            await Check(users.ResetAccessFailedCountAsync(user));
            return null;
        }, cancellationToken);

    /// <summary>Ends a lockout after wrong passwords before its 15 minutes are up; a disabled account stays disabled.</summary>
    public Task<AccountOutcome> UnlockAsync(string userName, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, actor, AccountChangeKinds.Unlock, async user =>
        {
            if (user.LockoutEnd == Disabled)
            {
                return new AccountOutcome.Conflict(Bilingual.Message("账户已停用，请先启用", "The account is disabled; enable it instead."));
            }
            await Check(users.SetLockoutEndDateAsync(user, null));
            await Check(users.ResetAccessFailedCountAsync(user));
            return null;
        }, cancellationToken);

    /// <summary>Sets a new password (the same rules as a new user's); the old one, and every session and token, stop working.</summary>
    public async Task<AccountOutcome> ResetPasswordAsync(string userName, PasswordReset reset, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(reset.Password))
        {
            errors.Add("password", "密码不能为空", "Password is required.");
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                AddErrors(errors, await validator.ValidateAsync(users, new XichouUser { UserName = userName }, reset.Password));
            }
        }
        if (!errors.IsEmpty)
        {
            return new AccountOutcome.Invalid(errors.ToDictionary());
        }
        return await ChangeAsync(userName, actor, AccountChangeKinds.Password, async user =>
        {
            await Check(users.RemovePasswordAsync(user));
            await Check(users.AddPasswordAsync(user, reset.Password!));
            await Check(users.ResetAccessFailedCountAsync(user));
            return null;
        }, cancellationToken);
    }

    /// <summary>One role and the township or village it needs, checked as for a new user.</summary>
    public async Task<AccountOutcome> ChangeRoleAsync(string userName, RoleChange change, Actor actor, CancellationToken cancellationToken = default)
    {
        // The role and place rules of a new user; the other fields are placeholders that pass.
        var errors = Validate(new NewUser(userName, "-", "-", change.Role?.Trim(), change.TownshipCode, change.VillageCode));
        if (!errors.IsEmpty)
        {
            return new AccountOutcome.Invalid(errors.ToDictionary());
        }
        var role = change.Role!.Trim();
        object? before = null;
        var outcome = await ChangeAsync(userName, actor, AccountChangeKinds.Role, async user =>
        {
            var current = await users.GetRolesAsync(user);
            before = new { roles = current, townshipCode = user.TownshipCode, villageCode = user.VillageCode };
            if (string.Equals(user.UserName, actor.UserName, StringComparison.OrdinalIgnoreCase) && role != Xichou.ServiceDefaults.Security.Roles.Admin)
            {
                return new AccountOutcome.Conflict(Bilingual.Message("不能取消自己的管理员角色", "You cannot take the admin role from yourself."));
            }
            if (current.Count > 0)
            {
                await Check(users.RemoveFromRolesAsync(user, current));
            }
            await Check(users.AddToRoleAsync(user, role));
            user.TownshipCode = ZoneTownships.Store(change.TownshipCode);
            user.VillageCode = Blank(change.VillageCode) ? null : change.VillageCode!.Trim();
            await Check(users.UpdateAsync(user));
            // The place is in every token: a new place, like a new role, must end the old sessions.
            await Check(users.UpdateSecurityStampAsync(user));
            return null;
        }, cancellationToken, auditBefore: () => before, auditAfter: user => new { roles = new[] { role }, townshipCode = user.TownshipCode, villageCode = user.VillageCode });
        return outcome;
    }

    /// <summary>
    /// One change to one account and its audit line in one transaction (Identity's stores save through this scoped
    /// context, so they join it); the account's cached security stamp is dropped, so its tokens are checked afresh.
    /// </summary>
    private async Task<AccountOutcome> ChangeAsync(
        string userName, Actor actor, string change, Func<XichouUser, Task<AccountOutcome?>> apply, CancellationToken cancellationToken,
        Func<object?>? auditBefore = null, Func<XichouUser, object?>? auditAfter = null)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async cancellation =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            var user = await users.FindByNameAsync(userName.Trim());
            if (user is null)
            {
                return (AccountOutcome)new AccountOutcome.NotFound(userName);
            }
            if (await apply(user) is { } refused)
            {
                return refused;
            }
            db.AuditLog.Add(AuditEntry.Record(actor, AuditActions.Update, time.GetUtcNow(),
                details: new AccountChangeAudit(user.UserName!, change, auditBefore?.Invoke(), auditAfter?.Invoke(user))));
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            stamps.Forget(user.Id);
            return new AccountOutcome.Done((await ListAsync(cancellation)).Single(u => u.UserName == user.UserName));
        }, cancellationToken);
        return outcome;
    }

    private static async Task Check(Task<IdentityResult> change)
    {
        var result = await change;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Account change failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
