using Microsoft.AspNetCore.Identity;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Gateway.Identity;

/// <summary>Identity's messages for the errors an administrator can cause, in Chinese and English like every other.</summary>
public sealed class BilingualIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), $"密码至少 {length} 个字符", $"Passwords must be at least {length} characters.");

    public override IdentityError PasswordRequiresDigit() =>
        Error(nameof(PasswordRequiresDigit), "密码须包含数字", "Passwords must have at least one digit ('0'-'9').");

    public override IdentityError PasswordRequiresLower() =>
        Error(nameof(PasswordRequiresLower), "密码须包含小写字母", "Passwords must have at least one lowercase ('a'-'z').");

    public override IdentityError PasswordRequiresUpper() =>
        Error(nameof(PasswordRequiresUpper), "密码须包含大写字母", "Passwords must have at least one uppercase ('A'-'Z').");

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "密码须包含符号", "Passwords must have at least one non alphanumeric character.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"密码至少包含 {uniqueChars} 个不同字符", $"Passwords must use at least {uniqueChars} different characters.");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), "用户名只能包含字母、数字和 - . _ @ +", $"User name '{userName}' is invalid, can only contain letters, digits and - . _ @ +.");

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), $"用户名 {userName} 已存在", $"User name '{userName}' is already taken.");

    private static IdentityError Error(string code, string chinese, string english) =>
        new() { Code = code, Description = Bilingual.Message(chinese, english) };
}
