using Xichou.Contracts;
using Xichou.Water.Infrastructure;
using Xichou.ServiceDefaults.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.Web;

namespace Xichou.Water.Extensions;

public static class WaterExtensions
{
    public static IHostApplicationBuilder AddWater(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApi(ServiceNames.Water, "饮水安全 Water API");
        builder.AddDepartmentDatabase<WaterDbContext, SqliteWaterDbContext, SqlServerWaterDbContext>(ServiceNames.Water);
        builder.AddServiceMessaging<WaterDbContext>(
            ServiceNames.Water, bus => bus.AddHouseholdReplica<WaterDbContext>(ServiceNames.Water));
        builder.AddDepartmentUi(Departments.Water, typeof(WaterExtensions).Assembly);
        return builder;
    }
}
