namespace Xichou.Web;

public static class Chinese
{
    /// <summary>The Chinese half of a bilingual message (中文 / English), for a page that speaks to county staff.</summary>
    public static string Of(string message)
    {
        var separator = message.IndexOf(" / ", StringComparison.Ordinal);
        return separator > 0 ? message[..separator] : message;
    }
}
