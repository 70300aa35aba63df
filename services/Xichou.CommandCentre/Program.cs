using Xichou.DepartmentKit;
using Xichou.CommandCentre.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCommandCentre();

var app = builder.Build();
app.MapDepartment();
app.Run();
