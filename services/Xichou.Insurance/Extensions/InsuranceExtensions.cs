using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Policy;
using Xichou.Insurance.Infrastructure;
using Xichou.Insurance.Policy;

namespace Xichou.Insurance.Extensions;

public static class InsuranceExtensions
{
    public static IHostApplicationBuilder AddInsurance(this IHostApplicationBuilder builder)
    {
        builder.AddDepartment<InsuranceDbContext, SqliteInsuranceDbContext, SqlServerInsuranceDbContext>(
            Departments.Insurance, typeof(InsuranceExtensions).Assembly, department => department.PlainSurvey = true);
        builder.AddDepartmentPolicy(Departments.Insurance, InsurancePolicy.Xichou2021);
        return builder;
    }
}
