using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Policy;
using Xichou.Agriculture.Infrastructure;
using Xichou.Agriculture.Policy;

namespace Xichou.Agriculture.Extensions;

public static class AgricultureExtensions
{
    public static IHostApplicationBuilder AddAgriculture(this IHostApplicationBuilder builder)
    {
        builder.AddDepartment<AgricultureDbContext, SqliteAgricultureDbContext, SqlServerAgricultureDbContext>(
            Departments.Agriculture, typeof(AgricultureExtensions).Assembly, department => department.PlainSurvey = true);
        builder.AddDepartmentPolicy(Departments.Agriculture, AgriculturePolicy.Xichou2021);
        return builder;
    }
}
