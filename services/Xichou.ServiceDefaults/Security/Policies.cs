namespace Xichou.ServiceDefaults.Security;

/// <summary>The authorization policies every service defines from <see cref="ServiceAccess"/>; each endpoint names one.</summary>
public static class Policies
{
    /// <summary>Any user the gateway vouches for: static assets and the API documents, which hold no household data.</summary>
    public const string SignedIn = "signed-in";

    public const string ReadHouseholds = "households:read";
    public const string WriteHouseholds = "households:write";
    public const string RevealPersonalData = "personal-data:reveal";
    public const string ReadAudit = "audit:read";
}
