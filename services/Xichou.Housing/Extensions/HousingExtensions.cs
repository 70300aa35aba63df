using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Policy;
using Xichou.Housing.Infrastructure;
using Xichou.Housing.Policy;

namespace Xichou.Housing.Extensions;

public static class HousingExtensions
{
    public static IHostApplicationBuilder AddHousing(this IHostApplicationBuilder builder)
    {
        builder.AddDepartment<HousingDbContext, SqliteHousingDbContext, SqlServerHousingDbContext>(
            Departments.Housing, typeof(HousingExtensions).Assembly, department => department.PlainSurvey = false);
        builder.AddDepartmentPolicy(Departments.Housing, HousingPolicy.Xichou2021);
        return builder;
    }
}
