using Xichou.CommandCentre.Feed;
using Xichou.CommandCentre.Infrastructure;
using Xichou.CommandCentre.Overview;
using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.ServiceDefaults.Security;
using Xichou.Web;

namespace Xichou.CommandCentre.Extensions;

public static class CommandCentreExtensions
{
    public static IHostApplicationBuilder AddCommandCentre(this IHostApplicationBuilder builder)
    {
        builder.AddDepartment<CommandCentreDbContext, SqliteCommandCentreDbContext, SqlServerCommandCentreDbContext>(
            Departments.CommandCentre, typeof(CommandCentreExtensions).Assembly, department =>
            {
                department.PlainSurvey = true;
                department.Consumers = bus => bus.AddFeedConsumers();
                department.Links.Add(new PageLink("supervision", "本月督办", OverviewScope.Policy));
                department.Links.Add(new PageLink("big-screen", "大屏", OverviewScope.Policy));
                department.Links.Add(new PageLink("register", "登记户", Policies.ReadHouseholds));
            });
        builder.Services.AddSingleton<FeedGate>();
        builder.Services.AddSingleton<OverviewSignal>();
        builder.Services.AddSingleton<OverviewCache>();
        builder.Services.AddScoped<ProjectionRebuild>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OverviewScope.Policy, policy => policy.RequireAuthenticatedUser().RequireRole(OverviewScope.Readers))
            .AddPolicy(OverviewApi.RebuildPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return builder;
    }
}
