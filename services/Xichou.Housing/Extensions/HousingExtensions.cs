using Xichou.Contracts;
using Xichou.Housing.Infrastructure;
using Xichou.ServiceDefaults.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.Web;

namespace Xichou.Housing.Extensions;

public static class HousingExtensions
{
    public static IHostApplicationBuilder AddHousing(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApi(ServiceNames.Housing, "住房安全 Housing API");
        builder.AddDepartmentDatabase<HousingDbContext, SqliteHousingDbContext, SqlServerHousingDbContext>(ServiceNames.Housing);
        builder.AddServiceMessaging<HousingDbContext>(
            ServiceNames.Housing, bus => bus.AddHouseholdReplica<HousingDbContext>(ServiceNames.Housing));
        builder.AddDepartmentUi(Departments.Housing, typeof(HousingExtensions).Assembly);
        return builder;
    }
}
