using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Policy;
using Xichou.Water.Infrastructure;
using Xichou.Water.Policy;

namespace Xichou.Water.Extensions;

public static class WaterExtensions
{
    public static IHostApplicationBuilder AddWater(this IHostApplicationBuilder builder)
    {
        builder.AddDepartment<WaterDbContext, SqliteWaterDbContext, SqlServerWaterDbContext>(
            Departments.Water, typeof(WaterExtensions).Assembly, department => department.PlainSurvey = false);
        builder.AddDepartmentPolicy(Departments.Water, WaterPolicy.Xichou2021);
        return builder;
    }
}
