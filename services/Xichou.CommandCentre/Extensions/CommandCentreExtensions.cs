using Xichou.Contracts;
using Xichou.DepartmentKit;
using Xichou.DepartmentKit.Policy;
using Xichou.CommandCentre.Infrastructure;

namespace Xichou.CommandCentre.Extensions;

public static class CommandCentreExtensions
{
    public static IHostApplicationBuilder AddCommandCentre(this IHostApplicationBuilder builder)
    {
        builder.AddDepartment<CommandCentreDbContext, SqliteCommandCentreDbContext, SqlServerCommandCentreDbContext>(
            Departments.CommandCentre, typeof(CommandCentreExtensions).Assembly, department => department.PlainSurvey = true);
        return builder;
    }
}
