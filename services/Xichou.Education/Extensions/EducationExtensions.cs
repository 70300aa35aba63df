using Xichou.Contracts;
using Xichou.Education.Infrastructure;
using Xichou.ServiceDefaults.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.Web;

namespace Xichou.Education.Extensions;

public static class EducationExtensions
{
    public static IHostApplicationBuilder AddEducation(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApi(ServiceNames.Education, "教育帮扶 Education API");
        builder.AddDepartmentDatabase<EducationDbContext, SqliteEducationDbContext, SqlServerEducationDbContext>(ServiceNames.Education);
        builder.AddServiceMessaging<EducationDbContext>(
            ServiceNames.Education, bus => bus.AddHouseholdReplica<EducationDbContext>(ServiceNames.Education));
        builder.AddDepartmentUi(Departments.Education, typeof(EducationExtensions).Assembly);
        return builder;
    }
}
