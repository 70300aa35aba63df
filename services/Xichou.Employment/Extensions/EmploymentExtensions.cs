using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Policy;
using Xichou.Employment.Infrastructure;
using Xichou.Employment.Policy;

namespace Xichou.Employment.Extensions;

public static class EmploymentExtensions
{
    public static IHostApplicationBuilder AddEmployment(this IHostApplicationBuilder builder)
    {
        builder.AddDepartment<EmploymentDbContext, SqliteEmploymentDbContext, SqlServerEmploymentDbContext>(
            Departments.Employment, typeof(EmploymentExtensions).Assembly, department => department.PlainSurvey = true);
        builder.AddDepartmentPolicy(Departments.Employment, EmploymentPolicy.Xichou2021);
        return builder;
    }
}
