using Microsoft.AspNetCore.Identity;

namespace Xichou.Gateway.Identity;

/// <summary>
/// Checks a user name and password for the login page and <c>POST /auth/token</c> alike: five failures lock the
/// account for 15 minutes, and an unknown user name costs the same password hashing as a wrong password, so neither
/// the answer nor its timing says which part was wrong.
/// </summary>
public sealed class Credentials(UserManager<XichouUser> users, SignInManager<XichouUser> signIn)
{
    private static readonly Lazy<string> Placeholder = new(() =>
        new PasswordHasher<XichouUser>().HashPassword(new XichouUser(), Guid.NewGuid().ToString()));

    /// <summary>The user, when the password is right and the account is not locked out; otherwise null.</summary>
    public async Task<XichouUser?> CheckAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new XichouUser(), Placeholder.Value, password);
            return null;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? user : null;
    }
}
