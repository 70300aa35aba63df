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

    /// <summary>See and replay the messages this service's consumers gave up on (its error queues).</summary>
    public const string OperateMessaging = "messaging:operate";

    /// <summary>Referrals this service sent or received: its readers.</summary>
    public const string ReadReferrals = "referrals:read";

    /// <summary>Refer a household to a department, and withdraw it: the service's writers.</summary>
    public const string SendReferrals = "referrals:send";

    /// <summary>Accept, deliver or reject a referral received: the department's staff and head.</summary>
    public const string ActOnReferrals = "referrals:act";

    /// <summary>A household's basics, for its own readers and for departments holding a referral about it.</summary>
    public const string ReadReferredHouseholds = "households:read-referred";
}
