using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Ledger;
using Xichou.DepartmentKit.Policy;
using Xichou.Employment.Apis;
using Xichou.Employment.Application;
using Xichou.Employment.Infrastructure;
using Xichou.Employment.Policy;

namespace Xichou.Employment.Extensions;

public static class EmploymentExtensions
{
    public static IHostApplicationBuilder AddEmployment(this IHostApplicationBuilder builder)
    {
        // The plain survey stays (PUT /api/households/{id}/survey is a contract); recording labourers sets it too.
        builder.AddDepartment<EmploymentDbContext, SqliteEmploymentDbContext, SqlServerEmploymentDbContext>(
            Departments.Employment, typeof(EmploymentExtensions).Assembly, department => department.PlainSurvey = true);
        builder.AddDepartmentPolicy(Departments.Employment, EmploymentPolicy.Xichou2021);
        builder.Services.AddScoped<EmploymentDesk>();
        builder.Services.AddScoped<ILedgerSource, EmploymentLedger>();
        return builder;
    }

    /// <summary>The kit's endpoints and pages, then employment's own: labourers, trainings, status, job services, monthly checks.</summary>
    public static WebApplication MapEmployment(this WebApplication app)
    {
        app.MapDepartment();
        app.MapEmploymentApi();
        return app;
    }
}
