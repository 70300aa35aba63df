using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Policy;
using Xichou.Education.Infrastructure;
using Xichou.Education.Policy;

namespace Xichou.Education.Extensions;

public static class EducationExtensions
{
    public static IHostApplicationBuilder AddEducation(this IHostApplicationBuilder builder)
    {
        builder.AddDepartment<EducationDbContext, SqliteEducationDbContext, SqlServerEducationDbContext>(
            Departments.Education, typeof(EducationExtensions).Assembly, department => department.PlainSurvey = true);
        builder.AddDepartmentPolicy(Departments.Education, EducationPolicy.Xichou2021);
        return builder;
    }
}
