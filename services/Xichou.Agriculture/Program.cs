using Xichou.Agriculture.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAgriculture();

var app = builder.Build();
app.MapAgriculture();
app.Run();
