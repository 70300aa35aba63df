using Xichou.Education.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEducation();

var app = builder.Build();
app.MapEducation();
app.Run();
