namespace Xichou.Gateway.Security;

/// <summary>Where the login page may send the browser afterwards: only a path on this site, never another site.</summary>
public static class LocalUrls
{
    /// <summary>As ASP.NET Core's IsLocalUrl: "/path" yes; "//host", "/\host", "https://host" and control characters no.</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }
        return !url.Any(char.IsControl);
    }

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
