using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xichou.ServiceDefaults.Data;

namespace Xichou.DepartmentKit.Referrals;

public static class ReferralExtensions
{
    /// <summary>
    /// Referrals for a service: the use cases (<see cref="ReferralDesk"/>), the platform-wide deadline policy
    /// (<c>Policy:Referrals</c>), China's working calendar, the deadline sweep for what is referred to this service, and
    /// which referrals it keeps (its own, or every one when <paramref name="keepsAll"/>).
    /// <typeparamref name="THouseholds"/> is where the service finds its households.
    /// </summary>
    public static IHostApplicationBuilder AddReferrals<TContext, THouseholds>(this IHostApplicationBuilder builder, string service, bool keepsAll = false)
        where TContext : ServiceDbContext
        where THouseholds : class, IReferralHouseholds
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(ReferralPolicy.SectionName).Get<ReferralPolicy>() ?? ReferralPolicy.Default);
        builder.Services.AddSingleton(WorkingCalendar.China);
        builder.Services.AddSingleton(new ReferralKeeping(service, keepsAll));
        builder.Services.AddScoped<IReferralHouseholds, THouseholds>();
        builder.Services.AddScoped<ReferralDesk>();
        builder.Services.AddSingleton<ReferralDeadlineSweep<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReferralDeadlineSweep<TContext>>());
        return builder;
    }

    /// <summary>The consumer of every referral event, on the service's own queue <c>{service}-referrals</c>.</summary>
    public static IBusRegistrationConfigurator AddReferralConsumer<TContext>(this IBusRegistrationConfigurator bus, string service)
        where TContext : ServiceDbContext
    {
        bus.AddConsumer<ReferralEventsConsumer<TContext>>().Endpoint(endpoint => endpoint.Name = $"{service}-referrals");
        return bus;
    }
}
