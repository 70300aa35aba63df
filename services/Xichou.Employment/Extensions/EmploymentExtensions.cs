using Xichou.Contracts;
using Xichou.Employment.Infrastructure;
using Xichou.ServiceDefaults.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.Web;

namespace Xichou.Employment.Extensions;

public static class EmploymentExtensions
{
    public static IHostApplicationBuilder AddEmployment(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApi(ServiceNames.Employment, "稳岗就业 Employment API");
        builder.AddDepartmentDatabase<EmploymentDbContext, SqliteEmploymentDbContext, SqlServerEmploymentDbContext>(ServiceNames.Employment);
        builder.AddServiceMessaging<EmploymentDbContext>(
            ServiceNames.Employment, bus => bus.AddHouseholdReplica<EmploymentDbContext>(ServiceNames.Employment));
        builder.AddDepartmentUi(Departments.Employment, typeof(EmploymentExtensions).Assembly);
        return builder;
    }
}
