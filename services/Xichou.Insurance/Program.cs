using Xichou.Insurance.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddInsurance();

var app = builder.Build();
app.MapInsurance();
app.Run();
