using Xichou.Contracts;
using Xichou.Agriculture.Infrastructure;
using Xichou.ServiceDefaults.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.Web;

namespace Xichou.Agriculture.Extensions;

public static class AgricultureExtensions
{
    public static IHostApplicationBuilder AddAgriculture(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApi(ServiceNames.Agriculture, "产业增收 Agriculture API");
        builder.AddDepartmentDatabase<AgricultureDbContext, SqliteAgricultureDbContext, SqlServerAgricultureDbContext>(ServiceNames.Agriculture);
        builder.AddServiceMessaging<AgricultureDbContext>(
            ServiceNames.Agriculture, bus => bus.AddHouseholdReplica<AgricultureDbContext>(ServiceNames.Agriculture));
        builder.AddDepartmentUi(Departments.Agriculture, typeof(AgricultureExtensions).Assembly);
        return builder;
    }
}
