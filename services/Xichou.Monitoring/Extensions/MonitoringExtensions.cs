using MassTransit;
using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Apis;
using Xichou.Monitoring.Application;
using Xichou.Monitoring.Consumers;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Import;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.ServiceDefaults.Security;
using Xichou.Web;

namespace Xichou.Monitoring.Extensions;

public static class MonitoringExtensions
{
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApi(ServiceNames.Monitoring, "监测帮扶 Monitoring API");
        // The 2021 Xichou measures unless configuration carries a later year's (Policy:Monitoring).
        builder.Services.AddSingleton(builder.Configuration.GetSection(MonitoringPolicy.SectionName).Get<MonitoringPolicy>()
            ?? MonitoringPolicy.Xichou2021);
        builder.Services.AddScoped<IDatabaseSeeder<MonitoringDbContext>, DemoHouseholdSeeder>();
        builder.AddServiceDatabase<MonitoringDbContext, SqliteMonitoringDbContext, SqlServerMonitoringDbContext>(ServiceNames.Monitoring);
        // The register keeps every referral, whoever sent it: a risk closes only once the referrals working on it are resolved.
        builder.AddReferrals<MonitoringDbContext, RegisterReferralHouseholds>(ServiceNames.Monitoring, keepsAll: true);
        builder.AddServiceMessaging<MonitoringDbContext>(ServiceNames.Monitoring, bus =>
        {
            bus.AddConsumer<RiskIdentifiedConsumer>().Endpoint(endpoint => endpoint.Name = RiskIdentifiedConsumer.QueueName);
            // A department's resync is answered on a queue of its own, so a large answer never holds up the findings.
            bus.AddConsumer<HouseholdResyncConsumer>().Endpoint(endpoint => endpoint.Name = HouseholdResyncConsumer.QueueName);
            bus.AddReferralConsumer<MonitoringDbContext>(ServiceNames.Monitoring);
        });
        // Pairing cadres record their own 回头看 visits; everything else a visit does needs a writer.
        builder.Services.AddAuthorizationBuilder().AddPolicy(VisitsApi.RecordVisitsPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(ServiceAccess.WritersOf(ServiceNames.Monitoring).Append(Roles.PairingCadre)));
        builder.Services.AddMonitoringApplication();
        builder.Services.AddSingleton<RiskEscalator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RiskEscalator>());
        builder.Services.AddSingleton<HouseholdRegistrar>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HouseholdRegistrar>());
        builder.Services.AddSingleton<ImportProgressStore>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(ImportLimits.SectionName).Get<ImportLimits>() ?? new ImportLimits());
        builder.Services.AddSingleton<ImportGate>();
        builder.Services.AddScoped<HouseholdImporter>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(DuplicateAnswerLimits.SectionName).Get<DuplicateAnswerLimits>()
            ?? new DuplicateAnswerLimits());
        builder.Services.AddSingleton<DuplicateIdNumbers>();
        builder.AddDepartmentUi(Departments.Monitoring, typeof(MonitoringExtensions).Assembly,
        [
            new("risks", "风险台账", Policies.ReadHouseholds),
            new("analysis", "月度分析", Policies.ReadHouseholds),
            new("notice", "公示", Policies.ReadHouseholds),
            new("register/import", "台账导入", Policies.WriteHouseholds),
            new("pairing", "挂钩帮扶", Policies.ReadHouseholds),
            new("loans", "小额信贷", Policies.ReadHouseholds),
            new("hotline", "举报电话", Policies.WriteHouseholds),
            new("referrals", "转办", Policies.ReadReferrals),
        ], [typeof(ReferralExtensions).Assembly]);
        return builder;
    }
}
