using Microsoft.AspNetCore.Identity;

namespace Xichou.Gateway.Identity;

/// <summary>A person who signs in at the gateway. Roles are Identity roles named as in <c>Roles</c>.</summary>
public class XichouUser : IdentityUser
{
    /// <summary>The name shown on pages (a person's name or an office), e.g. 王芳 or 兴街镇乡镇干部.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The township (532623xxx) a township-staff user is bound to.</summary>
    public string? TownshipCode { get; set; }

    /// <summary>The village (532623xxxyyy) a village monitor is bound to.</summary>
    public string? VillageCode { get; set; }
}
