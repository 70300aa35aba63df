using Xichou.Agriculture.Apis;
using Xichou.Agriculture.Application;
using Xichou.Agriculture.Infrastructure;
using Xichou.Agriculture.Policy;
using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Ledger;
using Xichou.DepartmentKit.Policy;

namespace Xichou.Agriculture.Extensions;

public static class AgricultureExtensions
{
    public static IHostApplicationBuilder AddAgriculture(this IHostApplicationBuilder builder)
    {
        // The plain survey stays (an existing route); the industry survey records it too.
        builder.AddDepartment<AgricultureDbContext, SqliteAgricultureDbContext, SqlServerAgricultureDbContext>(
            Departments.Agriculture, typeof(AgricultureExtensions).Assembly, department => department.PlainSurvey = true);
        builder.AddDepartmentPolicy(Departments.Agriculture, AgriculturePolicy.Xichou2021);
        builder.Services.AddScoped<SubsidyDesk>();
        builder.Services.AddScoped<CoverageDesk>();
        builder.Services.AddScoped<ILedgerSource, AgricultureLedger>();
        return builder;
    }

    /// <summary>The kit's endpoints and pages, then agriculture's own: industry subsidies, industries, linkages and insurance.</summary>
    public static WebApplication MapAgriculture(this WebApplication app)
    {
        app.MapDepartment();
        app.MapIndustryApplicationsApi();
        app.MapCoverageApi();
        return app;
    }
}
