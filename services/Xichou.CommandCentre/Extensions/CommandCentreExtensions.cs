using Xichou.Contracts;
using Xichou.CommandCentre.Infrastructure;
using Xichou.ServiceDefaults.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;
using Xichou.Web;

namespace Xichou.CommandCentre.Extensions;

public static class CommandCentreExtensions
{
    public static IHostApplicationBuilder AddCommandCentre(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApi(ServiceNames.CommandCentre, "指挥中心 Command centre API");
        builder.AddDepartmentDatabase<CommandCentreDbContext, SqliteCommandCentreDbContext, SqlServerCommandCentreDbContext>(ServiceNames.CommandCentre);
        builder.AddServiceMessaging<CommandCentreDbContext>(
            ServiceNames.CommandCentre, bus => bus.AddHouseholdReplica<CommandCentreDbContext>(ServiceNames.CommandCentre));
        builder.AddDepartmentUi(Departments.CommandCentre, typeof(CommandCentreExtensions).Assembly);
        return builder;
    }
}
