using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Ledger;
using Xichou.DepartmentKit.Policy;
using Xichou.Housing.Apis;
using Xichou.Housing.Application;
using Xichou.Housing.Infrastructure;
using Xichou.Housing.Policy;

namespace Xichou.Housing.Extensions;

public static class HousingExtensions
{
    public static IHostApplicationBuilder AddHousing(this IHostApplicationBuilder builder)
    {
        // The survey is recorded through the assessment, not the kit's plain survey.
        builder.AddDepartment<HousingDbContext, SqliteHousingDbContext, SqlServerHousingDbContext>(
            Departments.Housing, typeof(HousingExtensions).Assembly, department => department.PlainSurvey = false);
        builder.AddDepartmentPolicy(Departments.Housing, HousingPolicy.Xichou2021);
        builder.Services.AddScoped<AssessmentDesk>();
        builder.Services.AddScoped<RemediationDesk>();
        builder.Services.AddScoped<ILedgerSource, HousingLedger>();
        return builder;
    }

    /// <summary>The kit's endpoints and pages, then housing's own: assessments and remediation cases.</summary>
    public static WebApplication MapHousing(this WebApplication app)
    {
        app.MapDepartment();
        app.MapAssessmentsApi();
        app.MapRemediationsApi();
        return app;
    }
}
