using Xichou.Agriculture.Extensions;
using Xichou.ServiceDefaults.Households;
using Xichou.ServiceDefaults.Http;
using Xichou.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAgriculture();

var app = builder.Build();
app.UseServicePipeline();
app.MapDefaultEndpoints();
app.MapHouseholdReplicaApi();
app.MapSurveyApi();
app.MapDepartmentUi();
app.Run();
