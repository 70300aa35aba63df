using Xichou.Employment.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEmployment();

var app = builder.Build();
app.MapEmployment();
app.Run();
