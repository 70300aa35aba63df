using Xichou.Housing.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHousing();

var app = builder.Build();
app.MapHousing();
app.Run();
