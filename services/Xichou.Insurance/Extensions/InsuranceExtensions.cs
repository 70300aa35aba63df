using Xichou.Contracts;
using Xichou.Insurance.Infrastructure;
using Xichou.ServiceDefaults.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.Web;

namespace Xichou.Insurance.Extensions;

public static class InsuranceExtensions
{
    public static IHostApplicationBuilder AddInsurance(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApi(ServiceNames.Insurance, "社会保障 Insurance API");
        builder.AddDepartmentDatabase<InsuranceDbContext, SqliteInsuranceDbContext, SqlServerInsuranceDbContext>(ServiceNames.Insurance);
        builder.AddServiceMessaging<InsuranceDbContext>(
            ServiceNames.Insurance, bus => bus.AddHouseholdReplica<InsuranceDbContext>(ServiceNames.Insurance));
        builder.AddDepartmentUi(Departments.Insurance, typeof(InsuranceExtensions).Assembly);
        return builder;
    }
}
