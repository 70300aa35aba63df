using Xichou.Monitoring.Application.Analysis;
using Xichou.Monitoring.Application.Households;
using Xichou.Monitoring.Application.Hotline;
using Xichou.Monitoring.Application.Loans;
using Xichou.Monitoring.Application.Notices;
using Xichou.Monitoring.Application.Pairing;

namespace Xichou.Monitoring.Application;

/// <summary>The use cases the endpoints and the pages share, one handler each, scoped like the DbContext they use.</summary>
public static class ApplicationServices
{
    public static IServiceCollection AddMonitoringApplication(this IServiceCollection services)
    {
        services.AddScoped<ReceiveComplaintHandler>();
        services.AddScoped<DecideInclusionHandler>();
        services.AddScoped<HotlineQueries>();
        services.AddScoped<FileMonthlyAnalysisHandler>();
        services.AddScoped<RemindTownshipHandler>();
        services.AddScoped<MonthlyDuties>();
        services.AddScoped<MonthlyAnalysisReader>();
        services.AddScoped<PublicNoticeReader>();
        services.AddScoped<LoanQueries>();
        services.AddScoped<PairingQueries>();
        services.AddScoped<PairingHandler>();
        services.AddScoped<ChangeHouseholdStatusHandler>();
        return services;
    }
}
