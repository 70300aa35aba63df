using Xichou.Water.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWater();

var app = builder.Build();
app.MapWater();
app.Run();
