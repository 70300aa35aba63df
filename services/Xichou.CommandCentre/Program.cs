using Microsoft.Extensions.DependencyInjection;
using Xichou.CommandCentre.Extensions;
using Xichou.CommandCentre.Feed;
using Xichou.CommandCentre.Overview;
using Xichou.DepartmentKit;

var builder = WebApplication.CreateBuilder(args);
var rebuildOnly = args.Contains(ProjectionRebuild.Command, StringComparer.Ordinal);
if (rebuildOnly && string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("rabbitmq")))
{
    // The rebuild reads and writes the database only; the bus is configured but never started.
    builder.Configuration["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@localhost:5672";
}
builder.AddServiceDefaults();
builder.AddCommandCentre();

var app = builder.Build();
if (rebuildOnly)
{
    // dotnet run --project services/Xichou.CommandCentre -- rebuild-projections [Database:DataDirectory=…]
    await using var scope = app.Services.CreateAsyncScope();
    var result = await scope.ServiceProvider.GetRequiredService<ProjectionRebuild>().RunAsync(CancellationToken.None);
    Console.WriteLine($"Replayed {result.Events} events into the overview's projections in {result.Took.TotalSeconds:0.000} s.");
    return;
}
app.MapDepartment();
app.MapOverviewApi();
app.Run();
