using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Ledger;
using Xichou.DepartmentKit.Policy;
using Xichou.Education.Apis;
using Xichou.Education.Application;
using Xichou.Education.Infrastructure;
using Xichou.Education.Policy;

namespace Xichou.Education.Extensions;

public static class EducationExtensions
{
    public static IHostApplicationBuilder AddEducation(this IHostApplicationBuilder builder)
    {
        // The household's survey follows its children's (PUT /api/households/{id}/survey stays, as before).
        builder.AddDepartment<EducationDbContext, SqliteEducationDbContext, SqlServerEducationDbContext>(
            Departments.Education, typeof(EducationExtensions).Assembly, department => department.PlainSurvey = true);
        builder.AddDepartmentPolicy(Departments.Education, EducationPolicy.Xichou2021);
        builder.Services.AddScoped<StudentDirectory>();
        builder.Services.AddScoped<StudentDesk>();
        builder.Services.AddScoped<SubsidyDesk>();
        builder.Services.AddScoped<ILedgerSource, EducationLedger>();
        return builder;
    }

    /// <summary>The kit's endpoints and pages, then education's own: students, their survey and subsidies.</summary>
    public static WebApplication MapEducation(this WebApplication app)
    {
        app.MapDepartment();
        app.MapStudentsApi();
        return app;
    }
}
