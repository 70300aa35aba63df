using MassTransit;
using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Apis;
using Xichou.Monitoring.Application;
using Xichou.Monitoring.Application.Access;
using Xichou.Monitoring.Application.Ledger;
using Xichou.Monitoring.Application.Visits;
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
        // The 2021 Xichou measures, adjusted by Policy:Monitoring, and any later versions (Policy:Monitoring:Versions). A
        // MonitoringPolicy on its own is the version in force today; what happened on a day is judged by that day's version.
        builder.Services.AddSingleton(MonitoringPolicies.From(builder.Configuration));
        builder.Services.AddScoped(services => services.GetRequiredService<MonitoringPolicies>().Current(services.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<RecordVisitHandler>();
        builder.Services.AddScoped<IDatabaseSeeder<MonitoringDbContext>, DemoHouseholdSeeder>();
        builder.AddServiceDatabase<MonitoringDbContext, SqliteMonitoringDbContext, SqlServerMonitoringDbContext>(ServiceNames.Monitoring);
        // The register keeps every referral, whoever sent it: a risk closes only once the referrals working on it are resolved.
        builder.AddReferrals<MonitoringDbContext, RegisterReferralHouseholds>(ServiceNames.Monitoring, keepsAll: true);
        builder.AddServiceMessaging<MonitoringDbContext>(ServiceNames.Monitoring, bus =>
        {
            bus.AddConsumer<RiskIdentifiedConsumer>().Endpoint(endpoint => endpoint.Name = RiskIdentifiedConsumer.QueueName);
            bus.AddConsumer<FindingClearedConsumer>().Endpoint(endpoint => endpoint.Name = FindingClearedConsumer.QueueName);
            // A department's resync is answered on a queue of its own, so a large answer never holds up the findings.
            bus.AddConsumer<HouseholdResyncConsumer>().Endpoint(endpoint => endpoint.Name = HouseholdResyncConsumer.QueueName);
            bus.AddConsumer<HouseholdPaidConsumer>().Endpoint(endpoint => endpoint.Name = HouseholdPaidConsumer.QueueName);
            bus.AddReferralConsumer<MonitoringDbContext>(ServiceNames.Monitoring);
        });
        // Pairing cadres record their own 回头看 visits; everything else a visit does needs a writer.
        builder.Services.AddAuthorizationBuilder().AddPolicy(MonitoringAccess.RecordVisitsPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(MonitoringAccess.VisitRecorders));
        builder.Services.AddMonitoringApplication();
        builder.Services.AddSingleton<RiskEscalator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RiskEscalator>());
        builder.Services.AddSingleton<HouseholdRegistrar>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HouseholdRegistrar>());
        builder.Services.AddSingleton<ImportProgressStore>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(ImportLimits.SectionName).Get<ImportLimits>() ?? new ImportLimits());
        builder.Services.AddSingleton<ImportGate>();
        builder.Services.AddScoped<HouseholdImporter>();
        builder.Services.AddScoped<HouseholdLedgerReader>();
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
            new("policy", "监测政策", Policies.ReadHouseholds),
        ], [typeof(ReferralExtensions).Assembly]);
        return builder;
    }
}
