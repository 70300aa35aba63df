using Xichou.DepartmentKit;
using Xichou.Housing.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHousing();

var app = builder.Build();
app.MapDepartment();
app.Run();
