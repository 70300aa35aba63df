using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Ledger;
using Xichou.DepartmentKit.Policy;
using MassTransit;
using Xichou.Insurance.Apis;
using Xichou.Insurance.Consumers;
using Xichou.Insurance.Application;
using Xichou.Insurance.Infrastructure;
using Xichou.Insurance.Policy;

namespace Xichou.Insurance.Extensions;

public static class InsuranceExtensions
{
    public static IHostApplicationBuilder AddInsurance(this IHostApplicationBuilder builder)
    {
        builder.AddDepartment<InsuranceDbContext, SqliteInsuranceDbContext, SqlServerInsuranceDbContext>(
            Departments.Insurance, typeof(InsuranceExtensions).Assembly, department =>
            {
                department.PlainSurvey = true;
                department.Consumers = bus => bus.AddConsumer<FindingClaimConsumer>()
                    .Endpoint(endpoint => endpoint.Name = FindingClaimConsumer.QueueName);
            });
        builder.AddDepartmentPolicy(Departments.Insurance, InsurancePolicy.Xichou2021);
        builder.Services.AddScoped<MembersDesk>();
        builder.Services.AddScoped<HospitalSubsidyDesk>();
        builder.Services.AddScoped<EnrolmentDesk>();
        builder.Services.AddScoped<PovertyInsuranceDesk>();
        builder.Services.AddScoped<OtherSupportDesk>();
        builder.Services.AddScoped<ILedgerSource, InsuranceLedger>();
        return builder;
    }

    /// <summary>The kit's endpoints and pages, then insurance's own: members, hospital subsidies, medical-insurance enrolment, 防贫保险 and its claims, other support.</summary>
    public static WebApplication MapInsurance(this WebApplication app)
    {
        app.MapDepartment();
        app.MapMembersApi();
        app.MapMedicalInsuranceApi();
        app.MapPovertyInsuranceApi();
        app.MapOtherSupportApi();
        return app;
    }
}
