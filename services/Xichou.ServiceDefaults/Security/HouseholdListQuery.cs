using Xichou.Contracts;
using Xichou.ServiceDefaults.Http;

namespace Xichou.ServiceDefaults.Security;

/// <summary>Paging and place filters shared by every household list.</summary>
public sealed record HouseholdListQuery(string? Township, string? Village, int? Page, int? PageSize)
{
    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? 50;

    public ValidationErrors Validate(int maxPageSize)
    {
        var errors = new ValidationErrors();
        if (Page is < 1)
        {
            errors.Add("page", "页码从1开始", "Pages start at 1.");
        }
        if (PageSize is < 1 || PageSize > maxPageSize)
        {
            errors.Add("pageSize", $"每页条数应在1到{maxPageSize}之间", $"The page size is between 1 and {maxPageSize}.");
        }
        if (Township is not null && !Townships.IsKnown(Township))
        {
            errors.Add("township", "不是西畴县9个乡镇之一", "Not one of Xichou County's 9 township codes.");
        }
        if (Village is not null && !Villages.IsKnown(Village))
        {
            errors.Add("village", "不是西畴县的村委会代码", "Not a village committee code of Xichou County.");
        }
        return errors;
    }

    /// <summary>The place filters, on top of (never instead of) the caller's jurisdiction.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> households) where T : class, IScopedHousehold
    {
        if (Township is { } township)
        {
            households = households.Where(h => h.TownshipCode == township);
        }
        if (Village is { } village)
        {
            households = households.Where(h => h.VillageCode == village);
        }
        return households;
    }
}

/// <summary>How many households a caller can see, in all and by township code.</summary>
public sealed record HouseholdCounts(int Total, IReadOnlyDictionary<string, int> ByTownship);
