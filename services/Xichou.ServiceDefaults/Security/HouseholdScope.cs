namespace Xichou.ServiceDefaults.Security;

/// <summary>Where a household sits, as every service's household entity stores it, so one filter scopes them all.</summary>
public interface IScopedHousehold
{
    string TownshipCode { get; }
    string? VillageCode { get; }

    /// <summary>The user name of the cadre paired with the household (挂钩干部), if any.</summary>
    string? PairedCadre { get; }
}

public static class HouseholdScopeExtensions
{
    /// <summary>Only the households inside <paramref name="jurisdiction"/>, as a WHERE clause.</summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> households, Jurisdiction jurisdiction) where T : class, IScopedHousehold
    {
        var code = jurisdiction.Code;
        return jurisdiction.Level switch
        {
            JurisdictionLevel.County => households,
            JurisdictionLevel.Township => households.Where(h => h.TownshipCode == code),
            JurisdictionLevel.Village => households.Where(h => h.VillageCode == code),
            JurisdictionLevel.Pairing => households.Where(h => h.PairedCadre == code),
            _ => households.Where(h => false),
        };
    }
}
