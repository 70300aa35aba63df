using Microsoft.AspNetCore.Identity;
using Xichou.Gateway.Security;

namespace Xichou.Gateway.Identity;

/// <summary>What a sign-in attempt comes to.</summary>
public enum SignInCheck
{
    Succeeded,

    /// <summary>Wrong name, wrong password, locked or disabled: one answer for all, so none can be told apart.</summary>
    Failed,

    /// <summary>Too many attempts for this account name this minute.</summary>
    Throttled,
}

/// <summary>
/// Checks a user name and password for the login page and <c>POST /auth/token</c> alike: five failures lock the
/// account for 15 minutes; an unknown user name, a locked account and a disabled one each cost one password hash, as a
/// wrong password does, so neither the answer nor its timing says which part was wrong or which names exist.
/// </summary>
public sealed class Credentials(UserManager<XichouUser> users, SignInManager<XichouUser> signIn, AccountThrottle throttle)
{
    private static readonly Lazy<string> Placeholder = new(() =>
        new PasswordHasher<XichouUser>().HashPassword(new XichouUser(), Guid.NewGuid().ToString()));

    /// <summary>The user, when the password is right and the account is neither locked nor disabled; otherwise null.</summary>
    public async Task<XichouUser?> CheckAsync(string userName, string password) =>
        (await AttemptAsync(userName, password)).User;

    public async Task<(SignInCheck Outcome, XichouUser? User)> AttemptAsync(string userName, string password)
    {
        if (!throttle.MayAttempt(userName))
        {
            return (SignInCheck.Throttled, null);
        }
        var (outcome, user) = await CheckPasswordAsync(userName, password);
        if (outcome == SignInCheck.Failed)
        {
            throttle.RecordFailure(userName);
        }
        return (outcome, user);
    }

    private async Task<(SignInCheck Outcome, XichouUser? User)> CheckPasswordAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new XichouUser(), Placeholder.Value, password);
            return (SignInCheck.Failed, null);
        }
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            // Identity answers a locked account without hashing (and so faster than a wrong password): hash anyway,
            // and keep the failure count where it is, so attempts on a locked account do not extend the lockout.
            users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? Placeholder.Value, password);
            return (SignInCheck.Failed, null);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? (SignInCheck.Succeeded, user) : (SignInCheck.Failed, null);
    }
}
