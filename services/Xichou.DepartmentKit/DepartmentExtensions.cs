using System.Reflection;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.DepartmentKit.Ledger;
using Xichou.DepartmentKit.Policy;
using Xichou.DepartmentKit.Referrals;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.ServiceDefaults.Security;
using Xichou.Web;

namespace Xichou.DepartmentKit;

/// <summary>What a department adds to the kit: its consumers, its pages in the navigation bar, whether it uses the plain survey.</summary>
public sealed class DepartmentOptions
{
    /// <summary>The department's own consumers, beside the kit's household and referral consumers.</summary>
    public Action<IBusRegistrationConfigurator>? Consumers { get; set; }

    /// <summary>The department's own pages in the navigation bar (the kit adds 转办).</summary>
    public List<PageLink> Links { get; } = [];

    /// <summary>
    /// A department without a check of its own records a plain survey (secured or a problem, <c>PUT /api/households/{id}/survey</c>);
    /// one with its own check (housing's assessment, water's check) records the survey through it.
    /// </summary>
    public bool PlainSurvey { get; set; }
}

public static class DepartmentExtensions
{
    /// <summary>
    /// Turns a service into a department of the platform: its API with the gateway's token checked, its own database
    /// (<typeparamref name="TContext"/>, a provider subclass each), its copy of the register kept from the bus, referrals
    /// with deadlines, its pages with the shared layout. The department's own tables, rules and pages stay in its project.
    /// </summary>
    public static IHostApplicationBuilder AddDepartment<TContext, TSqliteContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, Department department, Assembly pagesAssembly, Action<DepartmentOptions>? configure = null)
        where TContext : DepartmentDbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
    {
        var options = new DepartmentOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(department);
        builder.Services.AddSingleton(options);
        builder.AddServiceApi(department.Key, $"{department.Name} {department.EnglishName} API");
        builder.AddDepartmentDatabase<TContext, TSqliteContext, TSqlServerContext>(department.Key);
        builder.AddReferrals<TContext, KnownHouseholdReferrals>(department.Key);
        builder.AddServiceMessaging<TContext>(department.Key, bus =>
        {
            bus.AddHouseholdCopy<TContext>(department.Key);
            bus.AddReferralConsumer<TContext>(department.Key);
            options.Consumers?.Invoke(bus);
        });
        builder.AddDepartmentUi(department, pagesAssembly,
            [.. options.Links, new PageLink("referrals", "转办", Policies.ReadReferrals)],
            [typeof(DepartmentExtensions).Assembly]);
        return builder;
    }

    /// <summary>
    /// The request pipeline and every endpoint the kit gives a department: health, its households, referrals, its policy
    /// (when it has one), its ledger (when it has a source) and its pages.
    /// </summary>
    public static WebApplication MapDepartment(this WebApplication app)
    {
        var department = app.Services.GetRequiredService<Department>();
        app.UseServicePipeline();
        app.MapDefaultEndpoints();
        app.MapKnownHouseholdsApi();
        if (app.Services.GetRequiredService<DepartmentOptions>().PlainSurvey)
        {
            app.MapSurveyApi();
        }
        app.MapReferralsApi();
        var registered = app.Services.GetRequiredService<IServiceProviderIsService>();
        if (registered.IsService(typeof(IDepartmentPolicy)))
        {
            app.MapDepartmentPolicy(department);
        }
        if (registered.IsService(typeof(ILedgerSource)))
        {
            app.MapLedgerApi();
        }
        app.MapDepartmentUi();
        return app;
    }
}
