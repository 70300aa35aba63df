namespace Xichou.Gateway.Identity;

/// <summary>
/// The first administrator (<c>Auth:InitialAdmin</c>), created only while no user exists at all: without demo data
/// this is how a new installation gets its first login. Change the password after the first sign-in.
/// </summary>
public sealed class InitialAdminOptions
{
    public const string SectionName = "Auth:InitialAdmin";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string DisplayName { get; set; } = "系统管理员";
}
