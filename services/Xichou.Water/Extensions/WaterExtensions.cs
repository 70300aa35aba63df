using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Ledger;
using Xichou.DepartmentKit.Policy;
using Xichou.Water.Apis;
using Xichou.Water.Application;
using Xichou.Water.Application.Checks;
using Xichou.Water.Application.Remediations;
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
        builder.Services.AddScoped<WaterChecks>();
        builder.Services.AddScoped<RemediationDesk>();
        builder.Services.AddScoped<ILedgerSource, WaterLedger>();
        return builder;
    }

    /// <summary>The kit's endpoints and pages, then the water bureau's checks and remediation cases.</summary>
    public static WebApplication MapWater(this WebApplication app)
    {
        app.MapDepartment();
        app.MapChecksApi();
        app.MapRemediationsApi();
        return app;
    }
}
