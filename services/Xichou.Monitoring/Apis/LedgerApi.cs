using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.Monitoring.Application.Ledger;
using Xichou.Monitoring.Infrastructure;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>
/// The household ledger (资金台账): every yuan any department paid a household, per year, read from the
/// <see cref="HouseholdPaid"/> events they publish; and the year's payments of a jurisdiction for the year-end review.
/// </summary>
public static class LedgerApi
{
    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var households = app.MapGroup("/api/households").WithTags("Ledger");
        households.MapGet("/{id:guid}/ledger", GetHouseholdLedger)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("GetHouseholdLedger")
            .WithSummary("资金台账: every payment any department made to the household in a year (?year=yyyy, this year by default), with totals by department and each cap's headroom.");
        households.MapGet("/{id:guid}/ledger/export", ExportHouseholdLedger)
            .RequireSameOriginFromBrowsers()
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ExportHouseholdLedger")
            .WithSummary("The household's ledger of a year as .xlsx; audited as an export.");
        app.MapGet("/api/ledger/payments/export", ExportPayments)
            .WithTags("Ledger")
            .RequireSameOriginFromBrowsers()
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ExportPaymentLedger")
            .WithSummary("年底考核: every payment of a year (?year=yyyy) to households in the caller's jurisdiction (?township=&village= narrow it) as .xlsx; audited as an export.");
        return app;
    }

    public static async Task<Results<Ok<HouseholdLedgerView>, NotFound, ValidationProblem>> GetHouseholdLedger(
        Guid id, string? year, ClaimsPrincipal user, HouseholdLedgerReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(new HouseholdLedgerRequest(id, year), user, cancellationToken) switch
        {
            LedgerOutcome<HouseholdLedgerView>.Found found => TypedResults.Ok(found.Value),
            LedgerOutcome<HouseholdLedgerView>.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportHouseholdLedger(
        Guid id, string? year, ClaimsPrincipal user, HouseholdLedgerReader reader, MonitoringDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        switch (await reader.ReadAsync(new HouseholdLedgerRequest(id, year), user, cancellationToken))
        {
            case LedgerOutcome<HouseholdLedgerView>.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
            case LedgerOutcome<HouseholdLedgerView>.Found { Value: var ledger }:
                var sheets = new Dictionary<string, object>
                {
                    ["资金台账"] = ledger.Payments.Select(p => Row(p)).ToList(),
                    ["额度"] = ledger.Caps.Select(c => new Dictionary<string, object?>
                    {
                        ["部门"] = HouseholdLedgerReader.DepartmentName(c.Department),
                        ["上限"] = c.CapName,
                        ["成员"] = c.MemberName,
                        ["上限金额（元）"] = c.CapYuan,
                        ["本年计入（元）"] = c.PaidThisYearYuan,
                        ["剩余额度（元）"] = c.HeadroomYuan,
                    }).ToList(),
                };
                using (var file = new MemoryStream())
                {
                    await file.SaveAsAsync(sheets, cancellationToken: cancellationToken);
                    db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Export, time.GetUtcNow(), ledger.HouseholdId,
                        details: new { report = "household-ledger", ledger.Year, payments = ledger.Payments.Count, total = ledger.TotalYuan }));
                    await db.SaveChangesAsync(cancellationToken);
                    return TypedResults.File(file.ToArray(), HouseholdsApi.XlsxContentType, $"资金台账-{ledger.HouseholdCode}-{ledger.Year}.xlsx");
                }
            default:
                return TypedResults.NotFound();
        }
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportPayments(
        string? year, string? township, string? village, ClaimsPrincipal user, ServiceSecurity security, HouseholdLedgerReader reader,
        MonitoringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var outcome = await reader.ReadScopeAsync(new PaymentLedgerRequest(year, township, village), user, cancellationToken);
        if (outcome is LedgerOutcome<IReadOnlyList<ScopedPaymentView>>.Invalid invalid)
        {
            return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
        }
        var payments = ((LedgerOutcome<IReadOnlyList<ScopedPaymentView>>.Found)outcome).Value;
        var rows = payments.Select(p =>
        {
            var row = new Dictionary<string, object?>
            {
                ["户编号"] = p.HouseholdCode,
                ["乡镇"] = Townships.NameOf(p.TownshipCode),
                ["村委会"] = p.Village,
                ["户主姓名"] = p.HeadName,
            };
            foreach (var (key, value) in Row(p.Payment))
            {
                row[key] = value;
            }
            return row;
        }).ToList();
        var scope = security.JurisdictionOf(user);
        var theYear = string.IsNullOrWhiteSpace(year) ? Beijing.Today(time).Year.ToString(CultureInfo.InvariantCulture) : year.Trim();
        using var file = new MemoryStream();
        await file.SaveAsAsync(rows, sheetName: "资金台账", cancellationToken: cancellationToken);
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Export, time.GetUtcNow(),
            details: new { report = "payment-ledger", year = theYear, scope = scope.DisplayName, township, village, payments = rows.Count }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(file.ToArray(), HouseholdsApi.XlsxContentType, $"资金台账-{scope.DisplayName}-{theYear}.xlsx");
    }

    private static Dictionary<string, object?> Row(LedgerPaymentView p) => new()
    {
        ["支付日期"] = p.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["部门"] = p.DepartmentName,
        ["措施"] = $"第{p.Measure}条",
        ["项目"] = p.KindName,
        ["成员"] = p.MemberName,
        ["金额（元）"] = p.AmountYuan,
        ["凭证号"] = p.Voucher,
        ["计入上限"] = p.CapName,
        ["上限金额（元）"] = p.CapYuan,
        ["支付后剩余额度（元）"] = p.HeadroomAfterYuan,
        ["政策版本"] = p.PolicyVersion,
    };
}
