using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Apis;
using Xichou.Monitoring.Extensions;
using Xichou.ServiceDefaults.Http;
using Xichou.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMonitoring();

var app = builder.Build();
app.UseServicePipeline();
app.MapDefaultEndpoints();
app.MapHouseholdsApi();
app.MapMembersApi();
app.MapImportApi();
app.MapHouseholdStatusApi();
app.MapPolicyApi();
app.MapVisitsApi();
app.MapRisksApi();
app.MapAnalysisApi();
app.MapNoticeApi();
app.MapPairingApi();
app.MapLoansApi();
app.MapHotlineApi();
app.MapLedgerApi();
app.MapReferralsApi();
app.MapDepartmentUi();
app.Run();
