namespace Xichou.ServiceDefaults.Http;

/// <summary>
/// The largest request body a service takes (<c>Limits:MaxRequestBodyBytes</c>): 4 MiB unless its settings say more, as
/// monitoring's do for spreadsheet imports. The gateway holds each service's limit too, so that it refuses an oversized
/// body itself rather than forwarding it to a service that closes the connection mid-upload.
/// </summary>
public static class RequestBodyLimits
{
    public const string SettingKey = "Limits:MaxRequestBodyBytes";

    public const long DefaultBytes = 4 * 1024 * 1024;

    /// <summary>A limit as people read it: "4 MiB", "32 MiB", "1.5 MiB".</summary>
    public static string Describe(long bytes) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.##} MiB");
}
